/**
 * The search behind the panel's search box: places by name and every alias, actors by name,
 * incidents by title, matched after folding case, accents and script (see ./fold), with
 * prefixes ("aktob") and one-letter typos ("Atyray"). MiniSearch holds the index; this module
 * is loaded only when a reader first reaches for the search box, so it costs the first load
 * nothing.
 *
 * Every spelling is its own document, so a hit can say which alias it matched
 * ("Aktobe — matched ‘Актобе’"); hits are then gathered per place, actor or incident.
 */
import MiniSearch from 'minisearch';
import type { ActorIndex } from '$lib/data/actors';
import { formatIncidentDate } from '$lib/data/dates';
import type { AtlasData } from '$lib/data/load';
import { foldTerm } from './fold';

export type SearchKind = 'place' | 'actor' | 'incident';

/** One searchable spelling of one thing. */
export type SearchEntry = {
	kind: SearchKind;
	/** The place or incident id, or the actor slug. */
	target: string;
	/** What the thing is called. */
	label: string;
	/** The text this entry matches: the name, an alias or a title. */
	text: string;
	/** True when `text` is the thing's own name. */
	primary: boolean;
	/** A short line under the label, e.g. "City · 4 incidents". */
	detail: string;
};

export type SearchHit = {
	kind: SearchKind;
	target: string;
	label: string;
	detail: string;
	/** The alias that matched, when it is not the name itself. */
	matched: string | null;
	score: number;
};

export type SearchResults = Record<SearchKind, SearchHit[]>;

export const SEARCH_KINDS: readonly SearchKind[] = ['place', 'actor', 'incident'];

/** How many hits each group shows at most. */
export const GROUP_LIMIT = 6;

/** A thing's own name outranks an equally good alias of something else. */
const PRIMARY_BOOST = 1.2;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const loose = (s: string) => s.normalize('NFC').toLowerCase().trim();

/** Every spelling the atlas can be searched by, from the dataset and its actor index. */
export function atlasSearchEntries(data: AtlasData, actors: ActorIndex): SearchEntry[] {
	const entries: SearchEntry[] = [];
	const counts = new Map<string, number>();
	for (const f of data.incidents) {
		counts.set(f.properties.place, (counts.get(f.properties.place) ?? 0) + 1);
	}
	const placeName = new Map(data.places.map((p) => [p.properties.id, p.properties.name]));
	for (const place of data.places) {
		const { id, name, aliases, kind } = place.properties;
		const detail = `${kind === 'admin1' ? 'Oblast or province' : capitalise(kind)} · ${plural(counts.get(id) ?? 0, 'incident')}`;
		const seen = new Set<string>();
		for (const [i, text] of [name, ...aliases].entries()) {
			if (seen.has(loose(text))) continue;
			seen.add(loose(text));
			entries.push({ kind: 'place', target: id, label: name, text, primary: i === 0, detail });
		}
	}
	for (const actor of actors.actors) {
		entries.push({
			kind: 'actor',
			target: actor.slug,
			label: actor.name,
			text: actor.name,
			primary: true,
			detail: plural(actor.incidents.length, 'incident')
		});
	}
	for (const incident of data.incidents) {
		const p = incident.properties;
		entries.push({
			kind: 'incident',
			target: p.id,
			label: p.title,
			text: p.title,
			primary: true,
			detail: `${formatIncidentDate(p)} · ${placeName.get(p.place) ?? p.place}`
		});
	}
	return entries;
}

export type Search = (query: string) => SearchResults;

/** Indexes the entries and returns the search over them. */
export function createSearch(entries: readonly SearchEntry[]): Search {
	const index = new MiniSearch<{ id: number; text: string }>({
		fields: ['text'],
		processTerm: (term) => foldTerm(term) || null,
		searchOptions: { prefix: true, fuzzy: 0.2 }
	});
	index.addAll(entries.map((e, id) => ({ id, text: e.text })));

	return (query: string) => {
		const results: SearchResults = { place: [], actor: [], incident: [] };
		if (!query.trim()) return results;
		// Every word should match; if none does so, any word will do.
		let hits = index.search(query, { combineWith: 'AND' });
		if (!hits.length) hits = index.search(query, { combineWith: 'OR' });
		const literal = loose(query);
		type Best = { hit: SearchHit; raw: number; entry: SearchEntry };
		const best = new Map<string, Best>();
		for (const { id, score } of hits) {
			const entry = entries[id as number];
			const key = `${entry.kind}:${entry.target}`;
			const boosted = score * (entry.primary ? PRIMARY_BOOST : 1);
			const current = best.get(key);
			if (!current) {
				best.set(key, {
					hit: {
						kind: entry.kind,
						target: entry.target,
						label: entry.label,
						detail: entry.detail,
						matched: null,
						score: boosted
					},
					raw: score,
					entry
				});
				continue;
			}
			current.hit.score = Math.max(current.hit.score, boosted);
			if (betterWitness(entry, score, current, literal)) {
				current.raw = score;
				current.entry = entry;
			}
		}
		for (const { hit, entry } of best.values()) {
			hit.matched = entry.primary || loose(entry.text) === loose(entry.label) ? null : entry.text;
			results[hit.kind].push(hit);
		}
		for (const kind of SEARCH_KINDS) {
			results[kind].sort((a, b) => b.score - a.score || a.label.localeCompare(b.label, 'en'));
			results[kind] = results[kind].slice(0, GROUP_LIMIT);
		}
		return results;
	};
}

/**
 * Which spelling to show as the reason for a hit: the best-matching one; among equals, the
 * one the reader typed (so "Актобе" shows ‘Актобе’, not ‘Aqtobe’), then the name.
 */
function betterWitness(
	entry: SearchEntry,
	score: number,
	current: { raw: number; entry: SearchEntry },
	literal: string
): boolean {
	const close = Math.abs(score - current.raw) <= 1e-9 * Math.max(score, current.raw);
	if (!close) return score > current.raw;
	const typed = (e: SearchEntry) => loose(e.text).includes(literal);
	if (typed(entry) !== typed(current.entry)) return typed(entry);
	return entry.primary && !current.entry.primary;
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The search over the whole atlas. */
export function buildAtlasSearch(data: AtlasData, actors: ActorIndex): Search {
	return createSearch(atlasSearchEntries(data, actors));
}
