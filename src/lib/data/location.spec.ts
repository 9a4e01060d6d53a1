import { describe, expect, it } from 'vitest';
import { venueText } from './location';

describe('venueText', () => {
	it('says an online record refers to its place rather than happening there', () => {
		expect(venueText('online', 'Atyrau')).toBe('Posted online; refers to Atyrau');
	});

	it('says when the source gives no venue, and where the record is shown instead', () => {
		expect(venueText('unknown', 'Almaty')).toBe('Venue not given; shown at Almaty');
	});
});
