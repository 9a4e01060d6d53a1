/**
 * The people and organisations the incidents name, as an index: one entry per distinct name
 * as the data spells it, with a stable slug for links and the map's filter. Names are kept
 * apart exactly as written ("Jund al Khilafah (JaK)" and "Soldiers of the Caliphate (Jund
 * al-Khilafah)" are two entries): merging them would be an identification the sources do not
 * make in those words, and search finds every spelling anyway.
 */
import { compareIncidents } from './dates';
import type { IncidentFeature } from './schema';

export type Actor = {
	slug: string;
	name: string;
	/** Every incident that names the actor, in date order. */
	incidents: IncidentFeature[];
};

export type ActorIndex = {
	/** Every actor, ordered by name. */
	actors: Actor[];
	bySlug: Map<string, Actor>;
	/** The slug of each distinct (trimmed) name. */
	slugByName: Map<string, string>;
};

const SLUG_MAX = 80;

/**
 * A URL-safe slug for a name: accents stripped, lowercase, runs of anything but a-z and 0-9
 * turned into one hyphen, e.g. "Jund al Khilafah (JaK)" → "jund-al-khilafah-jak". A name
 * with no Latin letters or digits at all gets "actor".
 */
export function actorSlug(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, SLUG_MAX)
		.replace(/^-+|-+$/g, '');
	return slug || 'actor';
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * The actor index of a set of incidents. Slugs depend only on the set of names: names are
 * ordered first, and a name whose slug is taken gets the next free "-2", "-3", …, so the
 * same data always gives the same links whatever the order of its records.
 */
export function buildActorIndex(incidents: readonly IncidentFeature[]): ActorIndex {
	const byName = new Map<string, IncidentFeature[]>();
	for (const incident of incidents) {
		// A record naming an actor twice still counts once for that actor.
		for (const raw of new Set(incident.properties.actors.map((a) => a.trim()))) {
			if (!raw) continue;
			const list = byName.get(raw);
			if (list) list.push(incident);
			else byName.set(raw, [incident]);
		}
	}
	const names = [...byName.keys()].sort(
		(a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
	);
	const bySlug = new Map<string, Actor>();
	const slugByName = new Map<string, string>();
	const actors: Actor[] = [];
	for (const name of names) {
		const base = actorSlug(name);
		let slug = base;
		for (let n = 2; bySlug.has(slug); n++) slug = `${base}-${n}`;
		const actor: Actor = { slug, name, incidents: [...byName.get(name)!].sort(compareIncidents) };
		bySlug.set(slug, actor);
		slugByName.set(name, slug);
		actors.push(actor);
	}
	return { actors, bySlug, slugByName };
}

/** The slugs of the actors an incident names, in the order it names them. */
export function actorSlugsOf(index: ActorIndex, incident: IncidentFeature): string[] {
	const slugs: string[] = [];
	for (const name of incident.properties.actors) {
		const slug = index.slugByName.get(name.trim());
		if (slug && !slugs.includes(slug)) slugs.push(slug);
	}
	return slugs;
}

/**
 * The slugs in the one-string form the map filters on, `|slug1|slug2|`: MapLibre's `in`
 * finds `|slug|` in it, which matches whole slugs only.
 */
export function actorKey(slugs: readonly string[]): string {
	return slugs.length ? `|${slugs.join('|')}|` : '';
}

/** True when the incident names the actor. */
export function namesActor(index: ActorIndex, incident: IncidentFeature, slug: string): boolean {
	return actorSlugsOf(index, incident).includes(slug);
}
