import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildActorIndex } from '$lib/data/actors';
import type { AtlasData } from '$lib/data/load';
import {
	IncidentCollection,
	PlaceCollection,
	RegionCollection,
	SourceList
} from '$lib/data/schema';
import { GROUP_LIMIT, atlasSearchEntries, buildAtlasSearch, createSearch } from './search-index';

const read = (f: string) => JSON.parse(readFileSync(`geodata/${f}`, 'utf8'));
const data: AtlasData = {
	incidents: IncidentCollection.parse(read('incidents.geojson')).features,
	places: PlaceCollection.parse(read('places.geojson')).features,
	regions: RegionCollection.parse(read('regions.geojson')).features,
	sources: SourceList.parse(read('sources.json'))
};
const actors = buildActorIndex(data.incidents);
const search = buildAtlasSearch(data, actors);
const topPlace = (q: string) => search(q).place[0];

describe('search: places by any spelling', () => {
	it.each(['Aqtobe', 'Актобе', 'Ақтөбе', 'aktob', 'Aktyubinsk', 'AKTOBE', 'Aqtöbe'])(
		'"%s" finds Aktobe first',
		(q) => {
			expect(topPlace(q)?.target).toBe('aktobe');
		}
	);

	it('"Гурьев" (the old Russian name) finds Atyrau', () => {
		expect(topPlace('Гурьев')?.target).toBe('atyrau');
		expect(topPlace('Гурьев')?.matched).toBe('Гурьев');
	});

	it('a one-letter typo still finds the place', () => {
		expect(topPlace('Atyray')?.target).toBe('atyrau');
		expect(topPlace('Boraldaj')?.target).toBe('boraldai');
		expect(topPlace('Aktobr')?.target).toBe('aktobe');
	});

	it('says which alias matched, preferring the spelling the reader typed', () => {
		expect(topPlace('Актобе')?.matched).toBe('Актобе');
		expect(topPlace('Ақтөбе')?.matched).toBe('Ақтөбе');
		expect(topPlace('Aktyubinsk')?.matched).toBe('Aktyubinsk');
		// The name itself needs no explanation.
		expect(topPlace('Aktobe')?.matched).toBeNull();
		expect(topPlace('aktob')?.matched).toBeNull();
	});

	it('ranks the city above the oblast that shares its old spelling, and finds both', () => {
		const places = search('Aqtöbe').place.map((h) => h.target);
		expect(places.slice(0, 2)).toEqual(['aktobe', 'aktobe-oblast']);
		expect(search('Aktobe oblast').place[0].target).toBe('aktobe-oblast');
	});

	it('finds every place by every one of its aliases', () => {
		for (const place of data.places) {
			for (const alias of place.properties.aliases) {
				const targets = search(alias).place.map((h) => h.target);
				expect(targets, `${alias} → ${place.properties.id}`).toContain(place.properties.id);
			}
		}
	});
});

describe('search: actors and incidents', () => {
	it('finds actors by name and by part of a name', () => {
		const hits = search('Garsallaoui');
		expect(hits.actor.map((h) => h.label)).toContain('Moezeddine Garsallaoui');
		expect(search('Suindikov').actor[0].label).toBe('Nurdaulet Suindikov');
		expect(search('Suindikov').actor[0].target).toBe(actors.slugByName.get('Nurdaulet Suindikov'));
	});

	it('finds incidents by title words, across the folding', () => {
		const hits = search('bomb blasts Atyrau').incident.map((h) => h.target);
		expect(hits).toContain('atyrau-bombings-2011-10-31');
		expect(search('Бoraldai special').incident.map((h) => h.target)).toContain(
			'boraldai-special-operation-2011-12-03'
		);
	});

	it('returns nothing for an empty query and caps every group', () => {
		expect(search('   ')).toEqual({ place: [], actor: [], incident: [] });
		const broad = search('a');
		for (const group of Object.values(broad)) expect(group.length).toBeLessThanOrEqual(GROUP_LIMIT);
	});

	it('lists each thing once however many of its spellings match', () => {
		const hits = search('Aktobe').place.map((h) => h.target);
		expect(new Set(hits).size).toBe(hits.length);
	});
});

describe('atlasSearchEntries', () => {
	it('indexes every place name and alias, every actor and every incident title', () => {
		const entries = atlasSearchEntries(data, actors);
		const aliases = data.places.flatMap((p) => [p.properties.name, ...p.properties.aliases]);
		const texts = new Set(
			entries.filter((e) => e.kind === 'place').map((e) => e.text.toLowerCase())
		);
		for (const a of aliases) expect(texts.has(a.toLowerCase())).toBe(true);
		expect(entries.filter((e) => e.kind === 'actor')).toHaveLength(actors.actors.length);
		expect(entries.filter((e) => e.kind === 'incident')).toHaveLength(data.incidents.length);
	});

	it('works on any list of entries', () => {
		const s = createSearch([
			{
				kind: 'place',
				target: 'x',
				label: 'Shymkent',
				text: 'Shymkent',
				primary: true,
				detail: ''
			},
			{
				kind: 'place',
				target: 'x',
				label: 'Shymkent',
				text: 'Chimkent',
				primary: false,
				detail: ''
			}
		]);
		expect(s('Шымкент').place.map((h) => [h.target, h.matched])).toEqual([['x', null]]);
		expect(s('Чимкент').place.map((h) => [h.target, h.matched])).toEqual([['x', 'Chimkent']]);
	});
});
