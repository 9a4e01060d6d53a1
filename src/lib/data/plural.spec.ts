import { describe, expect, it } from 'vitest';
import { countOf } from './plural';

describe('countOf', () => {
	it('uses the singular for exactly one and the plural otherwise', () => {
		expect(countOf(1, 'incident')).toBe('1 incident');
		expect(countOf(0, 'incident')).toBe('0 incidents');
		expect(countOf(29, 'place')).toBe('29 places');
	});

	it('takes an irregular plural', () => {
		expect(countOf(2, 'child', 'children')).toBe('2 children');
	});
});
