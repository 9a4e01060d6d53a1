/**
 * The timeline's numbers: incidents per month stacked by kind for those known to a month
 * or a day, and bands over the whole period for those known only to a season, a year or a
 * span. Pure, so the chart only draws what these return.
 */
import type { IncidentFeature } from '$lib/data/schema';
import type { AttributionStatus } from '$lib/data/schema';
import { FAMILIES, familyOf, type CategoryFamily } from '$lib/data/symbology';
import type { TileFilters } from '$lib/tiles/expressions';
import type { TileSetMeta } from '$lib/tiles/schema';
import { incidentPeriod, type TimeRange } from './period';

export type Span = { from: number; to: number };

/** First and last month any incident may fall in; the current year when there are none. */
export function dataSpan(incidents: readonly IncidentFeature[]): Span {
	let from = Infinity;
	let to = -Infinity;
	for (const f of incidents) {
		const period = incidentPeriod(f.properties);
		if (!period) continue;
		from = Math.min(from, period.startMonth);
		to = Math.max(to, period.endMonth);
	}
	if (from > to) {
		const now = new Date();
		const month = now.getUTCFullYear() * 12 + now.getUTCMonth();
		return { from: month, to: month };
	}
	return { from, to };
}

/**
 * A range kept within the span: each end clamped into it. A range that misses the span
 * altogether is clamped to its nearest month rather than dropped, so a link still shows
 * an (empty or edge) selection the reader can see and move.
 */
export function clampRange(range: TimeRange, span: Span): TimeRange {
	const clamp = (n: number) => Math.min(span.to, Math.max(span.from, Math.round(n)));
	const from = clamp(range.from);
	const to = clamp(range.to);
	return { from: Math.min(from, to), to: Math.max(from, to), within: range.within };
}

/** One stacked bar: the incidents dated to one month (or `months` from it), by kind in legend order. */
export type MonthBar = {
	month: number;
	/** Months the bar covers: 1, or 12 for a tile set's year. */
	months: number;
	total: number;
	segments: { family: CategoryFamily; count: number; y0: number; y1: number }[];
};

/** An incident known only to a longer period, drawn across all of it in its own lane. */
export type PeriodBand = {
	id: string;
	family: CategoryFamily;
	from: number;
	to: number;
	lane: number;
};

export type Histogram = { bars: MonthBar[]; bands: PeriodBand[]; lanes: number; maxCount: number };

/**
 * Bars for incidents whose period lies in one month (a day or a month), bands for the rest.
 * Bands are packed into as few lanes as a greedy pass by start month allows, so two bands
 * never overlap in one lane.
 */
export function histogram(incidents: readonly IncidentFeature[]): Histogram {
	const byMonth = new Map<number, Map<CategoryFamily, number>>();
	const periods: Omit<PeriodBand, 'lane'>[] = [];
	for (const f of incidents) {
		const period = incidentPeriod(f.properties);
		if (!period) continue;
		const family = familyOf(f.properties.category);
		if (period.startMonth === period.endMonth) {
			let counts = byMonth.get(period.startMonth);
			if (!counts) byMonth.set(period.startMonth, (counts = new Map()));
			counts.set(family, (counts.get(family) ?? 0) + 1);
		} else {
			periods.push({ id: f.properties.id, family, from: period.startMonth, to: period.endMonth });
		}
	}

	const bars = [...byMonth]
		.sort(([a], [b]) => a - b)
		.map(([month, counts]) => bar(month, 1, counts));

	periods.sort((a, b) => a.from - b.from || a.to - b.to || (a.id < b.id ? -1 : 1));
	const laneEnds: number[] = [];
	const bands = periods.map((p) => {
		let lane = laneEnds.findIndex((end) => end < p.from);
		if (lane < 0) lane = laneEnds.push(p.to) - 1;
		else laneEnds[lane] = p.to;
		return { ...p, lane };
	});

	return {
		bars,
		bands,
		lanes: laneEnds.length,
		maxCount: Math.max(0, ...bars.map((b) => b.total))
	};
}

/** A bar's segments, stacked in legend order. */
function bar(month: number, months: number, counts: ReadonlyMap<CategoryFamily, number>): MonthBar {
	let y = 0;
	const segments = FAMILIES.filter((fam) => counts.get(fam.id)).map((fam) => {
		const count = counts.get(fam.id)!;
		const segment = { family: fam.id, count, y0: y, y1: y + count };
		y += count;
		return segment;
	});
	return { month, months, total: y, segments };
}

// A tile set's kind×status combinations: the `k<kind>s<status>` keys of its per-year counts
// (tiles/schema.ts). Here, in a module the dashboard's first load already has, because its
// year toggles count with them too; the tile-set code shares them.

/** The kind and status numbers of a `comboId` (schema.ts); null for any other key. */
export function parseComboId(id: string): { kind: number; status: number } | null {
	const m = /^k(\d+)s(\d+)$/.exec(id);
	return m ? { kind: Number(m[1]), status: Number(m[2]) } : null;
}

/** Whether a kind and status (numbers into the tile set's lists) pass the kind and status filters. */
export function kindStatusShown(
	meta: Pick<TileSetMeta, 'kinds' | 'statuses'>,
	filters: Pick<TileFilters, 'hiddenKinds' | 'hiddenStatuses'>
): (kind: number, status: number) => boolean {
	const kinds = new Set(filters.hiddenKinds.map((k) => meta.kinds.indexOf(k)));
	const statuses = new Set(filters.hiddenStatuses.map((s) => meta.statuses.indexOf(s)));
	return (kind, status) => !kinds.has(kind) && !statuses.has(status);
}

/** The filters a tile set's timeline counts with: all but the time range. */
export type TileHistogramFilters = {
	hiddenYears: readonly number[];
	hiddenKinds: readonly CategoryFamily[];
	hiddenStatuses: readonly AttributionStatus[];
};

/**
 * A tile set's events per year, by kind, from its metadata's per-year counts (tiles count
 * whole years, so a year is one bar twelve months wide): what passes the year, kind and
 * status filters. No bands: a tile set keeps no periods.
 */
export function tileHistogram(
	meta: Pick<TileSetMeta, 'years' | 'kinds' | 'statuses'>,
	filters: TileHistogramFilters
): Histogram {
	const years = new Set(filters.hiddenYears);
	const shown = kindStatusShown(meta, filters);
	const bars: MonthBar[] = [];
	for (const { year, by } of meta.years) {
		if (years.has(year)) continue;
		const counts = new Map<CategoryFamily, number>();
		for (const [id, n] of Object.entries(by)) {
			const combo = parseComboId(id);
			const kind = combo && (meta.kinds[combo.kind] as CategoryFamily | undefined);
			if (!kind || !shown(combo.kind, combo.status)) continue;
			counts.set(kind, (counts.get(kind) ?? 0) + n);
		}
		const b = bar(year * 12, 12, counts);
		if (b.total) bars.push(b);
	}
	return { bars, bands: [], lanes: 0, maxCount: Math.max(0, ...bars.map((b) => b.total)) };
}

/**
 * The window of a play-through after `current`: the `width` months that follow it, or the
 * first `width` months of the span when there is no current range; null once the span is
 * done. Cumulative windows all start at the start of the span.
 */
export function nextWindow(
	current: TimeRange | null,
	span: Span,
	width: number,
	cumulative: boolean,
	within: boolean
): TimeRange | null {
	if (current && current.to >= span.to) return null;
	const start = current ? current.to + 1 : span.from;
	const to = Math.min(span.to, start + Math.max(1, width) - 1);
	return { from: cumulative ? span.from : start, to, within };
}
