/**
 * Queries over the incident and place collections that the panels and the map share,
 * kept pure so the same answers back the UI, the validator and the tests.
 */
import { compareIncidents, dateSortKey, incidentYear } from './dates';
import type { AttributionStatus, Citation, IncidentFeature, PlaceFeature } from './schema';
import { familyOf, type CategoryFamily } from './symbology';
import { incidentInRange, type TimeRange } from '$lib/timeline/period';

/** Number of incidents in each year present, ascending by year. */
export function yearCounts(
	incidents: readonly IncidentFeature[]
): { year: number; count: number }[] {
	const counts = new Map<number, number>();
	for (const f of incidents) {
		const y = incidentYear(f.properties);
		counts.set(y, (counts.get(y) ?? 0) + 1);
	}
	return [...counts].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year);
}

/** Category families and attribution statuses switched off, and the time range, besides years. */
export type KindFilters = {
	families?: ReadonlySet<CategoryFamily>;
	statuses?: ReadonlySet<AttributionStatus>;
	/** Only incidents whose period meets this range (see {@link incidentInRange}). */
	range?: TimeRange | null;
};

/** Incidents whose year, kind and status are switched on and that meet the range, in date order. */
export function visibleIncidents(
	incidents: readonly IncidentFeature[],
	hiddenYears: ReadonlySet<number>,
	{ families, statuses, range }: KindFilters = {}
): IncidentFeature[] {
	return incidents
		.filter(
			(f) =>
				!hiddenYears.has(incidentYear(f.properties)) &&
				!families?.has(familyOf(f.properties.category)) &&
				!statuses?.has(f.properties.status) &&
				(!range || incidentInRange(f.properties, range))
		)
		.sort(compareIncidents);
}

/**
 * Features keyed by `properties.id`. On a duplicate id the first feature wins, so a
 * later stray record cannot silently replace the one the data validator checked first.
 */
export function indexById<T extends { properties: { id: string } }>(
	features: readonly T[]
): Map<string, T> {
	const index = new Map<string, T>();
	for (const f of features) {
		if (!index.has(f.properties.id)) index.set(f.properties.id, f);
	}
	return index;
}

// Accent- and case-aware but locale-stable ordering of place names.
const collator = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * Places with at least one of the given incidents, each with its incidents in date order.
 * Groups are ordered by their earliest incident, then by place name (then id, for a total
 * order). Incidents whose place is unknown are left out; see {@link unplacedIncidents}.
 */
export function groupByPlace(
	incidents: readonly IncidentFeature[],
	places: readonly PlaceFeature[]
): { place: PlaceFeature; incidents: IncidentFeature[] }[] {
	const byId = indexById(places);
	const groups = new Map<string, { place: PlaceFeature; incidents: IncidentFeature[] }>();
	for (const f of incidents) {
		const place = byId.get(f.properties.place);
		if (!place) continue;
		let group = groups.get(place.properties.id);
		if (!group) {
			group = { place, incidents: [] };
			groups.set(place.properties.id, group);
		}
		group.incidents.push(f);
	}
	const result = [...groups.values()];
	for (const g of result) g.incidents.sort(compareIncidents);
	// Keys computed once: sorting calls the comparator O(n log n) times.
	const firstKey = new Map(result.map((g) => [g, dateSortKey(g.incidents[0].properties)]));
	return result.sort((a, b) => {
		const ka = firstKey.get(a)!;
		const kb = firstKey.get(b)!;
		if (ka !== kb) return ka < kb ? -1 : 1;
		const byName = collator.compare(a.place.properties.name, b.place.properties.name);
		if (byName !== 0) return byName;
		return a.place.properties.id < b.place.properties.id ? -1 : 1;
	});
}

/** Incidents whose `place` names no known place, in date order (a data error to surface). */
export function unplacedIncidents(
	incidents: readonly IncidentFeature[],
	places: readonly PlaceFeature[]
): IncidentFeature[] {
	const ids = new Set(places.map((p) => p.properties.id));
	return incidents.filter((f) => !ids.has(f.properties.place)).sort(compareIncidents);
}

/** The incidents at one place, in date order. */
export function incidentsAtPlace(
	incidents: readonly IncidentFeature[],
	placeId: string
): IncidentFeature[] {
	return incidents.filter((f) => f.properties.place === placeId).sort(compareIncidents);
}

/**
 * Every excerpt quoted from one source, in incident date order (and in citation order
 * within an incident), so a reader can check everything the atlas takes from a document.
 */
export function excerptsFromSource(
	incidents: readonly IncidentFeature[],
	sourceId: string
): { incident: IncidentFeature; citation: Citation }[] {
	const out: { incident: IncidentFeature; citation: Citation }[] = [];
	for (const incident of [...incidents].sort(compareIncidents)) {
		for (const citation of incident.properties.sources) {
			if (citation.source === sourceId) out.push({ incident, citation });
		}
	}
	return out;
}

/** The name to show for a place. */
export function placeLabel(place: PlaceFeature): string {
	return place.properties.name;
}

const fold = (s: string) => s.trim().normalize('NFC').toLowerCase();

/**
 * The aliases worth listing beside the name: without the name itself and without
 * spellings that differ only in case or surrounding space (first spelling kept).
 */
export function aliasesExcludingName(place: PlaceFeature): string[] {
	const seen = new Set([fold(place.properties.name)]);
	const out: string[] = [];
	for (const alias of place.properties.aliases) {
		const key = fold(alias);
		if (key === '' || seen.has(key)) continue;
		seen.add(key);
		out.push(alias);
	}
	return out;
}
