import { describe, expect, it } from 'vitest';
import {
	compareIncidents,
	dateSortKey,
	formatDateBounds,
	formatIncidentDate,
	formatPublished,
	incidentYear,
	type DateParts
} from './dates';

const day = (date: string, extra: Partial<DateParts> = {}): DateParts => ({
	date,
	date_precision: 'day',
	...extra
});
const month = (date: string, extra: Partial<DateParts> = {}): DateParts => ({
	date,
	date_precision: 'month',
	...extra
});
const year = (date: string, extra: Partial<DateParts> = {}): DateParts => ({
	date,
	date_precision: 'year',
	...extra
});
const season = (
	date: string,
	s: DateParts['season'],
	extra: Partial<DateParts> = {}
): DateParts => ({
	date,
	date_precision: 'season',
	season: s,
	...extra
});

describe('formatIncidentDate', () => {
	it('formats single dates at their own precision', () => {
		expect(formatIncidentDate(day('2011-10-31'))).toBe('31 October 2011');
		expect(formatIncidentDate(day('2011-05-03'))).toBe('3 May 2011');
		expect(formatIncidentDate(month('2011-05'))).toBe('May 2011');
		expect(formatIncidentDate(season('2011', 'summer'))).toBe('Summer 2011');
		expect(formatIncidentDate(year('2011'))).toBe('2011');
	});

	it('applies qualifiers to months, years and seasons', () => {
		expect(formatIncidentDate(month('2011-10', { date_qualifier: 'late' }))).toBe(
			'Late October 2011'
		);
		expect(formatIncidentDate(month('2011-10', { date_qualifier: 'early' }))).toBe(
			'Early October 2011'
		);
		expect(formatIncidentDate(month('2011-10', { date_qualifier: 'mid' }))).toBe(
			'Mid-October 2011'
		);
		expect(formatIncidentDate(year('2011', { date_qualifier: 'late' }))).toBe('Late 2011');
		expect(formatIncidentDate(year('2011', { date_qualifier: 'mid' }))).toBe('Mid-2011');
		expect(formatIncidentDate(season('2011', 'autumn', { date_qualifier: 'late' }))).toBe(
			'Late autumn 2011'
		);
	});

	it('ignores a qualifier on an exact day', () => {
		expect(formatIncidentDate(day('2011-10-31', { date_qualifier: 'late' }))).toBe(
			'31 October 2011'
		);
	});

	it('formats spans with closed or spaced en dashes', () => {
		expect(formatIncidentDate(month('2011-09', { date_end: '2011-10' }))).toBe(
			'September–October 2011'
		);
		expect(formatIncidentDate(month('2011-12', { date_end: '2012-01' }))).toBe(
			'December 2011 – January 2012'
		);
		expect(formatIncidentDate(day('2011-12-03', { date_end: '2011-12-05' }))).toBe(
			'3–5 December 2011'
		);
		expect(formatIncidentDate(day('2011-11-30', { date_end: '2011-12-02' }))).toBe(
			'30 November – 2 December 2011'
		);
		expect(formatIncidentDate(day('2011-12-30', { date_end: '2012-01-02' }))).toBe(
			'30 December 2011 – 2 January 2012'
		);
		expect(formatIncidentDate(year('2004', { date_end: '2006' }))).toBe('2004–2006');
		expect(formatIncidentDate(season('2011', 'winter', { date_end: '2012' }))).toBe(
			'Winter 2011–2012'
		);
	});

	it('treats a span that ends where it starts as a single date', () => {
		expect(formatIncidentDate(month('2011-05', { date_end: '2011-05' }))).toBe('May 2011');
	});

	it('never invents precision from malformed input', () => {
		// A day-shaped string under month precision is not silently truncated or expanded.
		expect(formatIncidentDate(month('2011-05-03'))).toBe('2011-05-03');
		expect(formatIncidentDate(day('2011-02-30'))).toBe('2011-02-30');
		expect(formatIncidentDate(year('2011-05'))).toBe('2011-05');
		// A season date without its season says only the year.
		expect(formatIncidentDate({ date: '2011', date_precision: 'season' })).toBe('2011');
		// An end of the wrong shape is dropped, not guessed at.
		expect(formatIncidentDate(month('2011-09', { date_end: '2011' }))).toBe('September 2011');
	});
});

describe('incidentYear', () => {
	it('reads the start year at every precision', () => {
		expect(incidentYear(day('2011-10-31'))).toBe(2011);
		expect(incidentYear(month('2012-01'))).toBe(2012);
		expect(incidentYear(year('2004', { date_end: '2006' }))).toBe(2004);
	});
});

describe('dateSortKey', () => {
	const inOrder: [string, DateParts][] = [
		['2010-12-31', day('2010-12-31')],
		['2011', year('2011')],
		['early 2011', year('2011', { date_qualifier: 'early' })],
		['January 2011', month('2011-01')],
		['2 January 2011', day('2011-01-02')],
		['mid-2011', year('2011', { date_qualifier: 'mid' })],
		['May 2011', month('2011-05')],
		['3 May 2011', day('2011-05-03')],
		['summer 2011', season('2011', 'summer')],
		['June 2011', month('2011-06')],
		['late summer 2011', season('2011', 'summer', { date_qualifier: 'late' })],
		['late 2011', year('2011', { date_qualifier: 'late' })],
		['October 2011', month('2011-10')],
		['15 October 2011', day('2011-10-15')],
		['late October 2011', month('2011-10', { date_qualifier: 'late' })],
		['31 October 2011', day('2011-10-31')],
		['2012', year('2012')]
	];

	it('sorts by start of period, coarser first when starts coincide', () => {
		const shuffled = [...inOrder].reverse();
		shuffled.sort((a, b) => (dateSortKey(a[1]) < dateSortKey(b[1]) ? -1 : 1));
		expect(shuffled.map(([label]) => label)).toEqual(inOrder.map(([label]) => label));
	});

	it('gives distinct keys to different precisions of the same start', () => {
		expect(dateSortKey(year('2011'))).not.toBe(dateSortKey(month('2011-01')));
		expect(dateSortKey(month('2011-01'))).not.toBe(dateSortKey(day('2011-01-01')));
	});

	it('sorts malformed dates after every valid one', () => {
		expect(dateSortKey(month('garbage')) > dateSortKey(day('9999-12-31'))).toBe(true);
	});
});

describe('compareIncidents', () => {
	const f = (id: string, p: DateParts) => ({ properties: { ...p, id } });

	it('orders by date, then by id', () => {
		const items = [
			f('b', day('2011-05-03')),
			f('z', year('2011')),
			f('a', day('2011-05-03')),
			f('c', month('2011-05'))
		];
		expect(items.sort(compareIncidents).map((i) => i.properties.id)).toEqual(['z', 'c', 'a', 'b']);
	});

	it('returns 0 only for the same date and id', () => {
		expect(compareIncidents(f('a', year('2011')), f('a', year('2011')))).toBe(0);
		expect(compareIncidents(f('a', year('2011')), f('b', year('2011')))).toBeLessThan(0);
	});
});

describe('formatPublished', () => {
	it('prefers the ISO date', () => {
		expect(formatPublished({ published: 'Dec. 6, 2012', published_iso: '2012-12-06' })).toBe(
			'6 December 2012'
		);
	});

	it('falls back to the printed date, then to a plain statement', () => {
		expect(formatPublished({ published: 'Winter 2012', published_iso: null })).toBe('Winter 2012');
		expect(formatPublished({ published: null, published_iso: null })).toBe('date not printed');
		expect(formatPublished({ published: '  ', published_iso: null })).toBe('date not printed');
	});

	it('does not trust an unreadable ISO date', () => {
		expect(formatPublished({ published: 'May 2012', published_iso: '2012-13-40' })).toBe(
			'May 2012'
		);
		expect(formatPublished({ published: null, published_iso: '2012-05' })).toBe('May 2012');
	});
});

describe('date bounds', () => {
	// The three Atyrau suspects: in custody after the 31 October bombings, by 9 November.
	const custody = month('2011-10', {
		date_end: '2011-11',
		date_not_before: '2011-10-31',
		date_not_after: '2011-11-09'
	});
	// Garsallaoui's killing: only "reported in October" 2012.
	const killing = year('2012', { date_not_after: '2012-10-31' });

	it('shows two bounds as the day span they leave, and one bound as the coarse date', () => {
		expect(formatIncidentDate(custody)).toBe('31 October – 9 November 2011');
		expect(formatIncidentDate(killing)).toBe('2012');
		expect(formatIncidentDate(day('2011-11-30', { date_not_before: '2011-11-30' }))).toBe(
			'30 November 2011'
		);
	});

	it('says the bounds in words', () => {
		expect(formatDateBounds(custody)).toBe('on or after 31 October and by 9 November 2011');
		expect(formatDateBounds(killing)).toBe('by 31 October 2012');
		expect(formatDateBounds({ date_not_before: '2011-11-09' })).toBe('on or after 9 November 2011');
		expect(formatDateBounds({ date_not_before: '2011-12-30', date_not_after: '2012-01-02' })).toBe(
			'on or after 30 December 2011 and by 2 January 2012'
		);
		expect(formatDateBounds({})).toBeNull();
		expect(formatDateBounds({ date_not_after: '2012-10' })).toBeNull();
	});

	it('sorts a not-before bound at its day, after what happened exactly that day', () => {
		const items = [
			{ properties: { ...custody, id: 'custody' } },
			{ properties: { ...day('2011-11-09'), id: 'statement' } },
			{ properties: { ...day('2011-10-31'), id: 'bombings' } },
			{ properties: { ...month('2011-10', { date_end: '2011-11' }), id: 'claim' } }
		];
		expect(items.sort(compareIncidents).map((i) => i.properties.id)).toEqual([
			'claim',
			'bombings',
			'custody',
			'statement'
		]);
	});

	it('keeps sorting a not-after bound by the start of its period', () => {
		expect(dateSortKey(killing)).toBe(dateSortKey(year('2012')));
	});
});
