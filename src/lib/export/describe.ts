/**
 * The active filters in words, for the exported image (and anything else that must say
 * what a view leaves out). Pure.
 */
import type { AttributionStatus } from '$lib/data/schema';
import { FAMILIES, STATUSES, type CategoryFamily } from '$lib/data/symbology';
import { monthLabel, type TimeRange } from '$lib/timeline/period';

export type FilterState = {
	total: number;
	shown: number;
	hiddenYears: readonly number[];
	hiddenKinds: readonly CategoryFamily[];
	hiddenStatuses: readonly AttributionStatus[];
	range: TimeRange | null;
};

/** "October 2011 – November 2011", or one month alone. */
export function rangeLabel(range: TimeRange): string {
	return range.from === range.to
		? monthLabel(range.from)
		: `${monthLabel(range.from)} – ${monthLabel(range.to)}`;
}

/** One line for the count, then one per active filter; says so when there is none. */
export function describeFilters(f: FilterState): string[] {
	const lines = [`${f.shown} of ${f.total} incidents shown`];
	if (f.range) {
		const how = f.range.within ? 'entirely within' : 'overlapping';
		lines.push(`Dates: ${how} ${rangeLabel(f.range)}`);
	}
	if (f.hiddenYears.length) lines.push(`Years hidden: ${[...f.hiddenYears].join(', ')}`);
	if (f.hiddenKinds.length) {
		const labels = FAMILIES.filter((k) => f.hiddenKinds.includes(k.id)).map((k) => k.label);
		lines.push(`Kinds hidden: ${labels.join('; ')}`);
	}
	if (f.hiddenStatuses.length) {
		const labels = STATUSES.filter((s) => f.hiddenStatuses.includes(s.id)).map((s) => s.label);
		lines.push(`Statuses hidden: ${labels.join(', ')}`);
	}
	if (lines.length === 1) lines.push('No filters');
	return lines;
}
