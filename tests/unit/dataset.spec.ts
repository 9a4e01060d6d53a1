/**
 * Contract tests over the real dataset in geodata/: what the map and panels rely on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import {
	IncidentCollection,
	PlaceCollection,
	RegionCollection,
	SourceList,
	isDateAtPrecision,
	type PlaceFeature
} from '../../src/lib/data/schema';
import { DATA_FILES, formatIssue, validateDataset } from '../../src/lib/data/validate';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (rel: string): unknown => JSON.parse(readFileSync(join(ROOT, rel), 'utf8'));

const raw = {
	incidents: readJson(DATA_FILES.incidents),
	places: readJson(DATA_FILES.places),
	regions: readJson(DATA_FILES.regions),
	sources: readJson(DATA_FILES.sources)
};
const incidents = IncidentCollection.parse(raw.incidents).features;
const places = PlaceCollection.parse(raw.places).features;
const regions = RegionCollection.parse(raw.regions).features;
SourceList.parse(raw.sources);

const placeById = new Map(places.map((p) => [p.properties.id, p]));
const regionById = new Map(regions.map((r) => [r.properties.id, r]));

/** ISO 3166-1 alpha-3 to the numeric ids world-atlas uses, for the countries the data names. */
const NUMERIC_BY_ISO3: Record<string, string> = {
	AFG: '004',
	CHN: '156',
	EGY: '818',
	IRN: '364',
	IRQ: '368',
	KAZ: '398',
	KGZ: '417',
	PAK: '586',
	RUS: '643',
	SYR: '760',
	TJK: '762',
	TKM: '795',
	TUR: '792',
	UZB: '860'
};

const world = JSON.parse(
	readFileSync(join(ROOT, 'node_modules/world-atlas/countries-50m.json'), 'utf8')
) as Topology;
const countries = feature(world, world.objects.countries as GeometryCollection).features;

function countryPolygon(iso3: string): Polygon | MultiPolygon {
	const numeric = NUMERIC_BY_ISO3[iso3];
	if (!numeric) throw new Error(`add ${iso3} to NUMERIC_BY_ISO3 in tests/unit/dataset.spec.ts`);
	const c = countries.find((f) => f.id === numeric);
	if (!c) throw new Error(`world-atlas has no country ${numeric} (${iso3})`);
	return c.geometry as Polygon | MultiPolygon;
}

const km2 = (g: Polygon | MultiPolygon) =>
	area({ type: 'Feature', properties: {}, geometry: g }) / 1e6;

/**
 * Where the point of a place must lie: its admin-1 polygon, else its country's polygon. A
 * national anchor lies in neither (see the test for it below).
 */
function containerOf(
	place: PlaceFeature
): { label: string; polygon: Polygon | MultiPolygon } | null {
	const { admin1, country, kind } = place.properties;
	if (kind === 'national') return null;
	if (admin1 !== null) {
		const region = regionById.get(admin1);
		return region ? { label: `region ${admin1}`, polygon: region.geometry } : null;
	}
	return country ? { label: `country ${country}`, polygon: countryPolygon(country) } : null;
}

describe('geodata/ dataset', () => {
	it('passes the schemas and every cross-reference check', () => {
		expect(validateDataset(raw).map(formatIssue)).toEqual([]);
	});

	it('has unique ids in each file', () => {
		for (const list of [incidents, places, regions]) {
			const ids = list.map((f) => f.properties.id);
			expect(new Set(ids).size).toBe(ids.length);
		}
	});

	it('names an existing place for every incident', () => {
		const missing = incidents.filter((f) => !placeById.has(f.properties.place));
		expect(missing.map((f) => f.properties.id)).toEqual([]);
	});

	it('has every date valid at its stated precision', () => {
		const bad = incidents.filter(
			({ properties: p }) =>
				!isDateAtPrecision(p.date, p.date_precision) ||
				(p.date_end !== undefined && !isDateAtPrecision(p.date_end, p.date_precision))
		);
		expect(bad.map((f) => `${f.properties.id}: ${f.properties.date}`)).toEqual([]);
	});

	it('places each place inside its admin-1 region, or its country when it has none', () => {
		const outside: string[] = [];
		for (const place of places) {
			const container = containerOf(place);
			if (container && !booleanPointInPolygon(place.geometry.coordinates, container.polygon)) {
				outside.push(`${place.properties.id} is outside ${container.label}`);
			}
		}
		expect(outside).toEqual([]);
	});

	it('docks country-level records at a national anchor outside every oblast and country', () => {
		const national = places.filter((p) => p.properties.kind === 'national');
		expect(national.map((p) => p.properties.id)).toEqual(['kazakhstan']);
		const anchor = national[0];
		const [lon, lat] = anchor.geometry.coordinates;
		// Inside the basemap's extent, so it is drawn.
		expect(lon).toBeGreaterThanOrEqual(20);
		expect(lon).toBeLessThanOrEqual(100);
		expect(lat).toBeGreaterThanOrEqual(10);
		expect(lat).toBeLessThanOrEqual(62);
		const inRegions = regions.filter((r) =>
			booleanPointInPolygon(anchor.geometry.coordinates, r.geometry)
		);
		expect(inRegions.map((r) => r.properties.id)).toEqual([]);
		const inCountries = countries.filter((c) =>
			booleanPointInPolygon(anchor.geometry.coordinates, c.geometry as Polygon | MultiPolygon)
		);
		expect(inCountries.map((c) => c.id)).toEqual([]);
		expect(anchor.properties).toMatchObject({ admin1: null, country: 'KAZ' });
		expect(anchor.properties.name).toContain('national, no place');
		// Only country-level records may sit there, and every country-level Kazakh record does.
		const docked = incidents.filter((f) => f.properties.place === anchor.properties.id);
		expect(docked.length).toBeGreaterThan(0);
		for (const f of docked) {
			expect(f.properties.location_precision, f.properties.id).toBe('country');
			expect(f.geometry.coordinates).toEqual(anchor.geometry.coordinates);
		}
		const countryLevel = incidents.filter((f) => f.properties.location_precision === 'country');
		expect(countryLevel.map((f) => f.properties.place)).toEqual(
			countryLevel.map(() => anchor.properties.id)
		);
	});

	it('places each incident inside the admin-1 region (or country) of its place', () => {
		const problems: string[] = [];
		for (const f of incidents) {
			const p = f.properties;
			const place = placeById.get(p.place);
			if (!place) continue;
			const { admin1, kind } = place.properties;
			if (admin1 === null && kind !== 'country') {
				// A place with no polygon (a border area, "southern Kazakhstan") can only be vague.
				if (p.location_precision !== 'region' && p.location_precision !== 'country') {
					problems.push(
						`${p.id}: place ${p.place} has no polygon, so precision must be region/country`
					);
				}
				continue;
			}
			const container = containerOf(place);
			if (!container) problems.push(`${p.id}: place ${p.place} has no admin-1 and no country`);
			else if (!booleanPointInPolygon(f.geometry.coordinates, container.polygon)) {
				problems.push(`${p.id}: point is outside ${container.label}`);
			}
		}
		expect(problems).toEqual([]);
	});
});

describe('geodata/regions.geojson', () => {
	it('has all 16 Kazakh admin-1 areas of 2010-2014 and no unnamed feature', () => {
		const kaz = regions.filter((r) => r.properties.country === 'KAZ').map((r) => r.properties.id);
		expect(kaz.sort()).toEqual(
			[
				'AA',
				'AC',
				'AM',
				'AR',
				'AS',
				'AT',
				'EK',
				'MG',
				'NK',
				'PA',
				'QG',
				'QO',
				'QS',
				'SK',
				'WK',
				'ZM'
			]
				.map((c) => `KZ.${c}`)
				.sort()
		);
		expect(regions.every((r) => r.properties.name.length > 0 && r.properties.id !== '-99')).toBe(
			true
		);
	});

	it('keeps every simplified polygon within 1% of its source area', () => {
		const drift = regions
			.map((r) => ({ id: r.properties.id, ratio: km2(r.geometry) / r.properties.source_area_km2 }))
			.filter((d) => Math.abs(d.ratio - 1) > 0.01);
		expect(drift).toEqual([]);
	});

	/**
	 * Official areas (km², pre-2018 borders, as published for 2010-2014). Natural Earth's
	 * unsimplified areas are within 2% of each: 428,910 / 300,805 / 153,434 / 115,295.
	 */
	const OFFICIAL_KM2: Record<string, number> = {
		'KZ.QG': 428_000,
		'KZ.AT': 300_600,
		'KZ.WK': 151_300,
		'KZ.SK': 117_300
	};

	it('marks exactly the four recruitment oblasts of the 2014 source', () => {
		const marked = regions.filter((r) => r.properties.recruitment?.length);
		expect(marked.map((r) => r.properties.id).sort()).toEqual(Object.keys(OFFICIAL_KM2).sort());
		for (const r of marked) {
			expect(r.properties.recruitment?.[0]).toMatchObject({
				year: 2014,
				cited_as: 'Tengri News, September 16'
			});
		}
	});

	it('gives each recruitment mark the source\'s period, and marks "southern Kazakhstan" as our reading', () => {
		const marks = regions.flatMap((r) =>
			(r.properties.recruitment ?? []).map((m) => ({ id: r.properties.id, ...m }))
		);
		for (const m of marks) {
			// The period must be the source's own words, found in the excerpt it cites.
			expect(m.period, m.id).toBeDefined();
			expect(m.excerpt).toContain(m.period!);
		}
		// The source names Karagandy, Aktobe and Western Kazakhstan; "southern Kazakhstan"
		// names no oblast, which is why the gazetteer's place for it has no admin1 either.
		expect(marks.filter((m) => m.reading === 'interpreted').map((m) => m.id)).toEqual(['KZ.SK']);
		expect(marks.find((m) => m.id === 'KZ.SK')?.period).toBe('in the past');
		expect(placeById.get('southern-kazakhstan')?.properties.admin1).toBeNull();
	});

	it.each(Object.entries(OFFICIAL_KM2))('%s is within 5% of its official area', (id, official) => {
		const region = regionById.get(id);
		expect(region, id).toBeDefined();
		if (!region) return;
		expect(Math.abs(region.properties.source_area_km2 / official - 1)).toBeLessThan(0.05);
		expect(Math.abs(km2(region.geometry) / official - 1)).toBeLessThan(0.05);
	});
});
