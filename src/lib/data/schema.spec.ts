import { describe, expect, it } from 'vitest';
import { IncidentProperties, periodOf } from './schema';

const base = {
	id: 'atyrau-suspects-in-custody-2011',
	title: 'Three suspects in custody',
	summary: 'Three suspects are in custody, per the source.',
	date: '2011-10',
	date_precision: 'month',
	date_end: '2011-11',
	date_text: 'currently in custody',
	place: 'atyrau',
	location_precision: 'town',
	category: 'arrest',
	status: 'reported',
	actors: [],
	fatalities: null,
	sources: [{ source: 'rferl', excerpt: 'The other three are currently in custody.' }]
};

const problems = (extra: Record<string, unknown>) => {
	const result = IncidentProperties.safeParse({ ...base, ...extra });
	return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('periodOf', () => {
	it('gives the first and last day of the period at each precision', () => {
		expect(periodOf('2011-10-31', 'day')).toEqual(['2011-10-31', '2011-10-31']);
		expect(periodOf('2012-02', 'month')).toEqual(['2012-02-01', '2012-02-29']);
		expect(periodOf('2011', 'year')).toEqual(['2011-01-01', '2011-12-31']);
		expect(periodOf('2011', 'season')).toEqual(['2011-01-01', '2011-12-31']);
		expect(periodOf('2011-13', 'month')).toBeNull();
	});
});

describe('IncidentProperties date bounds', () => {
	it('accepts day bounds inside the period of the date', () => {
		expect(problems({ date_not_before: '2011-10-31', date_not_after: '2011-11-09' })).toEqual([]);
		expect(problems({ date_not_after: '2011-11-30' })).toEqual([]);
	});

	it('rejects bounds that are not real days', () => {
		expect(problems({ date_not_before: '2011-10' })).toEqual([
			'date_not_before: "2011-10" is not a real day (YYYY-MM-DD)'
		]);
		expect(problems({ date_not_after: '2011-11-31' })).toHaveLength(1);
	});

	it('rejects bounds in the wrong order', () => {
		expect(problems({ date_not_before: '2011-11-09', date_not_after: '2011-10-31' })).toEqual([
			'date_not_after: date_not_after is before date_not_before'
		]);
	});

	it('rejects bounds outside the period the date denotes', () => {
		expect(problems({ date_not_after: '2011-12-01' })).toEqual([
			'date_not_after: 2011-12-01 is outside the period of date (2011-10-01 to 2011-11-30)'
		]);
		expect(problems({ date_not_before: '2011-09-30' })).toHaveLength(1);
		expect(problems({ date_end: undefined, date_not_after: '2011-11-09' })).toHaveLength(1);
	});
});

describe('IncidentProperties venue', () => {
	it('takes online or unknown, nothing else', () => {
		expect(problems({ venue: 'online' })).toEqual([]);
		expect(problems({ venue: 'unknown' })).toEqual([]);
		expect(problems({ venue: 'internet' })).toHaveLength(1);
	});
});
