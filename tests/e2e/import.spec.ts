import { readFileSync } from 'node:fs';
import { waitForMapIdle } from '../support/map';
import {
	chooseFile,
	csvFile,
	importedFeatureCount,
	importedLayerIds,
	runImport,
	sampleFile
} from '../support/import';
import { expect, openAtlas, test } from './fixtures';

test('imports an ACLED-layout file, maps it as its own layer and keeps it after a reload', async ({
	page
}) => {
	await openAtlas(page);
	await chooseFile(page, sampleFile('acled', 500));
	const dialog = page.getByRole('dialog', { name: 'Import data' });
	await expect(dialog.getByLabel('Read as')).toHaveValue('acled');
	expect(await runImport(page)).toMatch(/Imported 500 rows into “acled-sample”/);
	await page.screenshot({ path: '.tmp/import-acled-dialog.png' });
	await dialog.getByRole('button', { name: 'Close' }).click();
	await waitForMapIdle(page);
	const [id] = await importedLayerIds(page);
	expect(id).toMatch(/^[a-z0-9]{8}$/);
	expect(await importedFeatureCount(page, id)).toBe(500);
	await expect(page.locator(`.legend label[data-dataset="${id}"]`)).toContainText('acled-sample');
	await page.screenshot({ path: '.tmp/import-acled-map.png' });

	await page.reload();
	await waitForMapIdle(page);
	expect(await importedLayerIds(page)).toEqual([id]);
	expect(await importedFeatureCount(page, id)).toBe(500);
});
