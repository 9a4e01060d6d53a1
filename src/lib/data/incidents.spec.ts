import { describe, expect, it } from 'vitest';
import {
	aliasesExcludingName,
	excerptsFromSource,
	groupByPlace,
	incidentsAtPlace,
	indexById,
	placeLabel,
	unplacedIncidents,
	visibleIncidents,
	yearCounts
} from './incidents';
import {
	IncidentFeature,
	PlaceFeature,
	type Citation,
	type IncidentFeature as Incident,
	type IncidentProperties,
	type PlaceFeature as Place
} from './schema';

// Fixtures go through the real schema so the tests cannot drift from valid data.
function incident(
	id: string,
	place: string,
	date: string,
	precision: IncidentProperties['date_precision'],
	sources: Citation[] = [{ source: 'src-a', excerpt: `Excerpt supporting ${id}.` }]
): Incident {
	return IncidentFeature.parse({
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [51.9, 47.1] },
		properties: {
			id,
			title: `Incident ${id}`,
			summary: `Summary of incident ${id}.`,
			date,
			date_precision: precision,
			...(precision === 'season' ? { season: 'summer' } : {}),
			date_text: date,
			place,
			location_precision: 'town',
			category: 'attack',
			status: 'reported',
			actors: [],
			fatalities: null,
			sources
		}
	});
}

function place(id: string, name: string, aliases: string[] = []): Place {
	return PlaceFeature.parse({
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [51.9, 47.1] },
		properties: { id, name, aliases, kind: 'city', admin1: null, country: 'KAZ' }
	});
}

const ids = (list: { properties: { id: string } }[]) => list.map((f) => f.properties.id);

const atyrau = place('atyrau', 'Atyrau', ['Atyraū', 'ATYRAU', 'Guryev', 'guryev ', 'Атырау']);
const taraz = place('taraz', 'Taraz', ['Zhambyl']);
const aktobe = place('aktobe', 'Aktobe');
const almaty = place('almaty', 'Almaty'); // no incidents
const places = [taraz, atyrau, aktobe, almaty];

const incidents = [
	incident('taraz-shooting', 'taraz', '2011-11-12', 'day', [
		{ source: 'src-b', excerpt: 'Gunman killed seven people in Taraz.' },
		{ source: 'src-a', excerpt: 'Shooting and a grenade in Taraz on 12 November.' }
	]),
	incident('atyrau-bombs', 'atyrau', '2011-10-31', 'day'),
	incident('aktobe-blast', 'aktobe', '2011-05-17', 'day', [
		{ source: 'src-b', excerpt: 'A suicide blast at the security service office.' }
	]),
	incident('atyrau-claim', 'atyrau', '2011-11', 'month'),
	incident('nowhere-event', 'atlantis', '2012', 'year'),
	incident('aktobe-2012', 'aktobe', '2012-07', 'month'),
	incident('atyrau-early', 'atyrau', '2010', 'year')
];

describe('yearCounts', () => {
	it('counts incidents per year, ascending, one entry per year present', () => {
		expect(yearCounts(incidents)).toEqual([
			{ year: 2010, count: 1 },
			{ year: 2011, count: 4 },
			{ year: 2012, count: 2 }
		]);
	});

	it('is empty for no incidents', () => {
		expect(yearCounts([])).toEqual([]);
	});
});

describe('visibleIncidents', () => {
	it('drops hidden years and sorts by date then id', () => {
		expect(ids(visibleIncidents(incidents, new Set([2010])))).toEqual([
			'aktobe-blast',
			'atyrau-bombs',
			'atyrau-claim',
			'taraz-shooting',
			'nowhere-event',
			'aktobe-2012'
		]);
		expect(ids(visibleIncidents(incidents, new Set([2011, 2012])))).toEqual(['atyrau-early']);
	});

	it('drops switched-off kinds and statuses as well as years', () => {
		const claim = IncidentFeature.parse({
			...incidents[3],
			properties: {
				...incidents[3].properties,
				id: 'claim-2011',
				category: 'claim',
				status: 'claimed'
			}
		});
		const all = [...incidents, claim];
		expect(ids(visibleIncidents(all, new Set(), { families: new Set(['violence']) }))).toEqual([
			'claim-2011'
		]);
		expect(ids(visibleIncidents(all, new Set(), { statuses: new Set(['claimed']) }))).not.toContain(
			'claim-2011'
		);
		expect(
			ids(visibleIncidents(all, new Set([2011]), { families: new Set(['statements']) }))
		).not.toContain('claim-2011');
	});

	it('keeps incidents overlapping the range, or only those entirely within it', () => {
		const octNov = { from: 2011 * 12 + 9, to: 2011 * 12 + 10, within: false };
		// The year-only 2012 record may fall in any month of 2012, so a 2012 range overlaps it.
		expect(ids(visibleIncidents(incidents, new Set(), { range: octNov }))).toEqual([
			'atyrau-bombs',
			'atyrau-claim',
			'taraz-shooting'
		]);
		const july2012 = { from: 2012 * 12 + 6, to: 2012 * 12 + 6, within: false };
		expect(ids(visibleIncidents(incidents, new Set(), { range: july2012 }))).toEqual([
			'nowhere-event',
			'aktobe-2012'
		]);
		expect(
			ids(visibleIncidents(incidents, new Set(), { range: { ...july2012, within: true } }))
		).toEqual(['aktobe-2012']);
		// Range and years combine.
		expect(ids(visibleIncidents(incidents, new Set([2011]), { range: octNov }))).toEqual([]);
		expect(ids(visibleIncidents(incidents, new Set(), { range: null }))).toHaveLength(
			incidents.length
		);
	});

	it('does not reorder its input', () => {
		const before = ids(incidents);
		visibleIncidents(incidents, new Set());
		expect(ids(incidents)).toEqual(before);
	});
});

describe('groupByPlace', () => {
	it('groups by place, ordered by earliest incident, with incidents in date order', () => {
		const groups = groupByPlace(incidents, places);
		expect(groups.map((g) => g.place.properties.id)).toEqual(['atyrau', 'aktobe', 'taraz']);
		expect(ids(groups[0].incidents)).toEqual(['atyrau-early', 'atyrau-bombs', 'atyrau-claim']);
		expect(ids(groups[1].incidents)).toEqual(['aktobe-blast', 'aktobe-2012']);
	});

	it('omits places without incidents and incidents at unknown places', () => {
		const groups = groupByPlace(incidents, places);
		expect(groups.some((g) => g.place === almaty)).toBe(false);
		const grouped = groups.flatMap((g) => ids(g.incidents));
		expect(grouped).not.toContain('nowhere-event');
		expect(grouped).toHaveLength(incidents.length - 1);
	});

	it('breaks ties on the same earliest date by place name', () => {
		const same = [
			incident('t', 'taraz', '2011-05-17', 'day'),
			incident('a', 'aktobe', '2011-05-17', 'day')
		];
		expect(groupByPlace(same, places).map((g) => placeLabel(g.place))).toEqual(['Aktobe', 'Taraz']);
	});

	it('works with no places at all', () => {
		expect(groupByPlace(incidents, [])).toEqual([]);
	});
});

describe('unplacedIncidents', () => {
	it('returns incidents whose place id is unknown', () => {
		expect(ids(unplacedIncidents(incidents, places))).toEqual(['nowhere-event']);
		expect(ids(unplacedIncidents(incidents, []))).toHaveLength(incidents.length);
	});
});

describe('incidentsAtPlace', () => {
	it('returns the place’s incidents in date order', () => {
		expect(ids(incidentsAtPlace(incidents, 'atyrau'))).toEqual([
			'atyrau-early',
			'atyrau-bombs',
			'atyrau-claim'
		]);
		expect(incidentsAtPlace(incidents, 'almaty')).toEqual([]);
	});
});

describe('excerptsFromSource', () => {
	it('returns every excerpt from the source, in incident date order', () => {
		const fromB = excerptsFromSource(incidents, 'src-b');
		expect(fromB.map((e) => [e.incident.properties.id, e.citation.excerpt])).toEqual([
			['aktobe-blast', 'A suicide blast at the security service office.'],
			['taraz-shooting', 'Gunman killed seven people in Taraz.']
		]);
		// src-a is cited by every fixture except aktobe-blast, once each.
		expect(excerptsFromSource(incidents, 'src-a')).toHaveLength(incidents.length - 1);
		expect(excerptsFromSource(incidents, 'unknown')).toEqual([]);
	});

	it('keeps several excerpts from one source in citation order', () => {
		const two = incident('two', 'taraz', '2011', 'year', [
			{ source: 'src-c', excerpt: 'First quoted passage.' },
			{ source: 'src-d', excerpt: 'Another source entirely.' },
			{ source: 'src-c', excerpt: 'Second quoted passage.' }
		]);
		expect(excerptsFromSource([two], 'src-c').map((e) => e.citation.excerpt)).toEqual([
			'First quoted passage.',
			'Second quoted passage.'
		]);
	});
});

describe('indexById', () => {
	it('maps ids to features, keeping the first of duplicates', () => {
		const dup = place('taraz', 'Taraz (duplicate)');
		const index = indexById([taraz, atyrau, dup]);
		expect(index.size).toBe(2);
		expect(index.get('taraz')).toBe(taraz);
		expect(index.get('atyrau')).toBe(atyrau);
		expect(index.get('almaty')).toBeUndefined();
	});
});

describe('place labels', () => {
	it('labels a place by its name', () => {
		expect(placeLabel(taraz)).toBe('Taraz');
	});

	it('lists aliases without the name or case/space variants, keeping the first spelling', () => {
		expect(aliasesExcludingName(atyrau)).toEqual(['Atyraū', 'Guryev', 'Атырау']);
		expect(aliasesExcludingName(taraz)).toEqual(['Zhambyl']);
		expect(aliasesExcludingName(aktobe)).toEqual([]);
	});
});
