/**
 * The period an incident may fall in: from the earliest to the latest day its date allows,
 * at exactly the precision the source gives. The timeline draws it, the range filter tests
 * it, and the map filters on its months; none of them ever turns a vague date into a point.
 */
import { MONTHS, type DateParts } from '$lib/data/dates';

/**
 * What a period is computed from: the date fields, plus optional outer bounds
 * (`date_not_before` / `date_not_after`, ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`) that narrow a
 * vague date when another source caps it. Any record carrying those fields narrows through
 * this type as it is; records without them get the full span of their date.
 */
export type PeriodParts = DateParts & { date_not_before?: string; date_not_after?: string };

/** A closed interval of whole days, as ISO `YYYY-MM-DD`, plus the months it touches. */
export type Period = {
	/** Earliest possible day. */
	start: string;
	/** Latest possible day. */
	end: string;
	/** Month index (year × 12 + month − 1) of `start`. */
	startMonth: number;
	/** Month index of `end`. */
	endMonth: number;
};

/** Month index of a year and 1-based month: year × 12 + month − 1. */
export function monthIndex(year: number, month: number): number {
	return year * 12 + month - 1;
}

/** The year and 1-based month of a month index. */
export function fromMonthIndex(index: number): { year: number; month: number } {
	return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** "October 2011" for a month index. */
export function monthLabel(index: number): string {
	const { year, month } = fromMonthIndex(index);
	return `${MONTHS[month - 1]} ${year}`;
}

/** "Oct" for a month index. */
export function shortMonthLabel(index: number): string {
	return MONTHS[fromMonthIndex(index).month - 1].slice(0, 3);
}

/** `2011-10` for a month index, as the URL writes it. */
export function monthKey(index: number): string {
	const { year, month } = fromMonthIndex(index);
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;

type Bounds = { first: [number, number, number]; last: [number, number, number] };

/** First and last day that an ISO date at any precision (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) covers. */
function isoBounds(s: string): Bounds | null {
	const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
	if (!match) return null;
	const y = Number(match[1]);
	if (match[2] === undefined) return { first: [y, 1, 1], last: [y, 12, 31] };
	const m = Number(match[2]);
	if (m < 1 || m > 12) return null;
	if (match[3] === undefined) return { first: [y, m, 1], last: [y, m, lastDay(y, m)] };
	const d = Number(match[3]);
	if (d < 1 || d > lastDay(y, m)) return null;
	return { first: [y, m, d], last: [y, m, d] };
}

/** Months of each meteorological season (northern hemisphere) within its year. */
const SEASON_MONTHS = {
	spring: [3, 5],
	summer: [6, 8],
	autumn: [9, 11]
} as const;

/** The days a date of one year covers at its precision, or null when the date is unreadable. */
function unitBounds(date: string, p: PeriodParts): Bounds | null {
	const b = isoBounds(date);
	if (!b) return null;
	if (p.date_precision !== 'season' || !p.season) return b;
	const y = b.first[0];
	if (p.season === 'winter') {
		// "Winter 2011" may mean the winter that ends in 2011 or the one that starts in it;
		// the honest span covers both: December of the year before to February of the next.
		return { first: [y - 1, 12, 1], last: [y + 1, 2, lastDay(y + 1, 2)] };
	}
	const [m1, m2] = SEASON_MONTHS[p.season];
	return { first: [y, m1, 1], last: [y, m2, lastDay(y, m2)] };
}

const key = ([y, m, d]: [number, number, number]) => iso(y, m, d);

/**
 * The period an incident may fall in, or null when its date cannot be read.
 * A day is itself; a month is its days; a season its three months; a year its twelve;
 * a span (`date_end`) runs from the start of its first unit to the end of its last.
 * Qualifiers ("late October") are vague words and do not narrow the period. Outer bounds,
 * where present and readable, narrow it (but never to nothing: conflicting bounds are ignored).
 */
export function incidentPeriod(p: PeriodParts): Period | null {
	const first = unitBounds(p.date, p);
	if (!first) return null;
	const last = p.date_end === undefined ? first : (unitBounds(p.date_end, p) ?? first);
	let start = key(first.first);
	let end = key(last.last);
	if (end < start) end = key(first.last);

	const notBefore = p.date_not_before === undefined ? null : isoBounds(p.date_not_before);
	const notAfter = p.date_not_after === undefined ? null : isoBounds(p.date_not_after);
	const lo = notBefore && key(notBefore.first) > start ? key(notBefore.first) : start;
	const hi = notAfter && key(notAfter.last) < end ? key(notAfter.last) : end;
	if (lo <= hi) [start, end] = [lo, hi];

	return {
		start,
		end,
		startMonth: monthIndex(Number(start.slice(0, 4)), Number(start.slice(5, 7))),
		endMonth: monthIndex(Number(end.slice(0, 4)), Number(end.slice(5, 7)))
	};
}

/** A range of whole months (month indices, inclusive) and how incidents must meet it. */
export type TimeRange = {
	from: number;
	to: number;
	/** True: the incident's whole period lies inside the range; false: it overlaps it. */
	within: boolean;
};

/** Whether a period passes a range: overlapping it, or (with `within`) entirely inside it. */
export function periodInRange(period: Period, range: TimeRange): boolean {
	return range.within
		? period.startMonth >= range.from && period.endMonth <= range.to
		: period.startMonth <= range.to && period.endMonth >= range.from;
}

/** Whether a whole year passes a range (overlapping it, or with `within` inside it). */
export function yearInRange(year: number, range: TimeRange): boolean {
	return periodInRange(
		{
			start: `${year}-01-01`,
			end: `${year}-12-31`,
			startMonth: year * 12,
			endMonth: year * 12 + 11
		},
		range
	);
}

/** Whether an incident passes a range; an unreadable date passes no range. */
export function incidentInRange(p: PeriodParts, range: TimeRange): boolean {
	const period = incidentPeriod(p);
	return period !== null && periodInRange(period, range);
}
