import { describe, expect, it } from 'vitest';
import { isolate } from './bidi';
import { textProblems } from './checks';

describe('isolate', () => {
	it('wraps text in FSI … PDI, leaving the text itself alone', () => {
		expect(isolate('Атырау')).toBe('\u2068Атырау\u2069');
		expect(isolate('<b>x</b>')).toBe('\u2068<b>x</b>\u2069');
	});

	it('keeps a string balanced: the isolate closes around whatever it holds', () => {
		expect(textProblems(`${isolate('خوست')} · 3 incidents`, false)).toEqual([]);
	});
});
