import { describe, expect, it } from 'vitest';
import { ACLED_HEADER, GTD_HEADER } from '../../../scripts/lib/sample';
import { parseLooseDate } from './dates';
import { detectLayout, guessMapping, mapAcledRow, mapCustomRow, mapGtdRow, type Row } from './rows';

const acled = (over: Row): Row => ({
	event_id_cnty: 'SYN1',
	event_date: '2014-03-12',
	year: '2014',
	time_precision: '1',
	event_type: 'Explosions/Remote violence',
	sub_event_type: 'Suicide bomb',
	actor1: 'Islamist Militia',
	actor2: '',
	country: 'Kazakhstan',
	admin1: 'Atyrau',
	location: 'Atyrau',
	latitude: '47.11',
	longitude: '51.92',
	geo_precision: '1',
	source: 'Synthetic Source',
	notes: 'A synthetic note.',
	fatalities: '2',
	...over
});

const gtd = (over: Row): Row => ({
	eventid: '201110310001',
	iyear: '2011',
	imonth: '10',
	iday: '31',
	approxdate: '',
	country_txt: 'Kazakhstan',
	provstate: 'Atyrau',
	city: 'Atyrau',
	latitude: '47.11',
	longitude: '51.92',
	specificity: '1',
	attacktype1_txt: 'Bombing/Explosion',
	gname: 'Jund al-Khilafah',
	claimed: '1',
	nkill: '1',
	summary: 'A synthetic summary.',
	scite1: 'Synthetic citation',
	...over
});

describe('detectLayout', () => {
	it('tells ACLED and GTD by their own columns, anything else is custom', () => {
		expect(detectLayout(ACLED_HEADER)).toBe('acled');
		expect(detectLayout(GTD_HEADER)).toBe('gtd');
		expect(detectLayout(['lat', 'lon', 'when', 'what'])).toBe('custom');
	});
	it('guesses a mapping from common names', () => {
		expect(guessMapping(['Lat', 'Lng', 'Date', 'Title', 'City'])).toEqual({
			latitude: 'Lat',
			longitude: 'Lng',
			date: 'Date',
			title: 'Title',
			place: 'City'
		});
	});
});

describe('ACLED rows', () => {
	it('maps an exact-day, town-level event with its actors, notes and source', () => {
		const r = mapAcledRow(acled({}), 2);
		expect(r.ok && r.record).toMatchObject({
			row: 2,
			lon: 51.92,
			lat: 47.11,
			title: 'Suicide bomb in Atyrau',
			date: '2014-03-12',
			date_precision: 'day',
			location_precision: 'town',
			category: 'attack',
			status: 'reported',
			actors: ['Islamist Militia'],
			fatalities: 2,
			excerpt: 'A synthetic note.',
			cited_as: 'Synthetic Source'
		});
	});
	it('reads the older "12 March 2014" date form', () => {
		const r = mapAcledRow(acled({ event_date: '12 March 2014' }), 2);
		expect(r.ok && r.record.date).toBe('2014-03-12');
	});
	it('keeps a week-precision date as the month with day bounds, never as an exact day', () => {
		const r = mapAcledRow(acled({ event_date: '2014-03-30', time_precision: '2' }), 2);
		expect(r.ok && r.record).toMatchObject({
			date: '2014-03',
			date_end: '2014-04',
			date_precision: 'month',
			date_not_before: '2014-03-27',
			date_not_after: '2014-04-02'
		});
	});
	it('keeps a month-precision date as the month', () => {
		const r = mapAcledRow(acled({ time_precision: '3' }), 2);
		expect(r.ok && [r.record.date, r.record.date_precision]).toEqual(['2014-03', 'month']);
	});
	it.each([
		['1', 'town'],
		['2', 'region'],
		['3', 'region']
	])('geo_precision %s is %s', (code, precision) => {
		const r = mapAcledRow(acled({ geo_precision: code }), 2);
		expect(r.ok && r.record.location_precision).toBe(precision);
	});
	it('maps Strategic developments / Arrests to an arrest and protests to a report', () => {
		const arrest = mapAcledRow(
			acled({ event_type: 'Strategic developments', sub_event_type: 'Arrests' }),
			2
		);
		const protest = mapAcledRow(
			acled({ event_type: 'Protests', sub_event_type: 'Peaceful protest' }),
			2
		);
		expect(arrest.ok && arrest.record.category).toBe('arrest');
		expect(protest.ok && protest.record.category).toBe('report');
	});
	it('names line, column and reason for a bad coordinate and a bad date', () => {
		const r = mapAcledRow(
			acled({ latitude: 'abc', longitude: '200', event_date: '03/04/2014' }),
			1834
		);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors).toEqual([
			{ line: 1834, column: 'latitude', reason: "'abc' is not a number" },
			{ line: 1834, column: 'longitude', reason: '200 is outside -180..180' },
			{ line: 1834, column: 'event_date', reason: "'03/04/2014' is not a date" }
		]);
	});
	it('rejects NaN, Infinity and empty coordinates', () => {
		for (const latitude of ['NaN', 'Infinity', '', '1e999', '0x1F']) {
			const r = mapAcledRow(acled({ latitude }), 5);
			expect(r.ok, latitude).toBe(false);
		}
	});
	it('rejects an unknown precision code rather than guessing', () => {
		const r = mapAcledRow(acled({ geo_precision: '7' }), 5);
		expect(!r.ok && r.errors[0]).toEqual({
			line: 5,
			column: 'geo_precision',
			reason: "'7' is not 1, 2 or 3"
		});
	});
	it('cuts a 100 kB cell to a readable length', () => {
		const r = mapAcledRow(acled({ notes: 'x'.repeat(100_000) }), 2);
		expect(r.ok && r.record.excerpt.length).toBe(4000);
	});
});

describe('GTD rows', () => {
	it('maps claimed to claimed, attributed to the group', () => {
		const r = mapGtdRow(gtd({}), 2);
		expect(r.ok && r.record).toMatchObject({
			date: '2011-10-31',
			date_precision: 'day',
			status: 'claimed',
			attributed_by: 'Jund al-Khilafah',
			actors: ['Jund al-Khilafah'],
			location_precision: 'town',
			title: 'Bombing/Explosion in Atyrau',
			cited_as: 'Synthetic citation'
		});
	});
	it('keeps unclaimed (0) and unknown (-9) as reported', () => {
		for (const claimed of ['0', '-9', '']) {
			const r = mapGtdRow(gtd({ claimed }), 2);
			expect(r.ok && r.record.status).toBe('reported');
		}
	});
	it('reads a zero day as month precision and a zero month as year precision, with approxdate as the words', () => {
		const month = mapGtdRow(gtd({ iday: '0', approxdate: 'late October 2011' }), 2);
		expect(month.ok && month.record).toMatchObject({
			date: '2011-10',
			date_precision: 'month',
			date_text: 'late October 2011'
		});
		const year = mapGtdRow(gtd({ imonth: '0', iday: '0' }), 2);
		expect(year.ok && [year.record.date, year.record.date_precision]).toEqual(['2011', 'year']);
	});
	it.each([
		['1', 'town'],
		['2', 'town'],
		['3', 'region'],
		['4', 'region'],
		['5', 'country']
	])('specificity %s is %s', (code, precision) => {
		const r = mapGtdRow(gtd({ specificity: code }), 2);
		expect(r.ok && r.record.location_precision).toBe(precision);
	});
	it('rejects an impossible day with the column named', () => {
		const r = mapGtdRow(gtd({ imonth: '2', iday: '30' }), 9);
		expect(!r.ok && r.errors[0]).toMatchObject({ line: 9, column: 'iyear/imonth/iday' });
	});
	it('leaves an "Unknown" group out of the actors', () => {
		const r = mapGtdRow(gtd({ gname: 'Unknown', claimed: '0' }), 2);
		expect(r.ok && r.record.actors).toEqual([]);
	});
});

describe('custom rows', () => {
	const mapping = {
		latitude: 'y',
		longitude: 'x',
		date: 'when',
		title: 'what',
		place: 'where',
		actors: 'who'
	};
	it('maps the chosen columns, splitting actors on semicolons', () => {
		const r = mapCustomRow(
			{ y: '43.25', x: '76.95', when: '2012-05', what: 'Meeting', where: 'Almaty', who: 'A; B' },
			3,
			mapping
		);
		expect(r.ok && r.record).toMatchObject({
			date: '2012-05',
			date_precision: 'month',
			title: 'Meeting',
			place_name: 'Almaty',
			actors: ['A', 'B'],
			status: 'reported',
			location_precision: 'site'
		});
	});
	it('names the user’s own column in errors', () => {
		const r = mapCustomRow({ y: '95', x: '76.95', when: 'soon', what: '' }, 3, mapping);
		expect(!r.ok && r.errors.map((e) => e.column)).toEqual(['y', 'when', 'what']);
	});
});

describe('parseLooseDate', () => {
	it('reads only unambiguous forms', () => {
		expect(parseLooseDate('2014-3-5')).toEqual({ date: '2014-03-05', precision: 'day' });
		expect(parseLooseDate('5-Mar-2014')).toEqual({ date: '2014-03-05', precision: 'day' });
		expect(parseLooseDate('March 2014')).toEqual({ date: '2014-03', precision: 'month' });
		expect(parseLooseDate('2014')).toEqual({ date: '2014', precision: 'year' });
		expect(parseLooseDate('2014-02-30')).toBeNull();
		expect(parseLooseDate('03/04/2014')).toBeNull();
	});
});
