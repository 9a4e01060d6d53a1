/**
 * Helpers for the import browser tests: synthetic files in memory, and the import dialog
 * driven as a user drives it (button, file input, Import, wait for the outcome).
 */
import type { Page } from 'playwright-core';
import { sampleLines, type SampleLayout } from '../../scripts/lib/sample';

export type InMemoryFile = { name: string; mimeType: string; buffer: Buffer };

/** A synthetic ACLED or GTD CSV (GTD as Latin-1, as the public file is). */
export function sampleFile(layout: SampleLayout, rows: number, seed = 1): InMemoryFile {
	const text = `${[...sampleLines({ layout, rows, seed })].join('\r\n')}\r\n`;
	return {
		name: `${layout}-sample.csv`,
		mimeType: 'text/csv',
		buffer: layout === 'gtd' ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8')
	};
}

export const csvFile = (name: string, text: string | Buffer): InMemoryFile => ({
	name,
	mimeType: 'text/csv',
	buffer: typeof text === 'string' ? Buffer.from(text, 'utf8') : text
});

/** Opens the dialog (if closed) and chooses a file; resolves once the file was read. */
export async function chooseFile(page: Page, file: InMemoryFile): Promise<void> {
	const dialog = page.getByRole('dialog', { name: 'Import data' });
	if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Import data' }).click();
	await dialog.getByLabel(/^File/).setInputFiles(file);
	await dialog.getByLabel('Read as').waitFor();
}

/** Presses Import and waits for the outcome message (success or rejection). */
export async function runImport(page: Page): Promise<string> {
	const dialog = page.getByRole('dialog', { name: 'Import data' });
	await dialog.getByRole('button', { name: /^Import / }).click();
	const outcome = dialog.locator('.done, .error');
	await outcome.first().waitFor({ timeout: 45_000 });
	return (await outcome.first().textContent()) ?? '';
}

/** Ids of the imported datasets the map holds layers for. */
export async function importedLayerIds(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		return map
			.getStyle()
			.layers.map((l) => /^imported-([a-z0-9]+)-markers$/.exec(l.id)?.[1])
			.filter((id): id is string => Boolean(id));
	});
}

/** How many features an imported dataset's source holds (all of them, filtered or not). */
export async function importedFeatureCount(page: Page, dataset: string): Promise<number> {
	return page.evaluate(async (id) => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const source = map.getSource(`imported-${id}`) as import('maplibre-gl').GeoJSONSource;
		const data = (await source.getData()) as GeoJSON.FeatureCollection;
		return data.features.length;
	}, dataset);
}
