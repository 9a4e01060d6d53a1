import { describe, expect, it } from 'vitest';
import { MARGIN, clearOf, fitWithin, type Room } from './padding';

const map = { left: 0, top: 0, right: 1000, bottom: 800 };
const base = (): Room => ({ top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN });

describe('clearOf', () => {
	it('leaves the room alone when the overlay is beside the map', () => {
		expect(clearOf(map, { left: 1000, top: 0, right: 1400, bottom: 800 }, base())).toEqual(base());
	});

	it('pads the side that costs the least: a tall legend bottom left takes the left', () => {
		const legend = { left: 10, top: 300, right: 290, bottom: 760 };
		expect(clearOf(map, legend, base())).toEqual({ ...base(), left: 290 + MARGIN });
	});

	it('pads the bottom for a sheet across the whole width', () => {
		const sheet = { left: 0, top: 500, right: 1000, bottom: 800 };
		expect(clearOf(map, sheet, base())).toEqual({ ...base(), bottom: 300 + MARGIN });
	});

	it('pads the top for a small box top right only as deep as the box', () => {
		const legend = { left: 850, top: 10, right: 990, bottom: 40 };
		expect(clearOf(map, legend, base())).toEqual({ ...base(), top: 40 + MARGIN });
	});
});

describe('fitWithin', () => {
	it('keeps room that leaves enough map', () => {
		expect(fitWithin(base(), map)).toEqual(base());
	});

	it('scales room down so some map is always left to fit into', () => {
		const room = fitWithin({ top: 50, bottom: 900, left: 50, right: 50 }, map);
		expect(room.top + room.bottom).toBeLessThanOrEqual(800 - 120);
		expect(room.bottom).toBeGreaterThan(room.top);
	});
});
