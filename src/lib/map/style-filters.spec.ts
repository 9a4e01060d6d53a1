import { readFileSync } from 'node:fs';
import { featureFilter, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { visibleIncidents } from '$lib/data/incidents';
import { toMapIncidents, toRecruitmentAreas, toUncertaintyAreas } from '$lib/data/map-features';
import { IncidentCollection, PlaceCollection, RegionCollection } from '$lib/data/schema';
import { monthIndex, type TimeRange } from '$lib/timeline/period';
import {
	incidentFilter,
	selectedOnly,
	setLayerVisible,
	yearAreaFilter,
	yearsMeetingRange,
	type MapFilters
} from './style';

const read = (f: string) => JSON.parse(readFileSync(`geodata/${f}`, 'utf8'));
const incidents = IncidentCollection.parse(read('incidents.geojson')).features;
const places = PlaceCollection.parse(read('places.geojson')).features;
const regions = RegionCollection.parse(read('regions.geojson')).features;

/** Ids of features that MapLibre's own filter evaluator keeps. */
function kept(
	filter: FilterSpecification,
	features: { properties: Record<string, unknown> }[]
): string[] {
	const compiled = featureFilter(filter, 'layers[0].filter');
	const ids = features
		.filter((f) => compiled.filter({ zoom: 5 }, { type: 1, properties: f.properties } as never))
		.map((f) => String(f.properties.id));
	return [...new Set(ids)].sort();
}

const none: MapFilters = { hiddenYears: [], hiddenKinds: [], hiddenStatuses: [] };
const octNov: TimeRange = { from: monthIndex(2011, 10), to: monthIndex(2011, 11), within: false };

describe('incidentFilter with a time range', () => {
	const markers = toMapIncidents(incidents).features;
	const areas = toUncertaintyAreas(incidents, places, regions).features;

	it.each([
		['no range', null],
		['Oct–Nov 2011, overlapping', octNov],
		['Oct–Nov 2011, entirely within', { ...octNov, within: true }],
		['all of 2011, within', { from: monthIndex(2011, 1), to: monthIndex(2011, 12), within: true }],
		[
			'one month, overlapping',
			{ from: monthIndex(2012, 12), to: monthIndex(2012, 12), within: false }
		]
	] as const)('keeps on the map exactly the incidents the panel lists: %s', (_, range) => {
		const filters: MapFilters = { ...none, hiddenYears: [2014], range };
		const expected = visibleIncidents(incidents, new Set([2014]), { range })
			.map((f) => f.properties.id)
			.sort();
		expect(kept(incidentFilter(filters), markers)).toEqual(expected);
		// Areas of uncertainty follow their markers.
		const areaIds = new Set(areas.map((a) => a.properties.id));
		expect(kept(incidentFilter(filters), areas)).toEqual(expected.filter((id) => areaIds.has(id)));
	});

	it('a range narrows the map: Oct–Nov 2011 keeps the Atyrau bombings, not the 2014 law', () => {
		const ids = kept(incidentFilter({ ...none, range: octNov }), markers);
		expect(ids).toContain('atyrau-bombings-2011-10-31');
		expect(ids).not.toContain('extremism-terrorism-law-2014-11-03');
		expect(ids.length).toBeLessThan(markers.length);
	});
});

describe('yearAreaFilter', () => {
	const recruitment = toRecruitmentAreas(regions).features;

	it('shows the 2014 recruitment areas only for ranges that meet 2014', () => {
		expect(kept(yearAreaFilter({ ...none, range: octNov }), recruitment)).toEqual([]);
		const late2014 = { from: monthIndex(2014, 9), to: monthIndex(2014, 12), within: false };
		expect(kept(yearAreaFilter({ ...none, range: late2014 }), recruitment)).toHaveLength(4);
		expect(
			kept(yearAreaFilter({ ...none, range: { ...late2014, within: true } }), recruitment)
		).toEqual([]);
		expect(kept(yearAreaFilter({ ...none, hiddenYears: [2014] }), recruitment)).toEqual([]);
		const all2014 = { from: monthIndex(2014, 1), to: monthIndex(2014, 12), within: true };
		expect(kept(yearAreaFilter({ ...none, range: all2014 }), recruitment)).toHaveLength(4);
	});

	it("given the areas' years, stays the same when a year without areas is switched", () => {
		const areaYears = [...new Set(recruitment.map((a) => Number(a.properties.year)))];
		expect(areaYears).toEqual([2014]);
		expect(yearAreaFilter({ ...none, hiddenYears: [2011] }, areaYears)).toEqual(
			yearAreaFilter(none, areaYears)
		);
		const off2014 = yearAreaFilter({ ...none, hiddenYears: [2011, 2014] }, areaYears);
		expect(kept(off2014, recruitment)).toEqual([]);
		const range = { from: monthIndex(2011, 1), to: monthIndex(2013, 12), within: false };
		expect(kept(yearAreaFilter({ ...none, range }, areaYears), recruitment)).toEqual([]);
		expect(yearAreaFilter({ ...none, range }, areaYears)).toEqual(
			yearAreaFilter({ ...none, range: { ...range, to: monthIndex(2012, 3) } }, areaYears)
		);
	});

	it('stays the same expression while a range steps within a year, so nothing re-tiles', () => {
		const step = (m: number) =>
			yearAreaFilter({
				...none,
				range: { from: monthIndex(2011, m), to: monthIndex(2011, m + 1), within: false }
			});
		expect(step(2)).toEqual(step(9));
		expect(
			yearsMeetingRange({ from: monthIndex(2011, 11), to: monthIndex(2013, 2), within: false })
		).toEqual([2011, 2012, 2013]);
		expect(
			yearsMeetingRange({ from: monthIndex(2011, 11), to: monthIndex(2013, 2), within: true })
		).toEqual([2012]);
	});
});

describe('selectedOnly (the selected-outline layers)', () => {
	const areas = toUncertaintyAreas(incidents, places, regions).features;
	const recruitment = toRecruitmentAreas(regions).features;

	it('outlines exactly the selected features that the filters keep', () => {
		const picked = areas.slice(0, 2).map((a) => String(a.properties.id));
		expect(kept(selectedOnly(incidentFilter(none), picked), areas)).toEqual([...picked].sort());
		expect(kept(selectedOnly(incidentFilter(none), []), areas)).toEqual([]);
		// A selected incident whose year is switched off loses its outline with its marker.
		const year = Number(areas[0].properties.year);
		const hidden = selectedOnly(incidentFilter({ ...none, hiddenYears: [year] }), picked);
		expect(kept(hidden, areas)).not.toContain(picked[0]);
	});

	it('outlines the selected recruitment area only while its year is on', () => {
		const id = String(recruitment[0].properties.id);
		expect(kept(selectedOnly(yearAreaFilter(none), [id]), recruitment)).toEqual([id]);
		expect(
			kept(selectedOnly(yearAreaFilter({ ...none, hiddenYears: [2014] }), [id]), recruitment)
		).toEqual([]);
	});
});

describe('setLayerVisible', () => {
	/** A map that only records the layout changes asked of it. */
	function fakeMap(visibility: Record<string, string | undefined>) {
		const calls: [string, string][] = [];
		const map = {
			getLayoutProperty: (layer: string) => visibility[layer],
			setLayoutProperty: (layer: string, _name: string, value: string) => {
				calls.push([layer, value]);
				visibility[layer] = value;
			}
		};
		return { map: map as unknown as Parameters<typeof setLayerVisible>[0], calls };
	}

	it('leaves a layer never hidden alone when asked to show it (MapLibre would re-tile it)', () => {
		const { map, calls } = fakeMap({ markers: undefined });
		setLayerVisible(map, 'markers', true);
		expect(calls).toEqual([]);
	});

	it('hides and shows again, once each', () => {
		const { map, calls } = fakeMap({ markers: undefined });
		setLayerVisible(map, 'markers', false);
		setLayerVisible(map, 'markers', false);
		setLayerVisible(map, 'markers', true);
		setLayerVisible(map, 'markers', true);
		expect(calls).toEqual([
			['markers', 'none'],
			['markers', 'visible']
		]);
	});
});
