import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actorKey, actorSlug, actorSlugsOf, buildActorIndex, namesActor } from './actors';
import { compareIncidents } from './dates';
import { IncidentCollection, IncidentFeature, type IncidentFeature as Incident } from './schema';

const read = (f: string) => JSON.parse(readFileSync(`geodata/${f}`, 'utf8'));
const dataset = IncidentCollection.parse(read('incidents.geojson')).features;

// Fixtures go through the real schema so the tests cannot drift from valid data.
function incident(id: string, date: string, actors: string[]): Incident {
	return IncidentFeature.parse({
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [51.9, 47.1] },
		properties: {
			id,
			title: `Incident ${id}`,
			summary: `Summary of incident ${id}.`,
			date,
			date_precision: 'day',
			date_text: date,
			place: 'atyrau',
			location_precision: 'town',
			category: 'attack',
			status: 'reported',
			actors,
			fatalities: null,
			sources: [{ source: 'src-a', excerpt: `Excerpt supporting ${id}.` }]
		}
	});
}

describe('actorSlug', () => {
	it('makes a readable URL slug from a name', () => {
		expect(actorSlug('Jund al Khilafah (JaK)')).toBe('jund-al-khilafah-jak');
		expect(actorSlug('National Security Commission (KNB), "Atyrstan division" as printed')).toBe(
			'national-security-commission-knb-atyrstan-division-as-printed'
		);
		expect(actorSlug("Kazakh Prosecutor-General's Office")).toBe(
			'kazakh-prosecutor-general-s-office'
		);
	});

	it('strips accents and falls back for names with no Latin letters', () => {
		expect(actorSlug('Aqtöbe Ūnion')).toBe('aqtobe-union');
		expect(actorSlug('Комитет')).toBe('actor');
		expect(actorSlug('  ')).toBe('actor');
	});
});

describe('buildActorIndex', () => {
	it('has one entry per distinct name in the dataset, each listing every incident naming it', () => {
		const index = buildActorIndex(dataset);
		const names = new Set(dataset.flatMap((f) => f.properties.actors.map((a) => a.trim())));
		expect(index.actors.map((a) => a.name).sort()).toEqual([...names].sort());
		for (const actor of index.actors) {
			const expected = dataset
				.filter((f) => f.properties.actors.some((a) => a.trim() === actor.name))
				.sort(compareIncidents)
				.map((f) => f.properties.id);
			expect(actor.incidents.map((f) => f.properties.id)).toEqual(expected);
			expect(index.bySlug.get(actor.slug)).toBe(actor);
		}
		expect(new Set(index.actors.map((a) => a.slug)).size).toBe(index.actors.length);
	});

	it('keeps slugs stable whatever the order of the records, and unique on collision', () => {
		const a = incident('a', '2011-10-31', ['Soldiers of the Caliphate', 'KNB']);
		const b = incident('b', '2011-11-02', ['Soldiers of the Caliphate!', 'knb']);
		const c = incident('c', '2011-10-01', ['Soldiers of the Caliphate']);
		const one = buildActorIndex([a, b, c]);
		const two = buildActorIndex([c, b, a]);
		expect([...one.slugByName]).toEqual([...two.slugByName]);
		const slugs = [...one.slugByName.values()];
		expect(new Set(slugs).size).toBe(4);
		expect(slugs).toContain('soldiers-of-the-caliphate');
		expect(slugs).toContain('soldiers-of-the-caliphate-2');
		// Date order within an actor.
		const soldiers = one.bySlug.get(one.slugByName.get('Soldiers of the Caliphate')!)!;
		expect(soldiers.incidents.map((f) => f.properties.id)).toEqual(['c', 'a']);
	});

	it('counts an incident once for an actor it names twice, and ignores blank names', () => {
		const index = buildActorIndex([incident('a', '2011-10-31', ['KNB', ' KNB ', ' '])]);
		expect(index.actors).toHaveLength(1);
		expect(index.actors[0].incidents).toHaveLength(1);
	});
});

describe('actorSlugsOf, actorKey and namesActor', () => {
	it('gives the slugs an incident names, in the form the map filters on', () => {
		const a = incident('a', '2011-10-31', ['Jund al Khilafah (JaK)', 'KNB']);
		const b = incident('b', '2011-11-02', ['KNB']);
		const index = buildActorIndex([a, b]);
		expect(actorSlugsOf(index, a)).toEqual(['jund-al-khilafah-jak', 'knb']);
		expect(actorKey(actorSlugsOf(index, a))).toBe('|jund-al-khilafah-jak|knb|');
		expect(actorKey([])).toBe('');
		expect(namesActor(index, a, 'knb')).toBe(true);
		expect(namesActor(index, b, 'jund-al-khilafah-jak')).toBe(false);
		// Whole slugs only: "knb" is not found inside another slug that contains it.
		expect(actorKey(['knb-deputy']).includes('|knb|')).toBe(false);
	});
});
