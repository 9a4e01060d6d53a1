import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGeoJson } from './geojson';

const dir = 'tests/fixtures/geojson';

describe('readGeoJson', () => {
	it('accepts the Atlas’s own incidents file whole, keeping its fields', () => {
		const text = readFileSync('geodata/incidents.geojson', 'utf8');
		const read = readGeoJson(text);
		const count = JSON.parse(text).features.length;
		expect(read.ok && read.records).toHaveLength(count);
		expect(read.ok && read.errors).toEqual([]);
		const first = read.ok ? read.records[0] : undefined;
		expect(first).toMatchObject({
			date: '2004',
			date_precision: 'year',
			location_precision: 'country',
			category: 'arrest'
		});
		expect(first?.excerpt).toMatch(/^Kazakh authorities detained/);
	});

	it('reads plain points with a date property and names the features it cannot use', () => {
		const read = readGeoJson(
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{
						type: 'Feature',
						geometry: { type: 'Point', coordinates: [76.9, 43.2] },
						properties: { name: 'Rally', date: '2013-06-01' }
					},
					{
						type: 'Feature',
						geometry: { type: 'Point', coordinates: [76.9, 43.2] },
						properties: { name: 'No date' }
					},
					{
						type: 'Feature',
						geometry: { type: 'Polygon', coordinates: [] },
						properties: { date: '2013' }
					},
					{
						type: 'Feature',
						geometry: { type: 'Point', coordinates: [200, 43.2] },
						properties: { date: '2013' }
					}
				]
			})
		);
		expect(read.ok && read.records.map((r) => [r.title, r.date, r.date_precision])).toEqual([
			['Rally', '2013-06-01', 'day']
		]);
		expect(read.ok && read.errors).toEqual([
			{ line: 2, column: 'properties', reason: expect.stringMatching(/has no date/) },
			{
				line: 3,
				column: 'geometry',
				reason: "only Point features can be imported (got 'Polygon')"
			},
			{ line: 4, column: 'coordinates', reason: expect.stringMatching(/180/) }
		]);
	});

	it('rejects text that is not JSON or not GeoJSON with one message', () => {
		expect(readGeoJson('{"type": "Feat')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/not valid JSON/)
		});
		expect(readGeoJson('[1,2,3]')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/not a GeoJSON/)
		});
	});

	it('survives huge nesting without throwing', () => {
		const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		expect(readGeoJson(deep).ok).toBe(false);
		const nested = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"date":"2010","deep":${'['.repeat(5000)}${']'.repeat(5000)}}}]}`;
		expect(readGeoJson(nested)).toMatchObject({ ok: true, records: [{ date: '2010' }] });
	});

	it('never throws on the check-geojson and geojsonhint bad fixtures', () => {
		for (const sub of ['check-geojson/bad', 'geojsonhint/bad']) {
			for (const name of readdirSync(`${dir}/${sub}`).filter((n) => n.endsWith('.geojson'))) {
				const read = readGeoJson(readFileSync(`${dir}/${sub}/${name}`, 'utf8'));
				// Each is either rejected with a message, or its unusable features are named.
				if (read.ok) expect(read.records.length + read.errors.length, name).toBe(read.features);
				else expect(read.message, name).toMatch(/\w/);
			}
		}
	});
});
