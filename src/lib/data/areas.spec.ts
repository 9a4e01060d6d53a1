import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { incidentsInArea } from './area-incidents';
import { areaLabel, areaSlug, placesInArea, recruitmentAreas, recruitmentYears } from './areas';
import {
	IncidentCollection,
	IncidentFeature,
	PlaceCollection,
	RegionCollection,
	type IncidentFeature as Incident,
	type LocationPrecision
} from './schema';

const read = (f: string) => JSON.parse(readFileSync(`geodata/${f}`, 'utf8'));
const incidents = IncidentCollection.parse(read('incidents.geojson')).features;
const places = PlaceCollection.parse(read('places.geojson')).features;
const regions = RegionCollection.parse(read('regions.geojson')).features;
const region = (id: string) => regions.find((r) => r.properties.id === id)!;

function incidentAt(
	id: string,
	place: string,
	coordinates: [number, number],
	precision: LocationPrecision
): Incident {
	return IncidentFeature.parse({
		type: 'Feature',
		geometry: { type: 'Point', coordinates },
		properties: {
			id,
			title: `Incident ${id}`,
			summary: `Summary of incident ${id}.`,
			date: '2012',
			date_precision: 'year',
			date_text: '2012',
			place,
			location_precision: precision,
			category: 'attack',
			status: 'reported',
			actors: [],
			fatalities: null,
			sources: [{ source: 'src-a', excerpt: `Excerpt supporting ${id}.` }]
		}
	});
}

describe('areas', () => {
	it('names areas by a URL slug and a readable label', () => {
		expect(areaSlug('KZ.AT')).toBe('kz-at');
		expect(areaLabel(region('KZ.AT'))).toBe('Aktobe oblast');
		expect(areaLabel(region('KZ.WK'))).toBe('West Kazakhstan oblast');
	});

	it('lists the four oblasts the 2014 report names as recruitment areas', () => {
		expect(recruitmentAreas(regions).map((r) => r.properties.id)).toEqual([
			'KZ.AT',
			'KZ.QG',
			'KZ.SK',
			'KZ.WK'
		]);
		expect(recruitmentYears(region('KZ.AT'))).toEqual([2014]);
		expect(recruitmentYears(region('KZ.AR'))).toEqual([]);
	});

	it('links Aktobe oblast to the city and the oblast place of that name', () => {
		expect(placesInArea(places, region('KZ.AT')).map((p) => p.properties.id)).toEqual([
			'aktobe',
			'aktobe-oblast'
		]);
	});

	it('finds the incidents whose place lies in the oblast, in date order', () => {
		const ids = incidentsInArea(incidents, places, region('KZ.AT')).map((f) => f.properties.id);
		const expected = incidents
			.filter((f) => ['aktobe', 'aktobe-oblast'].includes(f.properties.place))
			.map((f) => f.properties.id);
		expect(ids.sort()).toEqual(expected.sort());
		expect(ids.length).toBeGreaterThan(0);
	});

	it('never counts a country- or region-level point by where it happens to be drawn', () => {
		// Kazakhstan's representative point falls inside Qaraghandy oblast.
		const countryLevel = incidents.filter((f) => f.properties.place === 'kazakhstan');
		expect(countryLevel.length).toBeGreaterThan(0);
		expect(incidentsInArea(countryLevel, places, region('KZ.QG'))).toEqual([]);
	});

	it('counts a precisely placed point inside the polygon when its place names no area', () => {
		const inside = places.find((p) => p.properties.id === 'karagandy-oblast')!;
		const coords = inside.geometry.coordinates as [number, number];
		const town = incidentAt('x-town', 'unknown-place', coords, 'town');
		const vague = incidentAt('x-vague', 'unknown-place', coords, 'region');
		const elsewhere = incidentAt('x-far', 'unknown-place', [67, 34], 'site');
		expect(
			incidentsInArea([town, vague, elsewhere], places, region('KZ.QG')).map((f) => f.properties.id)
		).toEqual(['x-town']);
	});
});
