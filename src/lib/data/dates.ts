/**
 * Dates as analysts read them: formatted at exactly the precision the source supports,
 * and sortable without pretending a vague date is a precise one.
 */
import type { IncidentProperties, SourceDocument } from './schema';

export type DateParts = Pick<
	IncidentProperties,
	| 'date'
	| 'date_precision'
	| 'season'
	| 'date_qualifier'
	| 'date_end'
	| 'date_not_before'
	| 'date_not_after'
>;

/** English month names, January first. */
export const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/** First month (1-based) of each season, northern-hemisphere meteorological seasons. */
const SEASON_START: Record<NonNullable<IncidentProperties['season']>, number> = {
	// Winter spans two calendar years; for a year-only date the earliest month of that
	// year's winter is January, so that is its start of period.
	winter: 1,
	spring: 3,
	summer: 6,
	autumn: 9
};

type Ymd = { y: number; m?: number; d?: number };

/** Parses `2011`, `2011-05` or `2011-05-03`; null when the string is not a real date. */
function parseIso(s: string): Ymd | null {
	const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
	if (!match) return null;
	const y = Number(match[1]);
	if (match[2] === undefined) return { y };
	const m = Number(match[2]);
	if (m < 1 || m > 12) return null;
	if (match[3] === undefined) return { y, m };
	const d = Number(match[3]);
	// Day 0 of the next month is the last day of this one.
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	if (d < 1 || d > last) return null;
	return { y, m, d };
}

/** Parses `s` only if it has exactly the shape `precision` demands. */
function parseAt(s: string, precision: IncidentProperties['date_precision']): Ymd | null {
	const ymd = parseIso(s);
	if (!ymd) return null;
	const wantMonth = precision === 'month' || precision === 'day';
	const wantDay = precision === 'day';
	if ((ymd.m !== undefined) !== wantMonth || (ymd.d !== undefined) !== wantDay) return null;
	return ymd;
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Early October", "Mid-October", "Late October"; the input is returned when unqualified. */
function qualify(text: string, qualifier: IncidentProperties['date_qualifier']): string {
	if (!qualifier) return text;
	// "Mid-" is hyphenated to its noun ("mid-October", "mid-2011"); the others are separate words.
	const prefix = qualifier === 'mid' ? 'Mid-' : `${capitalise(qualifier)} `;
	// Seasons are common nouns in British usage: "Late summer 2011", not "Late Summer 2011".
	const rest = /^(Spring|Summer|Autumn|Winter)\b/.test(text) ? text.toLowerCase() : text;
	return prefix + rest;
}

function dayMonth(d: Ymd): string {
	return `${d.d} ${MONTHS[d.m! - 1]}`;
}

/**
 * A date in British analyst style at the precision the source gives, e.g. "31 October 2011",
 * "Late October 2011", "Summer 2011", "3–5 December 2011", "December 2011 – January 2012".
 * Closed en dash between like parts, spaced en dash when either side contains a space.
 * A date that does not match its precision is shown verbatim rather than guessed at.
 */
export function formatIncidentDate(p: DateParts): string {
	// Two day bounds say more than the coarse period they narrow: show them as a day span.
	const lo = p.date_not_before === undefined ? null : parseAt(p.date_not_before, 'day');
	const hi = p.date_not_after === undefined ? null : parseAt(p.date_not_after, 'day');
	if (lo && hi && parseAt(p.date, p.date_precision)) {
		return formatIncidentDate({
			date: p.date_not_before!,
			date_precision: 'day',
			date_end: p.date_not_after
		});
	}
	const start = parseAt(p.date, p.date_precision);
	if (!start) return p.date;
	let end = p.date_end === undefined ? null : parseAt(p.date_end, p.date_precision);
	// A span ending where it starts (or with an unreadable end) is a single date.
	if (end && p.date_end === p.date) end = null;

	let text: string;
	switch (p.date_precision) {
		case 'day': {
			if (!end) text = `${dayMonth(start)} ${start.y}`;
			else if (end.y !== start.y)
				text = `${dayMonth(start)} ${start.y} – ${dayMonth(end)} ${end.y}`;
			else if (end.m !== start.m) text = `${dayMonth(start)} – ${dayMonth(end)} ${end.y}`;
			else text = `${start.d}–${dayMonth(end)} ${end.y}`;
			break;
		}
		case 'month': {
			const from = MONTHS[start.m! - 1];
			if (!end) text = `${from} ${start.y}`;
			else if (end.y !== start.y) text = `${from} ${start.y} – ${MONTHS[end.m! - 1]} ${end.y}`;
			else text = `${from}–${MONTHS[end.m! - 1]} ${end.y}`;
			break;
		}
		case 'season': {
			const season = p.season ? capitalise(p.season) : null;
			const years = end ? `${start.y}–${end.y}` : `${start.y}`;
			// Without the season field all we know is the year; say no more than that.
			text = season ? `${season} ${years}` : years;
			break;
		}
		case 'year': {
			text = end ? `${start.y}–${end.y}` : `${start.y}`;
			break;
		}
	}
	// An exact day needs no "early/late"; elsewhere the qualifier narrows the (first) period.
	return p.date_precision === 'day' ? text : qualify(text, p.date_qualifier);
}

/**
 * The bounds in words, for the record's card: "on or after 31 October and by 9 November
 * 2011", "by 31 October 2012", "on or after 9 November 2011". Null without valid bounds.
 */
export function formatDateBounds(
	p: Pick<DateParts, 'date_not_before' | 'date_not_after'>
): string | null {
	const lo = p.date_not_before === undefined ? null : parseAt(p.date_not_before, 'day');
	const hi = p.date_not_after === undefined ? null : parseAt(p.date_not_after, 'day');
	if (lo && hi) {
		const from = lo.y === hi.y ? dayMonth(lo) : `${dayMonth(lo)} ${lo.y}`;
		return `on or after ${from} and by ${dayMonth(hi)} ${hi.y}`;
	}
	if (lo) return `on or after ${dayMonth(lo)} ${lo.y}`;
	if (hi) return `by ${dayMonth(hi)} ${hi.y}`;
	return null;
}

/** The calendar year of `date` (the start year for spans), used by the year toggles. */
export function incidentYear(p: Pick<IncidentProperties, 'date'>): number {
	return Number(p.date.slice(0, 4));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A string that sorts chronologically by the START of the period a date denotes.
 * Chosen order: where periods start together, the coarser one sorts first, so
 * "2011" < "2011-05" < "2011-05-03" (and "Summer 2011" < "June 2011" < "1 June 2011").
 * Coarser first keeps a vague record next to the start of its period rather than
 * claiming it happened after precisely dated events it may well precede.
 * Qualifiers move the start: early/mid/late month → day 1/11/21; early/mid/late year →
 * January/May/September; early/mid/late season → its 1st/2nd/3rd month (not for winter,
 * whose months straddle the year). Spans sort by their start. Shape: `YYYY-MM-DD.r`,
 * with 00 for unknown parts and r the coarseness rank (0 = coarsest).
 * A `date_not_before` bound moves the start to that day, ranked after records dated exactly
 * that day (rank 6): such a bound comes from an earlier event ("after the bombings"), so the
 * bounded record follows it. `date_not_after` does not move the start.
 * Dates that do not match their precision sort after every valid date.
 */
export function dateSortKey(p: DateParts): string {
	const ymd = parseAt(p.date, p.date_precision);
	if (!ymd) return `~${p.date}`;
	const notBefore = p.date_not_before === undefined ? null : parseAt(p.date_not_before, 'day');
	if (notBefore) return `${notBefore.y}-${pad2(notBefore.m!)}-${pad2(notBefore.d!)}.6`;
	let month = 0;
	let day = 0;
	let rank: number;
	const q = p.date_qualifier;
	const qIndex = q === 'early' ? 0 : q === 'mid' ? 1 : q === 'late' ? 2 : -1;
	switch (p.date_precision) {
		case 'year':
			if (qIndex >= 0) month = [1, 5, 9][qIndex];
			rank = qIndex >= 0 ? 1 : 0;
			break;
		case 'season':
			if (p.season) {
				month = SEASON_START[p.season];
				if (qIndex >= 0 && p.season !== 'winter') month += qIndex;
			}
			rank = p.season ? (qIndex >= 0 && p.season !== 'winter' ? 3 : 2) : 0;
			break;
		case 'month':
			month = ymd.m!;
			if (qIndex >= 0) day = [1, 11, 21][qIndex];
			rank = qIndex >= 0 ? 4 : 3;
			break;
		case 'day':
			month = ymd.m!;
			day = ymd.d!;
			rank = 5;
			break;
	}
	return `${ymd.y}-${pad2(month)}-${pad2(day)}.${rank}`;
}

type Sortable = { properties: DateParts & { id: string } };

/** Chronological order by {@link dateSortKey}, then by id so the order is total and stable. */
export function compareIncidents(a: Sortable, b: Sortable): number {
	const ka = dateSortKey(a.properties);
	const kb = dateSortKey(b.properties);
	if (ka !== kb) return ka < kb ? -1 : 1;
	const ia = a.properties.id;
	const ib = b.properties.id;
	return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** "6 December 2012" from `published_iso`, else the date as printed, else "date not printed". */
export function formatPublished(s: Pick<SourceDocument, 'published' | 'published_iso'>): string {
	const iso = s.published_iso ? parseIso(s.published_iso) : null;
	if (iso) {
		if (iso.d !== undefined) return `${iso.d} ${MONTHS[iso.m! - 1]} ${iso.y}`;
		if (iso.m !== undefined) return `${MONTHS[iso.m - 1]} ${iso.y}`;
		return String(iso.y);
	}
	const printed = s.published?.trim();
	return printed ? printed : 'date not printed';
}
