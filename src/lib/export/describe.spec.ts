import { describe, expect, it } from 'vitest';
import { monthIndex } from '$lib/timeline/period';
import { describeFilters } from './describe';

const none = {
	total: 29,
	shown: 29,
	hiddenYears: [],
	hiddenKinds: [],
	hiddenStatuses: [],
	range: null
};

describe('describeFilters', () => {
	it('says when nothing is filtered', () => {
		expect(describeFilters(none)).toEqual(['29 of 29 incidents shown', 'No filters']);
	});

	it('names every active filter in words', () => {
		expect(
			describeFilters({
				...none,
				shown: 4,
				hiddenYears: [2012, 2014],
				hiddenKinds: ['claims', 'violence'],
				hiddenStatuses: ['ruled'],
				range: { from: monthIndex(2011, 10), to: monthIndex(2011, 11), within: true }
			})
		).toEqual([
			'4 of 29 incidents shown',
			'Dates: entirely within October 2011 – November 2011',
			'Years hidden: 2012, 2014',
			'Kinds hidden: Attacks and operations; Claims, threats, propaganda',
			'Statuses hidden: Ruled'
		]);
		const oneMonth = { from: monthIndex(2011, 10), to: monthIndex(2011, 10), within: false };
		expect(describeFilters({ ...none, range: oneMonth })[1]).toBe(
			'Dates: overlapping October 2011'
		);
	});
});
