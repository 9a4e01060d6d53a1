import { describe, expect, it } from 'vitest';
import {
	TILE_KINDS,
	TILE_STATUSES,
	detectTileRowLayout,
	tileEventFromAtlasFeature,
	tileEventFromRow
} from './rows';

const acled = {
	event_id_cnty: 'SYN5',
	event_date: '24 October 2010',
	event_type: 'Strategic developments',
	sub_event_type: 'Arrests',
	location: 'Peshawar',
	latitude: '33.2503',
	longitude: '71.5182'
};
const gtd = {
	eventid: '201309190004',
	iyear: '2013',
	imonth: '9',
	iday: '0',
	city: 'Astana',
	latitude: '51.1172',
	longitude: '71.9862',
	attacktype1_txt: 'Bombing/Explosion',
	claimed: '1'
};

describe('tile row mapper', () => {
	it('recognises ACLED and GTD headers and nothing else', () => {
		expect(detectTileRowLayout(Object.keys(acled).concat('year'))).toBe('acled');
		expect(detectTileRowLayout(Object.keys(gtd))).toBe('gtd');
		expect(detectTileRowLayout(['id', 'lat', 'lon'])).toBeNull();
	});

	it('maps an ACLED row, reading its long date form and its event type as a kind', () => {
		expect(tileEventFromRow('acled', acled)).toEqual({
			id: 'SYN5',
			lon: 71.5182,
			lat: 33.2503,
			date: '2010-10-24',
			year: 2010,
			title: 'Arrests — Peshawar',
			kind: TILE_KINDS.indexOf('state-action'),
			status: TILE_STATUSES.indexOf('reported')
		});
		expect(
			tileEventFromRow('acled', { ...acled, event_type: 'Battles', event_date: '2014-03-12' })
		).toMatchObject({ kind: TILE_KINDS.indexOf('violence'), date: '2014-03-12', year: 2014 });
	});

	it('maps a GTD row: unknown day kept as a month, claimed=1 as claimed, other values reported', () => {
		expect(tileEventFromRow('gtd', gtd)).toMatchObject({
			id: '201309190004',
			date: '2013-09',
			year: 2013,
			title: 'Bombing/Explosion — Astana',
			kind: TILE_KINDS.indexOf('violence'),
			status: TILE_STATUSES.indexOf('claimed')
		});
		expect(tileEventFromRow('gtd', { ...gtd, claimed: '-9', imonth: '0' })).toMatchObject({
			date: '2013',
			status: TILE_STATUSES.indexOf('reported')
		});
	});

	it('skips rows without a usable position or date', () => {
		expect(tileEventFromRow('acled', { ...acled, latitude: '' })).toBeNull();
		expect(tileEventFromRow('acled', { ...acled, longitude: '200' })).toBeNull();
		expect(tileEventFromRow('acled', { ...acled, event_date: 'sometime' })).toBeNull();
		expect(tileEventFromRow('gtd', { ...gtd, iyear: '' })).toBeNull();
	});

	it('maps an Atlas incident by its category family and status', () => {
		const feature = {
			geometry: { type: 'Point', coordinates: [51.92, 47.11] },
			properties: { id: 'a', title: 'T', date: '2011-10', category: 'claim', status: 'claimed' }
		};
		expect(tileEventFromAtlasFeature(feature)).toEqual({
			id: 'a',
			lon: 51.92,
			lat: 47.11,
			date: '2011-10',
			year: 2011,
			title: 'T',
			kind: TILE_KINDS.indexOf('claims'),
			status: TILE_STATUSES.indexOf('claimed')
		});
		expect(tileEventFromAtlasFeature({ ...feature, geometry: null })).toBeNull();
	});
});
