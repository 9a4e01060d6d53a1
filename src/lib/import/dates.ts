/**
 * Reading the dates external files write. ACLED exports give `event_date` as ISO
 * (`2014-03-12`) in newer files and as `12 March 2014` or `12-March-2014` in older ones;
 * custom files may give a year, a month or a day. Only unambiguous forms are read: a
 * `03/04/2014` could be either order and is rejected rather than guessed.
 */
import type { DatePrecision } from '$lib/data/schema';
import { isDateAtPrecision } from '$lib/data/schema';

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december'
];

const pad = (n: number) => String(n).padStart(2, '0');

/** The month (1-12) a full or three-letter English month name denotes, or null. */
function monthOf(name: string): number | null {
	const n = name.toLowerCase();
	if (n.length < 3) return null;
	const i = MONTHS.findIndex((m) => m === n || (n.length === 3 && m.startsWith(n)));
	return i < 0 ? null : i + 1;
}

export type ParsedDate = { date: string; precision: DatePrecision };

/**
 * An ISO date at the precision the text carries: `2014`, `2014-03`, `2014-03-12`,
 * `12 March 2014`, `12-Mar-2014`, `March 2014`; null when the text is none of these or
 * not a real calendar date.
 */
export function parseLooseDate(text: string): ParsedDate | null {
	const t = text.trim();
	let m: RegExpExecArray | null;
	let out: ParsedDate | null = null;
	if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t)))
		out = { date: `${m[1]}-${pad(+m[2])}-${pad(+m[3])}`, precision: 'day' };
	else if ((m = /^(\d{4})-(\d{1,2})$/.exec(t)))
		out = { date: `${m[1]}-${pad(+m[2])}`, precision: 'month' };
	else if ((m = /^(\d{4})$/.exec(t))) out = { date: m[1], precision: 'year' };
	else if ((m = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})$/.exec(t))) {
		const month = monthOf(m[2]);
		if (month) out = { date: `${m[3]}-${pad(month)}-${pad(+m[1])}`, precision: 'day' };
	} else if ((m = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(t))) {
		const month = monthOf(m[1]);
		if (month) out = { date: `${m[2]}-${pad(month)}`, precision: 'month' };
	}
	return out && isDateAtPrecision(out.date, out.precision) ? out : null;
}

/** `day` shifted by `days` (ISO in, ISO out). */
export function addDays(day: string, days: number): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
