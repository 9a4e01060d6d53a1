import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '$lib/data/read-dataset';
import { DATA_FILES } from '$lib/data/issues';
import { checkDataset } from '../../scripts/lib/checked-data-plugin';

/** A copy of geodata/ in a temporary project root, to break without touching the real one. */
function copyOfProject(): string {
	const root = mkdtempSync(join(tmpdir(), 'atlas-checked-'));
	cpSync('geodata', join(root, 'geodata'), { recursive: true });
	return root;
}

describe('the dataset the build checks and ships', () => {
	it('is what the page would get from checking the raw files, and its digest is of its bytes', async () => {
		const { json, sha256 } = await checkDataset('.', readDataset);
		const files = Object.fromEntries(
			Object.entries(DATA_FILES).map(([key, file]) => [key, { text: readFileSync(file, 'utf8') }])
		) as Parameters<typeof readDataset>[0];
		const inPage = await readDataset(files);
		expect(inPage.ok).toBe(true);
		// Through JSON and back, nothing is lost or changed (no undefined, Date or NaN in it).
		expect(JSON.parse(json)).toEqual(inPage.ok && inPage.data);
		expect(sha256).toBe(createHash('sha256').update(Buffer.from(json, 'utf8')).digest('hex'));
	});

	it('fails the build with every problem, each naming its file, record and field', async () => {
		const root = copyOfProject();
		const path = join(root, DATA_FILES.incidents);
		const incidents = JSON.parse(readFileSync(path, 'utf8'));
		incidents.features[0].properties.date = '2011-13-45';
		incidents.features[1].geometry = null;
		writeFileSync(path, JSON.stringify(incidents));
		const error = await checkDataset(root, readDataset).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		const message = (error as Error).message;
		expect(message).toMatch(/^\d+ problem\(s\) in geodata\//);
		const id0 = incidents.features[0].properties.id;
		const id1 = incidents.features[1].properties.id;
		expect(message).toContain(`geodata/incidents.geojson: ${id0}: properties.date`);
		expect(message).toContain(`geodata/incidents.geojson: ${id1}: geometry`);
	});
});
