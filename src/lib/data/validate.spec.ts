import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IncidentFeature } from './schema';
import {
	DATA_FILES,
	formatIssue,
	jsonErrorMessage,
	parseJsonFile,
	validateDataset,
	type DatasetInput,
	type ValidationIssue
} from './validate';

// Public corpora copied into the repository with their licences (tests/fixtures/README.md).
const CORPORA = fileURLToPath(new URL('../../../tests/fixtures/', import.meta.url));
const BAD_GEOJSON = join(CORPORA, 'geojson/check-geojson/bad');

/** A small, fully valid dataset; each test gets a fresh copy to break. */
function dataset() {
	return {
		sources: [
			{
				id: 'rferl-2011',
				file: '004_593be2e432daf9ab.txt',
				title: 'Kazakh Officials Say Terrorist Group Involved In Atyrau Bombings',
				outlet: 'RFE/RL',
				author: null,
				published: null,
				published_iso: null
			}
		],
		regions: {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					id: 'KZ.AR',
					properties: {
						id: 'KZ.AR',
						name: 'Atyrau',
						aliases: ['Атырау облысы'],
						kind: 'oblast',
						country: 'KAZ',
						source_area_km2: 112071
					},
					geometry: {
						type: 'Polygon',
						coordinates: [
							[
								[50, 46],
								[54, 46],
								[54, 49],
								[50, 49],
								[50, 46]
							]
						]
					}
				}
			]
		},
		places: {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: {
						id: 'atyrau',
						name: 'Atyrau',
						aliases: ['Атырау'],
						kind: 'city',
						admin1: 'KZ.AR',
						country: 'KAZ'
					},
					geometry: { type: 'Point', coordinates: [51.9, 47.11] }
				}
			]
		},
		incidents: {
			type: 'FeatureCollection',
			features: [incident('atyrau-bombings-2011-10-31'), incident('atyrau-bombings-claim-2011')]
		}
	};
}

function incident(id: string) {
	return {
		type: 'Feature',
		properties: {
			id,
			title: 'Two explosions in Atyrau',
			summary: 'Two explosions went off in Atyrau.',
			date: '2011-10-31',
			date_precision: 'day',
			date_text: 'October 31',
			place: 'atyrau',
			location_precision: 'town',
			category: 'attack',
			status: 'reported',
			actors: [],
			fatalities: 1,
			sources: [{ source: 'rferl-2011', excerpt: 'two explosions in the western city of Atyrau' }]
		},
		geometry: { type: 'Point', coordinates: [51.9, 47.11] }
	};
}

const brief = (issues: ValidationIssue[]) => issues.map((i) => `${i.file} ${i.id} ${i.path}`);

describe('validateDataset', () => {
	it('accepts a consistent dataset', () => {
		expect(validateDataset(dataset())).toEqual([]);
	});

	it('names file, id and field for a date invalid at its precision', () => {
		const d = dataset();
		Object.assign(d.incidents.features[0].properties, { date: '2011-13', date_precision: 'month' });
		const issues = validateDataset(d);
		expect(issues.map(formatIssue)).toEqual([
			'geodata/incidents.geojson: atyrau-bombings-2011-10-31: properties.date: "2011-13" is not a valid date at precision "month"'
		]);
	});

	it('rejects 29 February in a non-leap year', () => {
		const d = dataset();
		d.incidents.features[0].properties.date = '2011-02-29';
		expect(brief(validateDataset(d))).toEqual([
			'geodata/incidents.geojson atyrau-bombings-2011-10-31 properties.date'
		]);
	});

	it('reports an incident whose place does not exist', () => {
		const d = dataset();
		d.incidents.features[1].properties.place = 'aktau';
		const issues = validateDataset(d);
		expect(issues).toEqual([
			{
				file: DATA_FILES.incidents,
				id: 'atyrau-bombings-claim-2011',
				path: 'properties.place',
				message: 'place "aktau" is not in geodata/places.geojson'
			}
		]);
	});

	it('reports duplicate ids within a file', () => {
		const d = dataset();
		d.incidents.features[1].properties.id = 'atyrau-bombings-2011-10-31';
		d.sources.push({ ...d.sources[0] });
		const issues = validateDataset(d);
		expect(brief(issues)).toEqual([
			'geodata/incidents.geojson atyrau-bombings-2011-10-31 id',
			'geodata/sources.json rferl-2011 id'
		]);
		expect(issues[0].message).toBe('duplicate id (first at index 0)');
	});

	it('reports citations of unknown sources, also in region recruitment marks', () => {
		const d = dataset();
		d.incidents.features[0].properties.sources[0].source = 'nowhere-2011';
		Object.assign(d.regions.features[0].properties, {
			recruitment: [{ year: 2014, source: 'nowhere-2014', excerpt: 'fighters come from here' }]
		});
		expect(brief(validateDataset(d))).toEqual([
			'geodata/incidents.geojson atyrau-bombings-2011-10-31 properties.sources[0].source',
			'geodata/regions.geojson KZ.AR properties.recruitment[0].source'
		]);
	});

	it('reports conflicts_with pointing at a missing incident or at itself', () => {
		const d = dataset();
		Object.assign(d.incidents.features[0].properties, {
			conflicts_with: [
				'atyrau-bombings-claim-2011',
				'no-such-incident',
				'atyrau-bombings-2011-10-31'
			]
		});
		const issues = validateDataset(d);
		expect(brief(issues)).toEqual([
			'geodata/incidents.geojson atyrau-bombings-2011-10-31 properties.conflicts_with[1]',
			'geodata/incidents.geojson atyrau-bombings-2011-10-31 properties.conflicts_with[2]'
		]);
	});

	it('reports a place whose admin-1 region is missing or in another country', () => {
		const d = dataset();
		d.places.features[0].properties.admin1 = 'KZ.MG';
		expect(brief(validateDataset(d))).toEqual(['geodata/places.geojson atyrau properties.admin1']);
		const e = dataset();
		e.places.features[0].properties.country = 'UZB';
		expect(brief(validateDataset(e))).toEqual(['geodata/places.geojson atyrau properties.country']);
	});

	it('reports unclosed and clockwise region rings', () => {
		const d = dataset();
		const ring = d.regions.features[0].geometry.coordinates[0];
		d.regions.features[0].geometry.coordinates[0] = ring.slice(0, -1).concat([[50, 46.5]]);
		expect(validateDataset(d)[0].message).toMatch(/not closed/);
		const e = dataset();
		e.regions.features[0].geometry.coordinates[0].reverse();
		expect(validateDataset(e)[0].message).toBe('ring must be counterclockwise (RFC 7946)');
	});

	it('names a record by its index when it has no id', () => {
		const d = dataset();
		const props: Record<string, unknown> = d.places.features[0].properties;
		delete props.id;
		const issues = validateDataset(d);
		expect(issues[0]).toMatchObject({ id: 'features[0]', path: 'properties.id' });
	});

	it.each([
		['an array', []],
		['a Feature', { type: 'Feature', properties: {}, geometry: null }],
		['a collection without features', { type: 'FeatureCollection' }],
		['null', null]
	])('reports a file that is %s instead of a FeatureCollection', (_, value) => {
		const d: DatasetInput = { ...dataset(), places: value };
		const issues = validateDataset(d);
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ file: DATA_FILES.places, id: '(file)' });
	});

	it('reports sources.json that is not an array', () => {
		const issues = validateDataset({ ...dataset(), sources: { id: 'x' } });
		expect(brief(issues)).toEqual(['geodata/sources.json (file) ']);
	});

	it('skips cross-checks against a file that could not be read', () => {
		const d: DatasetInput = dataset();
		delete d.places;
		expect(validateDataset(d)).toEqual([]);
	});
});

describe('validateDataset on malformed GeoJSON (placemark/check-geojson bad fixtures)', () => {
	const fixtures = readdirSync(BAD_GEOJSON).filter((f) => f.endsWith('.geojson'));
	const geometryTypes = ['Point', 'MultiPoint', 'LineString', 'MultiLineString'];

	it('has the fixtures', () => {
		expect(fixtures.length).toBeGreaterThan(30);
	});

	it.each(fixtures)('%s is reported, never thrown', (name) => {
		const parsed = parseJsonFile(`geodata/${name}`, readFileSync(join(BAD_GEOJSON, name), 'utf8'));
		if (!parsed.ok) {
			expect(parsed.issue.file).toBe(`geodata/${name}`);
			expect(parsed.issue.message).toMatch(/^invalid JSON at line \d+, column \d+/);
			return;
		}
		const value = parsed.value;
		// As a whole file in place of each collection.
		for (const key of ['incidents', 'places', 'regions'] as const) {
			const issues = validateDataset({ ...dataset(), [key]: value });
			expect(issues.filter((i) => i.file === DATA_FILES[key]).length).toBeGreaterThan(0);
		}
		// As the geometry of an otherwise valid record, where the fixture is a bare geometry.
		const type = (value as { type?: unknown } | null)?.type;
		if (typeof type === 'string' && !['Feature', 'FeatureCollection'].includes(type)) {
			const d = dataset();
			const key = geometryTypes.includes(type) ? 'incidents' : 'regions';
			(d[key].features[0] as { geometry: unknown }).geometry = value;
			const issues = validateDataset(d);
			expect(issues.filter((i) => i.file === DATA_FILES[key]).length).toBeGreaterThan(0);
			expect(issues.every((i) => i.path === '' || /^(geometry|type)/.test(i.path))).toBe(true);
		}
	});
});

describe('validateDataset keeps hostile text as plain text', () => {
	const blns = JSON.parse(readFileSync(join(CORPORA, 'xss/blns/blns.json'), 'utf8')) as string[];
	const payloads = ['xss_payloads_quick.txt', 'XSS_Polyglots.txt'].flatMap((f) =>
		readFileSync(join(CORPORA, 'xss/payloadsallthethings', f), 'utf8').split('\n')
	);
	// Titles need 3 code points (zod counts code points); shorter strings are rightly rejected.
	const titles = [...payloads, ...blns].filter((s) => [...s].length >= 3);

	it('has the corpus', () => {
		expect(titles.length).toBeGreaterThan(400);
	});

	it('accepts every XSS string as a title and alters none', () => {
		const d = dataset();
		d.incidents.features = titles.map((title, i) => {
			const f = incident(`xss-${i}`);
			f.properties.title = title;
			return f;
		});
		const before = structuredClone(d);
		expect(validateDataset(d)).toEqual([]);
		expect(d).toEqual(before);
		for (const [i, f] of d.incidents.features.entries()) {
			expect(IncidentFeature.parse(f).properties.title).toBe(titles[i]);
		}
	});

	it('accepts markup in place names and aliases', () => {
		const d = dataset();
		d.places.features[0].properties.name = '<img src=x onerror=prompt(1)>';
		d.places.features[0].properties.aliases = ['<script>alert(1)</script>', '\u202eRTL'];
		expect(validateDataset(d)).toEqual([]);
	});
});

describe('parseJsonFile', () => {
	it('names the file, line and column of a syntax error', () => {
		const result = parseJsonFile(
			'geodata/places.geojson',
			'{\n  "type": "FeatureCollection"\n  "x": 1\n}'
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issue.file).toBe('geodata/places.geojson');
		expect(formatIssue(result.issue)).toMatch(
			/^geodata\/places\.geojson: \(file\): invalid JSON at line 3, column 3/
		);
	});

	it('says when a file is empty', () => {
		const result = parseJsonFile('geodata/sources.json', '  \n');
		expect(result.ok || result.issue.message).toBe('invalid JSON: the file is empty');
	});

	it('tolerates a byte-order mark', () => {
		expect(parseJsonFile('geodata/sources.json', '\ufeff[]')).toEqual({ ok: true, value: [] });
	});

	it('turns a position-only engine message into line and column', () => {
		const message = jsonErrorMessage(
			'[1,\n 2,,]',
			new SyntaxError('Unexpected token , at position 7')
		);
		expect(message).toMatch(/^invalid JSON at line 2, column 4: /);
	});
});
