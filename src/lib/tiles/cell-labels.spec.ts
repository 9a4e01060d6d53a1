import { describe, expect, it } from 'vitest';
import { LABEL_MIN_COUNT, countLabel, placeLabels, visibleCount } from './cell-labels';

describe('countLabel', () => {
	it('writes small counts in full and large ones short', () => {
		expect([9, 950, 999].map(countLabel)).toEqual(['9', '950', '999']);
		expect([1000, 1234, 1250, 9949].map(countLabel)).toEqual(['1k', '1.2k', '1.3k', '9.9k']);
		expect([10_000, 12_499, 12_500, 999_499].map(countLabel)).toEqual([
			'10k',
			'12k',
			'13k',
			'999k'
		]);
		expect([1_000_000, 3_449_999, 3_450_000].map(countLabel)).toEqual(['1M', '3.4M', '3.5M']);
	});
});

describe('visibleCount', () => {
	const cell = { y2015k1s0: 4, y2015k2s0: 3, y2016k1s0: 10, name: 'x' };
	it('sums only the keys the filters leave visible', () => {
		expect(visibleCount(cell, ['y2015k1s0', 'y2015k2s0'])).toBe(7);
		expect(visibleCount(cell, ['y2016k1s0'])).toBe(10);
	});
	it('counts a key the cell lacks, or one that is not a number, as nothing', () => {
		expect(visibleCount(cell, ['y2017k1s0', 'name', 'y2015k1s0'])).toBe(4);
		expect(visibleCount(cell, [])).toBe(0);
	});
});

describe('placeLabels', () => {
	const view = { width: 400, height: 300 };

	it('labels the largest counts first and never lets two labels overlap', () => {
		const placed = placeLabels(
			[
				{ id: 1, x: 100, y: 100, count: 50 },
				// 5 px to the right of a larger one: dropped.
				{ id: 2, x: 105, y: 100, count: 40 },
				// Far enough away: kept.
				{ id: 3, x: 200, y: 100, count: 30 },
				{ id: 4, x: 100, y: 130, count: 20_000 }
			],
			view
		);
		expect(placed.map((p) => [p.id, p.text])).toEqual([
			[4, '20k'],
			[1, '50'],
			[3, '30']
		]);
	});

	it('gives no label under the minimum count, nor one that would cross the view edge', () => {
		const placed = placeLabels(
			[
				{ id: 1, x: 100, y: 100, count: LABEL_MIN_COUNT - 1 },
				{ id: 2, x: 2, y: 100, count: 500 },
				{ id: 3, x: 100, y: 299, count: 500 },
				{ id: 4, x: 300, y: 200, count: LABEL_MIN_COUNT }
			],
			view
		);
		expect(placed.map((p) => p.id)).toEqual([4]);
	});

	it('keeps to the cap, and picks the same cells whatever order they come in', () => {
		const cells = Array.from({ length: 60 }, (_, i) => ({
			id: i,
			x: 20 + (i % 10) * 36,
			y: 20 + Math.floor(i / 10) * 40,
			count: 10 + (i % 7)
		}));
		const placed = placeLabels(cells, view, 12);
		expect(placed).toHaveLength(12);
		expect(placeLabels([...cells].reverse(), view, 12)).toEqual(placed);
		// Largest first: no placed count is below one left out.
		const smallestPlaced = Math.min(...placed.map((p) => p.count));
		const ids = new Set(placed.map((p) => p.id));
		expect(cells.filter((c) => !ids.has(c.id)).every((c) => c.count <= smallestPlaced)).toBe(true);
	});
});
