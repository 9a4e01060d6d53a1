import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FileSource } from './dataset-protocol';
import { DATA_FILES, formatIssue, type DataFileKey } from './issues';
import { buildMapOverlay } from './map-overlay';
import { readDataset } from './read-dataset';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const real = Object.fromEntries(
	Object.entries(DATA_FILES).map(([key, file]) => [key, readFileSync(ROOT + file, 'utf8')])
) as Record<DataFileKey, string>;

const URLS: Record<DataFileKey, FileSource> = {
	incidents: { url: 'https://atlas.test/incidents.geojson' },
	places: { url: 'https://atlas.test/places.geojson' },
	regions: { url: 'https://atlas.test/regions.geojson' },
	sources: { url: 'https://atlas.test/sources.json' }
};

/** A fetch that serves the real files, except where `replace` says otherwise. */
function serve(replace: Partial<Record<DataFileKey, () => Response>> = {}): typeof fetch {
	return (async (input: string | URL | Request) => {
		const key = (Object.keys(URLS) as DataFileKey[]).find(
			(k) => (URLS[k] as { url: string }).url === String(input)
		)!;
		return replace[key]?.() ?? new Response(real[key]);
	}) as typeof fetch;
}

describe('readDataset', () => {
	it('returns the shipped dataset when every file passes', async () => {
		const result = await readDataset(URLS, serve());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.data.incidents.length).toBe(JSON.parse(real.incidents).features.length);
		expect(result.data.sources.map((s) => s.id)).toEqual(
			JSON.parse(real.sources).map((s: { id: string }) => s.id)
		);
	});

	it('builds the map overlay beside the data, so the page needs no geometry code', async () => {
		const result = await readDataset(URLS, serve());
		if (!result.ok) throw new Error('the shipped dataset should pass');
		const { data } = result;
		expect(data.overlay).toEqual(buildMapOverlay(data));
		const overlay = data.overlay!;
		expect(overlay.incidents.features.map((f) => f.properties!.id).sort()).toEqual(
			data.incidents.map((f) => f.properties.id).sort()
		);
		// The bounds enclose every incident's point, and touch the extreme ones.
		const [[w, s], [e, n]] = overlay.bounds;
		const lons = data.incidents.map((f) => f.geometry.coordinates[0]);
		const lats = data.incidents.map((f) => f.geometry.coordinates[1]);
		expect([w, s, e, n]).toEqual([
			Math.min(...lons),
			Math.min(...lats),
			Math.max(...lons),
			Math.max(...lats)
		]);
	});

	it('takes text as well as URLs (the way an import hands files over)', async () => {
		const texts = Object.fromEntries(
			Object.entries(real).map(([key, text]) => [key, { text }])
		) as Record<DataFileKey, FileSource>;
		expect((await readDataset(texts, serve())).ok).toBe(true);
	});

	it('names the file the server would not give', async () => {
		const result = await readDataset(
			URLS,
			serve({ places: () => new Response('', { status: 404 }) })
		);
		expect(result.ok || result.issues.map(formatIssue)).toEqual([
			'geodata/places.geojson: (file): could not be fetched: the server answered 404'
		]);
	});

	it('names the file when the request itself fails', async () => {
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch;
		const result = await readDataset(URLS, offline);
		expect(result.ok || result.issues.map((i) => `${i.file}: ${i.message}`)).toEqual(
			Object.values(DATA_FILES).map((f) => `${f}: could not be fetched (Failed to fetch)`)
		);
	});

	it('names the file, line and column of broken JSON', async () => {
		const result = await readDataset(
			URLS,
			serve({ sources: () => new Response('[\n  {"id": "x",\n  }\n]') })
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues[0].file).toBe('geodata/sources.json');
		expect(result.issues[0].message).toMatch(/^not valid JSON at line 3, column 3/);
	});

	it('returns no data, only the problems, when one record is wrong', async () => {
		const incidents = JSON.parse(real.incidents);
		incidents.features[3].properties.status = 'rumoured';
		const result = await readDataset(
			URLS,
			serve({ incidents: () => new Response(JSON.stringify(incidents)) })
		);
		expect(result).toEqual({
			ok: false,
			issues: [
				expect.objectContaining({
					file: 'geodata/incidents.geojson',
					id: incidents.features[3].properties.id,
					path: 'properties.status'
				})
			]
		});
	});
});
