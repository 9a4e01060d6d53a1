import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AtlasData } from '$lib/data/load';
import {
	IncidentCollection,
	PlaceCollection,
	RegionCollection,
	SourceList
} from '$lib/data/schema';
import { Dashboard } from './dashboard.svelte';
import { emptyUrlState, parseHash } from './url';
import type { TileArchive } from '$lib/tiles/source';
import type { TileSetMeta } from '$lib/tiles/schema';

const read = (f: string) => JSON.parse(readFileSync(`geodata/${f}`, 'utf8'));
const data: AtlasData = {
	incidents: IncidentCollection.parse(read('incidents.geojson')).features,
	places: PlaceCollection.parse(read('places.geojson')).features,
	regions: RegionCollection.parse(read('regions.geojson')).features,
	sources: SourceList.parse(read('sources.json'))
};

describe('Dashboard', () => {
	it('hides a year from the visible incidents, the groups and the place list', () => {
		const d = new Dashboard(data, parseHash('#place=atyrau'));
		const before = d.placeIncidents.map((f) => f.properties.id);
		expect(before).toContain('atyrau-bombings-2011-10-31');
		d.setYearVisible(2011, false);
		expect(d.hiddenYears).toEqual([2011]);
		expect(d.visible.every((f) => !f.properties.date.startsWith('2011'))).toBe(true);
		expect(d.placeIncidents.map((f) => f.properties.id)).not.toContain(
			'atyrau-bombings-2011-10-31'
		);
		expect(d.filters.hiddenYears).toEqual([2011]);
		d.setYearVisible(2011, true);
		expect(d.placeIncidents.map((f) => f.properties.id)).toEqual(before);
	});

	it('selecting an incident selects its place and asks the map to fly there', () => {
		const d = new Dashboard(data, emptyUrlState());
		d.selectIncident('boraldai-special-operation-2011-12-03');
		expect(d.selectedPlace?.properties.id).toBe('boraldai');
		expect(d.selectedIncident?.properties.id).toBe('boraldai-special-operation-2011-12-03');
		const first = d.focus!;
		expect(first.lngLat).toEqual(d.selectedIncident!.geometry.coordinates);
		d.selectIncident('boraldai-special-operation-2011-12-03');
		expect(d.focus!.seq).toBe(first.seq + 1);
	});

	it('filters by kind and status, and a link keeps only values that exist', () => {
		const d = new Dashboard(data, parseHash('#kind-off=violence,bogus&status-off=claimed,nope'));
		expect(d.hiddenKinds).toEqual(['violence']);
		expect(d.hiddenStatuses).toEqual(['claimed']);
		expect(d.visible.some((f) => f.properties.status === 'claimed')).toBe(false);
		expect(d.visible.some((f) => f.properties.category === 'attack')).toBe(false);
		expect(d.kindFiltered).toBe(true);
		d.showAllKinds();
		expect(d.visible).toHaveLength(data.incidents.length);
		expect(d.kindFiltered).toBe(false);
	});

	it('ignores ids and years a link names that are not in the data', () => {
		const d = new Dashboard(data, parseHash('#place=nowhere&off=1999,2011'));
		expect(d.selection).toBeNull();
		expect(d.hiddenYears).toEqual([2011]);
		d.selectPlace('nowhere');
		expect(d.selection).toBeNull();
	});

	it('opens a source only when it exists, and a new selection closes it', () => {
		const d = new Dashboard(data, emptyUrlState());
		d.openSource('not-a-source');
		expect(d.sourceId).toBeNull();
		d.openSource(data.sources[0].id);
		expect(d.sourceId).toBe(data.sources[0].id);
		d.selectPlace('atyrau');
		expect(d.sourceId).toBeNull();
	});

	it('a marker picked on the map selects its incident without a flight', () => {
		const d = new Dashboard(data, emptyUrlState());
		d.selectIncident('boraldai-special-operation-2011-12-03', { fly: false });
		expect(d.selectedPlace?.properties.id).toBe('boraldai');
		expect(d.focus).toBeNull();
	});

	it('restores the source view from a link, over its selection, and ignores unknown sources', () => {
		const d = new Dashboard(data, parseHash('#place=atyrau&source=rferl-2011-atyrau-officials'));
		expect(d.sourceId).toBe('rferl-2011-atyrau-officials');
		expect(d.selectedPlace?.properties.id).toBe('atyrau');
		d.restore(parseHash('#place=atyrau'));
		expect(d.sourceId).toBeNull();
		d.restore(parseHash('#source=no-such-source'));
		expect(d.sourceId).toBeNull();
	});
});

describe('Dashboard time range', () => {
	const octNov = { from: 2011 * 12 + 9, to: 2011 * 12 + 10, within: false };

	it('filters the visible incidents and the year counts, and hands the range to the map and URL', () => {
		const d = new Dashboard(data, parseHash('#from=2011-10&to=2011-11'));
		expect(d.range).toEqual(octNov);
		expect(d.filters.range).toEqual(octNov);
		expect(d.visible.length).toBeLessThan(data.incidents.length);
		// Each year counts what passes the range; every year keeps its toggle.
		expect(d.yearCountsShown.map((y) => y.year)).toEqual(d.years.map((y) => y.year));
		const shown = Object.fromEntries(d.yearCountsShown.map((y) => [y.year, y.count]));
		expect(shown[2014]).toBe(0);
		expect(shown[2011]).toBe(d.visible.filter((f) => f.properties.date.startsWith('2011')).length);
		// Hiding a year leaves the year counts alone (they ignore the years) but not the list.
		d.setYearVisible(2011, false);
		expect(d.yearCountsShown).toEqual(
			Object.entries(shown).map(([year, count]) => ({ year: Number(year), count }))
		);
		d.setRange(null);
		d.setYearVisible(2011, true);
		expect(d.visible).toHaveLength(data.incidents.length);
	});

	it('on a tile set, widens a range to the whole years the tiles count', () => {
		const years = [2013, 2014, 2015].map((year) => ({ year, count: 1, by: { k0s0: 1 } }));
		const meta = { years, kinds: ['violence'], statuses: ['reported'] } as unknown as TileSetMeta;
		const d = new Dashboard(data, emptyUrlState());
		d.showTiles({ name: 'x', url: '/tiles/x.pmtiles', meta, archive: {} as TileArchive });
		d.setRange({ from: 2014 * 12 + 2, to: 2014 * 12 + 4, within: true });
		expect(d.range).toEqual({ from: 2014 * 12, to: 2014 * 12 + 11, within: true });
		d.setRange({ from: 2010 * 12, to: 2013 * 12 + 5, within: false });
		expect(d.range).toEqual({ from: 2013 * 12, to: 2013 * 12 + 11, within: false });
		// The reports keep their months.
		d.showTiles(null);
		d.setRange({ from: 2011 * 12 + 9, to: 2011 * 12 + 10, within: false });
		expect(d.range).toEqual(octNov);
	});

	it('keeps a linked range within the data span', () => {
		const d = new Dashboard(data, parseHash('#from=1990-01&to=2011-11'));
		expect(d.range).toEqual({ from: d.span.from, to: octNov.to, within: false });
		expect(d.span).toEqual({ from: 2004 * 12, to: 2014 * 12 + 11 });
	});
});

describe('Dashboard: actors and areas', () => {
	const naming = (name: string) =>
		data.incidents.filter((f) => f.properties.actors.some((a) => a.trim() === name));

	it('shows only the incidents naming an actor, together with the other filters', () => {
		const d = new Dashboard(data, emptyUrlState());
		const actor = d.actors.actors.find((a) => a.name === 'Jund al Khilafah (JaK)')!;
		const expected = naming(actor.name).map((f) => f.properties.id);
		expect(expected.length).toBeGreaterThan(1);
		d.setOnlyActor(actor.slug);
		expect(d.filters.onlyActor).toBe(actor.slug);
		expect(d.visible.map((f) => f.properties.id).sort()).toEqual([...expected].sort());
		const groupIds = d.groups.flatMap((g) => g.incidents.map((f) => f.properties.id));
		expect(groupIds.sort()).toEqual([...expected].sort());
		// Years still apply on top of the actor.
		const year = Number(d.visible[0].properties.date.slice(0, 4));
		d.setYearVisible(year, false);
		expect(d.visible.every((f) => expected.includes(f.properties.id))).toBe(true);
		expect(d.visible.some((f) => f.properties.date.startsWith(String(year)))).toBe(false);
		d.setOnlyActor(null);
		d.showAllYears();
		expect(d.visible).toHaveLength(data.incidents.length);
	});

	it('restores the actor filter and views from a link, ignoring unknown slugs', () => {
		const d = new Dashboard(data, parseHash('#actor=knb-nope&view-actor=nope&area=zz-qq'));
		expect([d.onlyActor, d.actorView, d.areaView]).toEqual([null, null, null]);
		const slug = d.actors.actors[0].slug;
		const e = new Dashboard(data, parseHash(`#actor=${slug}&view-actor=${slug}&area=kz-at`));
		expect(e.onlyActor).toBe(slug);
		expect(e.selectedActor?.slug).toBe(slug);
		expect(e.selectedArea?.properties.id).toBe('KZ.AT');
		expect(e.exploreViews).toEqual({ actorView: slug, area: 'kz-at' });
	});

	it('opens one explore view at a time, and a selection closes them', () => {
		const d = new Dashboard(data, parseHash('#place=aktobe'));
		const slug = d.actors.actors[0].slug;
		d.openActor('not-an-actor');
		expect(d.actorView).toBeNull();
		d.openActor(slug);
		expect(d.actorView).toBe(slug);
		// The selection stays underneath, so closing the view returns to the place.
		expect(d.selectedPlace?.properties.id).toBe('aktobe');
		d.openArea('KZ.AT');
		expect([d.actorView, d.areaView]).toEqual([null, 'KZ.AT']);
		d.openArea('XX.YY');
		expect(d.areaView).toBe('KZ.AT');
		d.selectPlace('atyrau');
		expect([d.actorView, d.areaView]).toEqual([null, null]);
		d.openActor(slug);
		d.selectIncident('atyrau-bombings-2011-10-31');
		expect(d.actorView).toBeNull();
	});
});
