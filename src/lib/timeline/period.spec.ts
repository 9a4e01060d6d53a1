import { describe, expect, it } from 'vitest';
import {
	fromMonthIndex,
	incidentInRange,
	incidentPeriod,
	monthIndex,
	monthKey,
	monthLabel,
	periodInRange,
	type PeriodParts
} from './period';

const at = (parts: Partial<PeriodParts> & Pick<PeriodParts, 'date' | 'date_precision'>) =>
	incidentPeriod(parts as PeriodParts);
const days = (parts: Parameters<typeof at>[0]) => {
	const p = at(parts);
	return p && [p.start, p.end];
};

describe('incidentPeriod', () => {
	it('is the day itself for a day', () => {
		expect(days({ date: '2011-10-31', date_precision: 'day' })).toEqual([
			'2011-10-31',
			'2011-10-31'
		]);
	});

	it('covers the whole month for a month, including leap-year February', () => {
		expect(days({ date: '2011-10', date_precision: 'month' })).toEqual([
			'2011-10-01',
			'2011-10-31'
		]);
		expect(days({ date: '2012-02', date_precision: 'month' })).toEqual([
			'2012-02-01',
			'2012-02-29'
		]);
	});

	it('is not narrowed by a qualifier: "late October" may be any day the source means', () => {
		expect(days({ date: '2011-10', date_precision: 'month', date_qualifier: 'late' })).toEqual([
			'2011-10-01',
			'2011-10-31'
		]);
	});

	it('covers the three months of a season, and both possible winters', () => {
		expect(days({ date: '2011', date_precision: 'season', season: 'summer' })).toEqual([
			'2011-06-01',
			'2011-08-31'
		]);
		expect(days({ date: '2011', date_precision: 'season', season: 'autumn' })).toEqual([
			'2011-09-01',
			'2011-11-30'
		]);
		expect(days({ date: '2011', date_precision: 'season', season: 'winter' })).toEqual([
			'2010-12-01',
			'2012-02-29'
		]);
	});

	it('covers the whole year for a year, or a season date without its season', () => {
		expect(days({ date: '2011', date_precision: 'year' })).toEqual(['2011-01-01', '2011-12-31']);
		expect(days({ date: '2011', date_precision: 'season' })).toEqual(['2011-01-01', '2011-12-31']);
	});

	it('runs from the first unit of a span to the end of its last', () => {
		expect(days({ date: '2011-09', date_end: '2011-10', date_precision: 'month' })).toEqual([
			'2011-09-01',
			'2011-10-31'
		]);
		expect(days({ date: '2011', date_end: '2012', date_precision: 'year' })).toEqual([
			'2011-01-01',
			'2012-12-31'
		]);
		expect(days({ date: '2011-12-03', date_end: '2011-12-05', date_precision: 'day' })).toEqual([
			'2011-12-03',
			'2011-12-05'
		]);
		expect(
			days({ date: '2011', date_end: '2012', date_precision: 'season', season: 'summer' })
		).toEqual(['2011-06-01', '2012-08-31']);
	});

	it('ignores an unreadable or backwards end rather than inventing a span', () => {
		expect(days({ date: '2011-10', date_end: '2011-13', date_precision: 'month' })).toEqual([
			'2011-10-01',
			'2011-10-31'
		]);
		expect(days({ date: '2011-10', date_end: '2011-08', date_precision: 'month' })).toEqual([
			'2011-10-01',
			'2011-10-31'
		]);
	});

	it('is null for a date it cannot read', () => {
		expect(at({ date: '2011-13', date_precision: 'month' })).toBeNull();
		expect(at({ date: '2011-02-30', date_precision: 'day' })).toBeNull();
		expect(at({ date: 'autumn', date_precision: 'year' })).toBeNull();
	});

	it('narrows to outer bounds at any precision, and ignores bounds that conflict', () => {
		expect(
			days({
				date: '2011',
				date_precision: 'year',
				date_not_before: '2011-09',
				date_not_after: '2011-11-15'
			})
		).toEqual(['2011-09-01', '2011-11-15']);
		// Bounds wider than the date change nothing.
		expect(
			days({
				date: '2011-10',
				date_precision: 'month',
				date_not_before: '2010',
				date_not_after: '2012'
			})
		).toEqual(['2011-10-01', '2011-10-31']);
		// Bounds that leave no day at all are a data error, not a reason to drop the incident.
		expect(days({ date: '2011-10', date_precision: 'month', date_not_before: '2011-11' })).toEqual([
			'2011-10-01',
			'2011-10-31'
		]);
		expect(days({ date: '2011', date_precision: 'year', date_not_after: 'soon' })).toEqual([
			'2011-01-01',
			'2011-12-31'
		]);
	});

	it('gives the months the period touches', () => {
		const p = at({ date: '2011-09', date_end: '2011-10', date_precision: 'month' })!;
		expect(p.startMonth).toBe(monthIndex(2011, 9));
		expect(p.endMonth).toBe(monthIndex(2011, 10));
	});
});

describe('month indices', () => {
	it('round-trip and format', () => {
		const i = monthIndex(2011, 10);
		expect(fromMonthIndex(i)).toEqual({ year: 2011, month: 10 });
		expect(fromMonthIndex(monthIndex(2011, 12))).toEqual({ year: 2011, month: 12 });
		expect(fromMonthIndex(monthIndex(2012, 1))).toEqual({ year: 2012, month: 1 });
		expect(monthLabel(i)).toBe('October 2011');
		expect(monthKey(i)).toBe('2011-10');
		expect(monthIndex(2012, 1) - monthIndex(2011, 12)).toBe(1);
	});
});

describe('periodInRange', () => {
	const oct = monthIndex(2011, 10);
	const nov = monthIndex(2011, 11);
	const range = { from: oct, to: nov, within: false };
	const within = { ...range, within: true };

	it('overlap keeps anything that may fall in the range', () => {
		expect(incidentInRange({ date: '2011-10-31', date_precision: 'day' }, range)).toBe(true);
		expect(incidentInRange({ date: '2011-09-30', date_precision: 'day' }, range)).toBe(false);
		expect(incidentInRange({ date: '2011-12-01', date_precision: 'day' }, range)).toBe(false);
		expect(incidentInRange({ date: '2011', date_precision: 'year' }, range)).toBe(true);
		expect(
			incidentInRange({ date: '2011-09', date_end: '2011-10', date_precision: 'month' }, range)
		).toBe(true);
		expect(
			incidentInRange({ date: '2011', date_precision: 'season', season: 'summer' }, range)
		).toBe(false);
	});

	it('"entirely within" keeps only periods inside the range', () => {
		expect(incidentInRange({ date: '2011-10-31', date_precision: 'day' }, within)).toBe(true);
		expect(incidentInRange({ date: '2011-11', date_precision: 'month' }, within)).toBe(true);
		expect(incidentInRange({ date: '2011', date_precision: 'year' }, within)).toBe(false);
		expect(
			incidentInRange({ date: '2011-09', date_end: '2011-10', date_precision: 'month' }, within)
		).toBe(false);
		expect(
			incidentInRange({ date: '2011-10', date_end: '2011-11', date_precision: 'month' }, within)
		).toBe(true);
	});

	it('an unreadable date passes no range', () => {
		expect(incidentInRange({ date: 'x', date_precision: 'year' }, range)).toBe(false);
	});

	it('a one-month range is inclusive on both ends', () => {
		const p = at({ date: '2011-10-01', date_precision: 'day' })!;
		expect(periodInRange(p, { from: oct, to: oct, within: true })).toBe(true);
	});
});
