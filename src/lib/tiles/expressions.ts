/**
 * Filters over a tile set's count properties (see schema.ts). A year toggle, the time range or
 * a kind/status filter only changes which counts are summed into a cell's visible count (the
 * map sets it as each cell's feature-state: see src/lib/map/tiled-layer.ts); the tiles are
 * never rebuilt. The raw points' filter is a MapLibre expression. Pure: no MapLibre import.
 */
import { yearInRange } from '$lib/timeline/period';
import { comboId, comboKey, yearKey, type TileSetMeta } from './schema';

/** What the dashboard switches off; the same shape as its map filters. */
export type TileFilters = {
	hiddenYears: readonly number[];
	hiddenKinds: readonly string[];
	hiddenStatuses: readonly string[];
	/** Months as year × 12 + month − 1, both ends inclusive. */
	range: { from: number; to: number; within: boolean } | null;
};

type Expr = unknown[] | number | string | boolean;

/**
 * Whether a year's events are shown. Tiles count events per year, so the time range works in
 * whole years: a year is in when the range overlaps it (or, with `within`, covers all of it).
 */
export function yearShown(
	year: number,
	hiddenYears: ReadonlySet<number>,
	range: TileFilters['range']
): boolean {
	return !hiddenYears.has(year) && (!range || yearInRange(year, range));
}

/** Years whose events are shown (see {@link yearShown}). */
export function visibleYears(meta: Pick<TileSetMeta, 'years'>, filters: TileFilters): number[] {
	const hidden = new Set(filters.hiddenYears);
	return meta.years.map((y) => y.year).filter((year) => yearShown(year, hidden, filters.range));
}

/**
 * Whether an event (its year and kind and status numbers) passes the filters, as the tiles
 * count it: what a cell's list and a search show.
 */
export function tileEventFilter(
	meta: Pick<TileSetMeta, 'years' | 'kinds' | 'statuses'>,
	filters: TileFilters
): (year: number, kind: number, status: number) => boolean {
	const years = new Set(visibleYears(meta, filters));
	// As kindStatusShown (timeline/histogram.ts) reads them; not imported from there, which
	// would split that first-load module into a chunk of its own (one more request).
	const kinds = new Set(filters.hiddenKinds.map((k) => meta.kinds.indexOf(k)));
	const statuses = new Set(filters.hiddenStatuses.map((s) => meta.statuses.indexOf(s)));
	return (year, kind, status) => years.has(year) && !kinds.has(kind) && !statuses.has(status);
}

/** Indices of the kinds and statuses shown. */
function visibleIndices(ids: readonly string[], hidden: readonly string[]): number[] {
	const off = new Set(hidden);
	return ids.flatMap((id, i) => (off.has(id) ? [] : [i]));
}

/** True when no kind or status the tile set has is switched off. */
function allKindsShown(meta: TileSetMeta, filters: TileFilters): boolean {
	return (
		visibleIndices(meta.kinds, filters.hiddenKinds).length === meta.kinds.length &&
		visibleIndices(meta.statuses, filters.hiddenStatuses).length === meta.statuses.length
	);
}

/**
 * The count properties whose sum is a cell's visible count: one per visible year, or, when a
 * kind or status is off, one per visible (year, kind, status) that occurs in the data.
 */
export function visibleCountKeys(meta: TileSetMeta, filters: TileFilters): string[] {
	const years = visibleYears(meta, filters);
	if (allKindsShown(meta, filters)) return years.map(yearKey);
	const kinds = visibleIndices(meta.kinds, filters.hiddenKinds);
	const statuses = visibleIndices(meta.statuses, filters.hiddenStatuses);
	const byYear = new Map(meta.years.map((y) => [y.year, y.by]));
	const keys: string[] = [];
	for (const year of years) {
		const present = byYear.get(year) ?? {};
		for (const k of kinds) {
			for (const s of statuses) if (present[comboId(k, s)]) keys.push(comboKey(year, k, s));
		}
	}
	return keys;
}

/** Keeps the raw points (from POINT_ZOOM) that every filter lets through. */
export function pointFilter(meta: TileSetMeta, filters: TileFilters): Expr {
	return [
		'all',
		['in', ['get', 'y'], ['literal', visibleYears(meta, filters)]],
		['in', ['get', 'k'], ['literal', visibleIndices(meta.kinds, filters.hiddenKinds)]],
		['in', ['get', 's'], ['literal', visibleIndices(meta.statuses, filters.hiddenStatuses)]]
	];
}

/** The counts a cell shows per year, under the filters (for the cell panel). */
export function cellYearCounts(
	meta: TileSetMeta,
	filters: TileFilters,
	props: Record<string, unknown>
): { year: number; count: number }[] {
	const keys = new Set(visibleCountKeys(meta, filters));
	const out: { year: number; count: number }[] = [];
	for (const { year } of meta.years) {
		let count = 0;
		for (const [key, value] of Object.entries(props)) {
			if (keys.has(key) && (key === yearKey(year) || key.startsWith(`${yearKey(year)}k`))) {
				count += Number(value) || 0;
			}
		}
		if (count) out.push({ year, count });
	}
	return out;
}
