import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IncidentFeature } from './schema';
import { textProblems } from './checks';
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
const FIXTURES = fileURLToPath(new URL('../../../tests/fixtures/', import.meta.url));
const ANTIMERIDIAN = join(FIXTURES, 'geojson/antimeridian/input');

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
			'geodata/incidents.geojson atyrau-bombings-2011-10-31 properties.id',
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

describe('meaning checks', () => {
	const square = (w: number, s: number, e: number, n: number) => [
		[w, s],
		[e, s],
		[e, n],
		[w, n],
		[w, s]
	];
	const withRegionRings = (rings: number[][][]) => {
		const d = dataset();
		d.regions.features[0].geometry.coordinates = rings;
		return validateDataset(d);
	};

	it('reports an empty incidents collection by name', () => {
		const d = dataset();
		d.incidents.features = [];
		expect(validateDataset(d).map(formatIssue)).toEqual([
			'geodata/incidents.geojson: (file): has no incidents'
		]);
	});

	it('reports an incident that is not on its place, and spots swapped coordinates', () => {
		const d = dataset();
		d.incidents.features[0].geometry.coordinates = [51.8, 47.11];
		d.incidents.features[1].geometry.coordinates = [47.11, 51.9];
		const issues = validateDataset(d);
		expect(brief(issues)).toEqual([
			'geodata/incidents.geojson atyrau-bombings-2011-10-31 geometry.coordinates',
			'geodata/incidents.geojson atyrau-bombings-claim-2011 geometry.coordinates'
		]);
		expect(issues[0].message).toBe(
			'[51.8,47.11] is not the point of its place "atyrau", [51.9,47.11]'
		);
		expect(issues[1].message).toMatch(/swapped/);
	});

	it('reports points outside the basemap, in incidents and places', () => {
		const d = dataset();
		d.places.features[0].geometry.coordinates = [51.9, 5];
		d.incidents.features.forEach((f) => (f.geometry.coordinates = [51.9, 5]));
		const issues = validateDataset(d);
		expect(brief(issues)).toEqual([
			'geodata/incidents.geojson atyrau-bombings-2011-10-31 geometry.coordinates',
			'geodata/incidents.geojson atyrau-bombings-claim-2011 geometry.coordinates',
			'geodata/places.geojson atyrau geometry.coordinates'
		]);
		expect(issues[2].message).toBe(
			'[51.9,5] is outside the basemap (longitude 20..100, latitude 10..62)'
		);
	});

	it('accepts points on the edge of the basemap and rejects those just past it', () => {
		const at = (lon: number, lat: number) => {
			const d = dataset();
			d.places.features[0].geometry.coordinates = [lon, lat];
			d.incidents.features.forEach((f) => (f.geometry.coordinates = [lon, lat]));
			return validateDataset(d).length;
		};
		expect(at(20, 10)).toBe(0);
		expect(at(100, 62)).toBe(0);
		expect(at(19.99, 30)).toBe(3);
		expect(at(60, 62.01)).toBe(3);
	});

	it('reports duplicate ids in places and regions too', () => {
		const d = dataset();
		d.places.features.push(structuredClone(d.places.features[0]));
		d.regions.features.push(structuredClone(d.regions.features[0]));
		expect(brief(validateDataset(d))).toEqual([
			'geodata/places.geojson atyrau properties.id',
			'geodata/regions.geojson KZ.AR properties.id'
		]);
	});

	it('says so when sources.json is empty, then names each citation left without a source', () => {
		const d: DatasetInput = { ...dataset(), sources: [] };
		expect(validateDataset(d).map(formatIssue)).toEqual([
			'geodata/sources.json: (file): has no sources, so no citation can name one',
			'geodata/incidents.geojson: atyrau-bombings-2011-10-31: properties.sources[0].source: source "rferl-2011" is not in geodata/sources.json',
			'geodata/incidents.geojson: atyrau-bombings-claim-2011: properties.sources[0].source: source "rferl-2011" is not in geodata/sources.json'
		]);
	});

	it('reports an incident with no citation', () => {
		const d = dataset();
		d.incidents.features[0].properties.sources = [];
		expect(validateDataset(d)).toEqual([
			{
				file: DATA_FILES.incidents,
				id: 'atyrau-bombings-2011-10-31',
				path: 'properties.sources',
				message: 'every incident needs at least one source excerpt'
			}
		]);
	});

	it('accepts a polygon with a hole inside its shell', () => {
		expect(withRegionRings([square(50, 46, 54, 49), square(51, 47, 52, 48).reverse()])).toEqual([]);
	});

	it('reports a hole outside its shell', () => {
		const issues = withRegionRings([square(50, 46, 54, 49), square(55, 47, 56, 48).reverse()]);
		expect(brief(issues)).toEqual(['geodata/regions.geojson KZ.AR geometry.coordinates[1][0]']);
		expect(issues[0].message).toBe('hole reaches outside its shell at [55,47]');
	});

	it('reports a ring whose edges cross (a bow tie)', () => {
		const bowTie = [
			[50, 46],
			[54, 49],
			[54, 46],
			[50, 49],
			[50, 46]
		];
		const issues = withRegionRings([bowTie]);
		const crossing = issues.find((i) => /cross each other/.test(i.message));
		expect(crossing).toMatchObject({ id: 'KZ.AR', path: 'geometry.coordinates' });
		expect(crossing?.message).toMatch(/at \[52,47\.5\]/);
	});

	it('reports each bad polygon of a MultiPolygon at its own index', () => {
		const d = dataset();
		const region = d.regions.features[0] as { geometry: unknown };
		region.geometry = {
			type: 'MultiPolygon',
			coordinates: [[square(50, 46, 54, 49)], [square(60, 46, 64, 49).reverse()]]
		};
		expect(validateDataset(d).map((i) => `${i.path}: ${i.message}`)).toEqual([
			'geometry.coordinates[1][0]: ring must be counterclockwise (RFC 7946)'
		]);
	});

	it('reports a ring that jumps across the antimeridian, and vertices outside the basemap', () => {
		const issues = withRegionRings([
			[
				[170, 46],
				[-170, 46],
				[-170, 49],
				[170, 49],
				[170, 46]
			]
		]);
		expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual(
			expect.arrayContaining([
				'geometry.coordinates[0][1]: edge from [170,46] jumps over 180° of longitude (crosses the antimeridian); split the polygon there (RFC 7946 §3.1.9)',
				'geometry.coordinates[0][0]: [170,46] is outside the basemap (longitude 20..100, latitude 10..62)'
			])
		);
	});

	it('reports control characters, lone surrogates and open bidi controls by field', () => {
		const d = dataset();
		const p = d.incidents.features[0].properties;
		p.title = 'Two\u0007explosions';
		p.summary = 'Line one.\nLine two,\tindented.';
		p.sources[0].excerpt = 'two explosions \ud800 in Atyrau';
		d.places.features[0].properties.aliases = ['Atyrau', '\u202egnp.exe'];
		d.sources[0].title = 'Kazakh\u0085Officials';
		expect(validateDataset(d).map(formatIssue)).toEqual([
			'geodata/incidents.geojson: atyrau-bombings-2011-10-31: properties.title: has a control character U+0007 at position 3',
			'geodata/incidents.geojson: atyrau-bombings-2011-10-31: properties.sources[0].excerpt: has a lone surrogate U+D800 at position 15',
			'geodata/places.geojson: atyrau: properties.aliases[1]: has a bidi control U+202E that is never closed (it would reorder the text after it)',
			'geodata/sources.json: rferl-2011: title: has a control character U+0085 at position 6'
		]);
	});

	it('allows line breaks in prose and notes, not in titles or names', () => {
		const d = dataset();
		d.incidents.features[0].properties.title = 'Two\nexplosions';
		Object.assign(d.incidents.features[1].properties, { location_note: 'Near\nthe city' });
		d.places.features[0].properties.name = 'Aty\trau';
		expect(brief(validateDataset(d))).toEqual([
			'geodata/incidents.geojson atyrau-bombings-2011-10-31 properties.title',
			'geodata/places.geojson atyrau properties.name'
		]);
	});

	it('checks text in region names and recruitment marks', () => {
		const d = dataset();
		Object.assign(d.regions.features[0].properties, {
			name: 'Atyrau\u2067',
			recruitment: [{ year: 2014, source: 'rferl-2011', excerpt: 'fighters come\u0000 from here' }]
		});
		expect(brief(validateDataset(d))).toEqual([
			'geodata/regions.geojson KZ.AR properties.name',
			'geodata/regions.geojson KZ.AR properties.recruitment[0].excerpt'
		]);
	});

	it('quotes data in messages with unprintable characters escaped and long values cut', () => {
		const d = dataset();
		d.incidents.features[0].properties.place = 'x'.repeat(100);
		const props: Record<string, unknown> = d.incidents.features[1].properties;
		props.id = 'evil\u001b[2J\u202e';
		const issues = validateDataset(d);
		expect(issues.find((i) => i.path === 'properties.place')?.message).toBe(
			`place "${'x'.repeat(60)}…" is not in geodata/places.geojson`
		);
		expect(issues.map((i) => i.id)).toContain('evil\\u{1B}[2J\\u{202E}');
		// eslint-disable-next-line no-control-regex -- asserting no control character got through
		for (const i of issues) expect(formatIssue(i)).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
	});
});

describe('enum and literal messages', () => {
	it('quote the value found beside the values allowed', () => {
		const d = dataset();
		(d.incidents.features[0].properties as Record<string, unknown>).status = 'rumoured';
		(d.incidents.features[1].geometry as { type: string }).type = 'Circle';
		expect(validateDataset(d).map((i) => `${i.path}: ${i.message}`)).toEqual([
			'properties.status: "rumoured" is not one of "claimed", "alleged", "ruled", "reported"',
			'geometry.type: must be "Point", not "Circle"'
		]);
	});
});

describe('ids in messages', () => {
	it('are cut for display but matched in full', () => {
		const d = dataset();
		const long = 'a'.repeat(70);
		d.places.features[0].properties.id = `${long}-b`;
		d.places.features.push(structuredClone(d.places.features[0]));
		d.places.features[1].properties.id = `${long}-c`;
		d.incidents.features.forEach((f) => (f.properties.place = `${long}-c`));
		expect(validateDataset(d)).toEqual([]);
	});
});

describe('textProblems', () => {
	it.each([
		['plain text', 'Atyrau, 31 October 2011', false, []],
		['Cyrillic and Arabic', 'Атырау خوست', false, []],
		['an emoji (a surrogate pair)', 'flag 🇰🇿', false, []],
		['DEL', 'a\u007fb', false, ['has a control character U+007F at position 1']],
		[
			'a newline in a single-line field',
			'a\nb',
			false,
			['has a control character U+000A at position 1']
		],
		['a newline in prose', 'a\nb\tc', true, []],
		[
			'a carriage return in prose',
			'a\r\nb',
			true,
			['has a control character U+000D at position 1 (only \\n and \\t are allowed here)']
		],
		['a lone low surrogate', 'a\udc00', false, ['has a lone surrogate U+DC00 at position 1']],
		['balanced override', '\u202ecba\u202c', false, []],
		['nested isolate and embedding', '\u2068a\u202bb\u202cc\u2069', false, []],
		[
			'a PDF closing an isolate',
			'\u2066a\u202c',
			false,
			['has a bidi control U+202C at position 2 that closes nothing']
		],
		[
			'a stray PDI',
			'a\u2069',
			false,
			['has a bidi control U+2069 at position 1 that closes nothing']
		],
		[
			'an unclosed isolate',
			'\u2067abc',
			false,
			['has a bidi control U+2067 that is never closed (it would reorder the text after it)']
		]
	])('%s', (_, text, multiline, expected) => {
		expect(textProblems(text, multiline)).toEqual(expected);
	});

	it('reports one problem of each kind, not one per character', () => {
		expect(textProblems('\u0001\u0002\ud800\ud800\u202e\u202e', false)).toHaveLength(3);
	});
});

describe('what broke the page before (issue 11), now named by file, id and field', () => {
	const id = 'atyrau-bombings-2011-10-31';
	type Break = (d: ReturnType<typeof dataset>) => void;
	const setProp =
		(key: string, value: unknown): Break =>
		(d) => {
			(d.incidents.features[0].properties as Record<string, unknown>)[key] = value;
		};
	const setGeometry =
		(value: unknown): Break =>
		(d) => {
			(d.incidents.features[0] as { geometry: unknown }).geometry = value;
		};
	it.each<[string, Break, string, string]>([
		['a null geometry', setGeometry(null), id, 'geometry'],
		[
			'a LineString geometry',
			setGeometry({
				type: 'LineString',
				coordinates: [
					[51, 47],
					[52, 47]
				]
			}),
			id,
			'geometry.type'
		],
		[
			'a "Circle" geometry',
			setGeometry({ type: 'Circle', coordinates: [51.9, 47.11], radius: 5 }),
			id,
			'geometry.type'
		],
		[
			'latitude 95',
			setGeometry({ type: 'Point', coordinates: [51.9, 95] }),
			id,
			'geometry.coordinates[1]'
		],
		[
			'coordinates [null, 5]',
			setGeometry({ type: 'Point', coordinates: [null, 5] }),
			id,
			'geometry.coordinates[0]'
		],
		[
			'coordinates as strings',
			setGeometry({ type: 'Point', coordinates: ['51.9', '47.11'] }),
			id,
			'geometry.coordinates[0]'
		],
		['an unknown category', setProp('category', 'riot'), id, 'properties.category'],
		['an unknown status', setProp('status', 'rumoured'), id, 'properties.status'],
		['a numeric date', setProp('date', 2011), id, 'properties.date'],
		[
			'a title that is an object',
			setProp('title', { en: 'Two explosions' }),
			id,
			'properties.title'
		],
		['actors as a string', setProp('actors', 'Jund al-Khilafah'), id, 'properties.actors'],
		['an unknown place', setProp('place', 'aktau'), id, 'properties.place'],
		['sources: []', setProp('sources', []), id, 'properties.sources'],
		[
			'a place name of null',
			(d) => ((d.places.features[0].properties as Record<string, unknown>).name = null),
			'atyrau',
			'properties.name'
		],
		[
			'a "Circle" region geometry',
			(d) => {
				(d.regions.features[0] as { geometry: unknown }).geometry = {
					type: 'Circle',
					coordinates: [51, 47],
					radius: 3
				};
			},
			'KZ.AR',
			'geometry.type'
		],
		[
			'an unclosed region ring',
			(d) => d.regions.features[0].geometry.coordinates[0].pop(),
			'KZ.AR',
			'geometry.coordinates[0]'
		]
	])('%s', (_, breakIt, recordId, path) => {
		const d = dataset();
		breakIt(d);
		const issues = validateDataset(d);
		expect(issues.length).toBeGreaterThan(0);
		expect(issues[0]).toMatchObject({ id: recordId, path });
		expect(issues[0].message).not.toBe('');
	});
});

describe.each(['geojson/check-geojson/bad', 'geojson/geojsonhint/bad'])(
	'validateDataset on malformed GeoJSON (%s)',
	(folder) => {
		const BAD_GEOJSON = join(FIXTURES, folder);
		const fixtures = readdirSync(BAD_GEOJSON).filter((f) => f.endsWith('.geojson'));
		const geometryTypes = ['Point', 'MultiPoint', 'LineString', 'MultiLineString'];

		it('has the fixtures', () => {
			expect(fixtures.length).toBeGreaterThan(20);
		});

		it.each(fixtures)('%s is reported, never thrown', (name) => {
			const parsed = parseJsonFile(
				`geodata/${name}`,
				readFileSync(join(BAD_GEOJSON, name), 'utf8')
			);
			if (!parsed.ok) {
				expect(parsed.issue.file).toBe(`geodata/${name}`);
				expect(parsed.issue.message).toMatch(/^not valid JSON at line \d+, column \d+/);
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
	}
);

describe('validateDataset on polygons near the antimeridian (gadomski/antimeridian inputs)', () => {
	const fixtures = readdirSync(ANTIMERIDIAN).filter((f) => f.endsWith('.json'));
	const geometryOf = (name: string) => {
		const value = JSON.parse(readFileSync(join(ANTIMERIDIAN, name), 'utf8'));
		return value.type === 'Feature' ? value.geometry : value;
	};
	const areas = fixtures.filter((f) => /Polygon$/.test(geometryOf(f).type));
	const asRegion = (name: string) => {
		const d = dataset();
		(d.regions.features[0] as { geometry: unknown }).geometry = geometryOf(name);
		return validateDataset(d);
	};
	const crosses = (issues: ValidationIssue[]) => issues.some((i) => /antimeridian/.test(i.message));

	it('has the fixtures', () => {
		expect(areas.length).toBeGreaterThan(25);
	});

	it.each(areas)('%s is checked as a region, never thrown', (name) => {
		const issues = asRegion(name);
		expect(issues.every((i) => i.file === DATA_FILES.regions && i.id === 'KZ.AR')).toBe(true);
	});

	it('accepts the two that lie inside the basemap, counterclockwise', () => {
		expect(asRegion('simple.json')).toEqual([]);
		expect(asRegion('multi-no-antimeridian.json')).toEqual([]);
	});

	it.each([
		'split.json',
		'cw-split.json',
		'complex-split.json',
		'multi-split.json',
		'one-hole.json'
	])('%s crosses the antimeridian and says so', (name) =>
		expect(crosses(asRegion(name))).toBe(true)
	);

	it.each(['simple.json', 'multi-no-antimeridian.json', 'issues-182.json'])(
		'%s stays on one side and is not said to cross',
		(name) => expect(crosses(asRegion(name))).toBe(false)
	);
});

describe('validateDataset keeps hostile text as plain text', () => {
	const blns = JSON.parse(readFileSync(join(FIXTURES, 'xss/blns/blns.json'), 'utf8')) as string[];
	const payloads = ['xss_payloads_quick.txt', 'XSS_Polyglots.txt'].flatMap((f) =>
		readFileSync(join(FIXTURES, 'xss/payloadsallthethings', f), 'utf8').split('\n')
	);
	// Titles need 3 code points (zod counts code points); shorter strings are rightly rejected.
	const titles = [...payloads, ...blns].filter((s) => [...s].length >= 3);

	it('has the corpus', () => {
		expect(titles.length).toBeGreaterThan(400);
	});

	it('accepts every XSS payload as a title and alters none', () => {
		const d = dataset();
		d.incidents.features = payloads
			.filter((s) => [...s].length >= 3)
			.map((title, i) => {
				const f = incident(`xss-${i}`);
				f.properties.title = title;
				return f;
			});
		const before = structuredClone(d);
		expect(validateDataset(d)).toEqual([]);
		expect(d).toEqual(before);
		for (const f of d.incidents.features) {
			expect(IncidentFeature.parse(f).properties.title).toBe(f.properties.title);
		}
	});

	it('accepts each naughty string unless it carries controls, and then says which field', () => {
		// Characters that can hide or reorder text: C0/C1 controls, bidi controls, surrogates.
		// eslint-disable-next-line no-control-regex -- these are what the check must find
		const suspicious = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;
		const d = dataset();
		d.incidents.features = titles.map((title, i) => {
			const f = incident(`naughty-${i}`);
			f.properties.title = title;
			return f;
		});
		const issues = validateDataset(d);
		const rejected = new Set(issues.map((i) => Number(i.id.replace('naughty-', ''))));
		expect(rejected.size).toBeGreaterThan(5);
		expect(rejected.size).toBeLessThan(titles.length / 10);
		for (const issue of issues) {
			expect(issue.path).toBe('properties.title');
			expect(issue.message).toMatch(/control character|lone surrogate|bidi control/);
		}
		titles.forEach((title, i) => {
			if (!suspicious.test(title)) expect(rejected.has(i), JSON.stringify(title)).toBe(false);
			else if (rejected.has(i)) expect(title).toMatch(suspicious);
		});
	});

	it('accepts markup and balanced bidi controls in place names and aliases', () => {
		const d = dataset();
		d.places.features[0].properties.name = '<img src=x onerror=prompt(1)>';
		d.places.features[0].properties.aliases = ['<script>alert(1)</script>', '\u202eRTL\u202c'];
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
			/^geodata\/places\.geojson: \(file\): not valid JSON at line 3, column 3/
		);
	});

	it('says when a file is empty', () => {
		const result = parseJsonFile('geodata/sources.json', '  \n');
		expect(result.ok || result.issue.message).toBe('not valid JSON: the file is empty');
	});

	it('tolerates a byte-order mark', () => {
		expect(parseJsonFile('geodata/sources.json', '\ufeff[]')).toEqual({ ok: true, value: [] });
	});

	it('turns a position-only engine message into line and column', () => {
		const message = jsonErrorMessage(
			'[1,\n 2,,]',
			new SyntaxError('Unexpected token , at position 7')
		);
		expect(message).toMatch(/^not valid JSON at line 2, column 4: /);
	});
});
