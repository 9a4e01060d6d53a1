import { describe, expect, it } from 'vitest';
import { readManifest } from './manifest';

const entry = {
	name: 'acled-1m',
	title: 'ACLED',
	file: 'acled-1m.pmtiles',
	count: 10,
	years: [2010, 2020],
	bounds: [1, 2, 3, 4],
	bytes: 100
};

describe('tile set manifest', () => {
	it('reads the datasets build:tiles writes', () => {
		expect(readManifest({ datasets: [entry] })).toEqual({ datasets: [entry] });
		expect(readManifest({ datasets: [] })).toEqual({ datasets: [] });
	});

	it('rejects entries whose name or file could lead elsewhere, or that lack counts', () => {
		expect(() => readManifest({ datasets: [{ ...entry, name: '../x' }] })).toThrow(/dataset 1/);
		expect(() => readManifest({ datasets: [{ ...entry, file: 'other.pmtiles' }] })).toThrow();
		expect(() => readManifest({ datasets: [{ ...entry, count: -1 }] })).toThrow();
		expect(() => readManifest({ datasets: [{ ...entry, years: [2010] }] })).toThrow();
		expect(() => readManifest(null)).toThrow(/no "datasets"/);
	});
});
