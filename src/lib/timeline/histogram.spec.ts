import { describe, expect, it } from 'vitest';
import { IncidentFeature, type IncidentProperties } from '$lib/data/schema';
import { clampRange, dataSpan, histogram, nextWindow, tileHistogram } from './histogram';
import { monthIndex } from './period';
import type { TileSetMeta } from '$lib/tiles/schema';

function incident(
	id: string,
	category: IncidentProperties['category'],
	date: string,
	date_precision: IncidentProperties['date_precision'],
	extra: Partial<IncidentProperties> = {}
) {
	return IncidentFeature.parse({
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [51.9, 47.1] },
		properties: {
			id,
			title: `Incident ${id}`,
			summary: `Summary of incident ${id}.`,
			date,
			date_precision,
			date_text: date,
			place: 'atyrau',
			location_precision: 'town',
			category,
			status: 'reported',
			actors: [],
			fatalities: null,
			sources: [{ source: 'src-a', excerpt: `Excerpt supporting ${id}.` }],
			...extra
		}
	});
}

const m = monthIndex;
const data = [
	incident('bomb', 'attack', '2011-10-31', 'day'),
	incident('claim', 'claim', '2011-10', 'month'),
	incident('raid', 'security-operation', '2011-10-05', 'day'),
	incident('ban', 'ban', '2011-11-30', 'day'),
	incident('founding', 'founding', '2011', 'season', { season: 'summer' }),
	incident('law', 'legislation', '2011', 'year'),
	incident('videos', 'claim', '2011-09', 'month', { date_end: '2011-10' }),
	incident('later', 'report', '2012', 'year', { date_end: '2013' })
];

describe('histogram', () => {
	const h = histogram(data);

	it('stacks incidents known to a day or a month in their month, by kind in legend order', () => {
		expect(h.bars.map((b) => [b.month, b.total])).toEqual([
			[m(2011, 10), 3],
			[m(2011, 11), 1]
		]);
		expect(h.bars[0].segments).toEqual([
			{ family: 'violence', count: 2, y0: 0, y1: 2 },
			{ family: 'claims', count: 1, y0: 2, y1: 3 }
		]);
		expect(h.maxCount).toBe(3);
	});

	it('draws seasons, years and spans as bands over their whole period, never as bars', () => {
		const bands = Object.fromEntries(h.bands.map((b) => [b.id, [b.from, b.to]]));
		expect(bands).toEqual({
			founding: [m(2011, 6), m(2011, 8)],
			law: [m(2011, 1), m(2011, 12)],
			videos: [m(2011, 9), m(2011, 10)],
			later: [m(2012, 1), m(2013, 12)]
		});
	});

	it('packs bands into lanes where no two in a lane overlap', () => {
		for (const a of h.bands)
			for (const b of h.bands)
				if (a !== b && a.lane === b.lane) expect(a.to < b.from || b.to < a.from).toBe(true);
		// law (all 2011) overlaps founding and videos; "later" fits after them.
		expect(h.lanes).toBe(2);
	});

	it('is empty for no incidents', () => {
		expect(histogram([])).toEqual({ bars: [], bands: [], lanes: 0, maxCount: 0 });
	});
});

describe('dataSpan and clampRange', () => {
	it('covers every period, from its earliest to its latest month', () => {
		expect(dataSpan(data)).toEqual({ from: m(2011, 1), to: m(2013, 12) });
	});

	it('keeps a range inside the span', () => {
		const span = { from: m(2011, 1), to: m(2013, 12) };
		expect(clampRange({ from: m(2010, 5), to: m(2011, 3), within: true }, span)).toEqual({
			from: m(2011, 1),
			to: m(2011, 3),
			within: true
		});
		expect(clampRange({ from: m(2020, 1), to: m(2020, 5), within: false }, span)).toEqual({
			from: m(2013, 12),
			to: m(2013, 12),
			within: false
		});
	});
});

describe('nextWindow', () => {
	const span = { from: m(2011, 1), to: m(2011, 12) };

	it('starts at the span and steps by the window width', () => {
		const first = nextWindow(null, span, 3, false, false);
		expect(first).toEqual({ from: m(2011, 1), to: m(2011, 3), within: false });
		expect(nextWindow(first, span, 3, false, false)).toEqual({
			from: m(2011, 4),
			to: m(2011, 6),
			within: false
		});
	});

	it('cumulative windows keep the start and grow', () => {
		const first = nextWindow(null, span, 1, true, true)!;
		expect(nextWindow(first, span, 1, true, true)).toEqual({
			from: m(2011, 1),
			to: m(2011, 2),
			within: true
		});
	});

	it('stops at the end of the span, trimming the last window', () => {
		expect(
			nextWindow({ from: m(2011, 6), to: m(2011, 10), within: false }, span, 3, false, false)
		).toEqual({ from: m(2011, 11), to: m(2011, 12), within: false });
		expect(
			nextWindow({ from: m(2011, 10), to: m(2011, 12), within: false }, span, 3, false, false)
		).toBeNull();
	});
});

describe("a tile set's timeline", () => {
	// kinds[0] = violence, kinds[1] = claims; statuses[0] = reported, statuses[1] = claimed.
	const meta: Pick<TileSetMeta, 'years' | 'kinds' | 'statuses'> = {
		kinds: ['violence', 'claims'],
		statuses: ['reported', 'claimed'],
		years: [
			{ year: 2013, count: 5, by: { k0s0: 3, k1s1: 2 } },
			{ year: 2014, count: 4, by: { k1s0: 4 } },
			{ year: 2015, count: 1, by: { k0s1: 1 } }
		]
	};
	const none = { hiddenYears: [], hiddenKinds: [], hiddenStatuses: [] };

	it('draws one bar a year wide per year, stacked by kind in legend order', () => {
		const h = tileHistogram(meta, none);
		expect(h.bars.map((b) => [b.month, b.months, b.total])).toEqual([
			[2013 * 12, 12, 5],
			[2014 * 12, 12, 4],
			[2015 * 12, 12, 1]
		]);
		expect(h.bars[0].segments.map((s) => [s.family, s.count, s.y0, s.y1])).toEqual([
			['violence', 3, 0, 3],
			['claims', 2, 3, 5]
		]);
		expect(h.maxCount).toBe(5);
		expect(h.bands).toEqual([]);
	});

	it('counts only what the year, kind and status filters let through', () => {
		const h = tileHistogram(meta, {
			hiddenYears: [2014],
			hiddenKinds: ['claims'],
			hiddenStatuses: ['claimed']
		});
		expect(h.bars.map((b) => [b.month / 12, b.total])).toEqual([[2013, 3]]);
		expect(h.maxCount).toBe(3);
	});
});
