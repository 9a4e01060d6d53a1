import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	emptyUrlState,
	formatHash,
	isSlug,
	parseHash,
	roundView,
	sameEntry,
	sameSelection,
	type UrlState
} from './url';

const EMPTY = emptyUrlState();

describe('parseHash', () => {
	it('reads every part, with or without the leading #', () => {
		const expected: UrlState = {
			view: { zoom: 5.5, lat: 47.1167, lon: 51.8833 },
			selection: { kind: 'place', id: 'atyrau' },
			hiddenYears: [2010, 2012]
		};
		expect(parseHash('#map=5.5/47.1167/51.8833&place=atyrau&off=2012,2010')).toEqual(expected);
		expect(parseHash('map=5.5/47.1167/51.8833&place=atyrau&off=2012,2010')).toEqual(expected);
	});

	it('returns the defaults for an empty hash', () => {
		expect(parseHash('')).toEqual(EMPTY);
		expect(parseHash('#')).toEqual(EMPTY);
		expect(parseHash('#&&&')).toEqual(EMPTY);
	});

	it('reads MapLibre bearing and pitch, dropping zero values', () => {
		expect(parseHash('#map=3/40/50/-45.5/30').view).toEqual({
			zoom: 3,
			lat: 40,
			lon: 50,
			bearing: -45.5,
			pitch: 30
		});
		expect(parseHash('#map=3/40/50/0/30').view).toEqual({ zoom: 3, lat: 40, lon: 50, pitch: 30 });
		expect(parseHash('#map=3/40/50/0/0').view).toEqual({ zoom: 3, lat: 40, lon: 50 });
		expect(parseHash('#map=3/40/50/12').view).toEqual({ zoom: 3, lat: 40, lon: 50, bearing: 12 });
	});

	it('accepts the exponent form MapLibre prints for tiny coordinates', () => {
		expect(parseHash('#map=20/1e-7/-2e-7').view).toEqual({ zoom: 20, lat: 1e-7, lon: -2e-7 });
	});

	it.each([
		['non-numeric zoom', 'map=x/40/50'],
		['empty part', 'map=3//50'],
		['zoom below range', 'map=-1/40/50'],
		['zoom above range', 'map=24.01/40/50'],
		['latitude above range', 'map=3/90.5/50'],
		['latitude below range', 'map=3/-91/50'],
		['longitude beyond 180 (not wrapped)', 'map=3/40/180.5'],
		['longitude below -180', 'map=3/40/-200'],
		['NaN', 'map=3/NaN/50'],
		['Infinity', 'map=3/40/Infinity'],
		['overflow to Infinity', 'map=3/40/1e999'],
		['hex', 'map=0x3/40/50'],
		['padded number', 'map= 3/40/50'],
		['too few parts', 'map=3/40'],
		['too many parts', 'map=3/40/50/0/0/1'],
		['bearing out of range', 'map=3/40/50/181'],
		['negative pitch', 'map=3/40/50/0/-5'],
		['pitch above MapLibre threshold', 'map=3/40/50/0/181'],
		['empty value', 'map='],
		['bare key', 'map']
	])('drops a malformed view: %s', (_, hash) => {
		expect(parseHash(`#${hash}&place=atyrau&off=2011`)).toEqual({
			view: null,
			selection: { kind: 'place', id: 'atyrau' },
			hiddenYears: [2011]
		});
	});

	it('accepts the boundary values', () => {
		expect(parseHash('#map=0/-90/-180').view).toEqual({ zoom: 0, lat: -90, lon: -180 });
		expect(parseHash('#map=24/90/180/180/180').view).toEqual({
			zoom: 24,
			lat: 90,
			lon: 180,
			bearing: 180,
			pitch: 180
		});
	});

	it('lets an incident win over a place', () => {
		expect(parseHash('#place=atyrau&incident=atyrau-bombs-2011').selection).toEqual({
			kind: 'incident',
			id: 'atyrau-bombs-2011'
		});
		expect(parseHash('#incident=atyrau-bombs-2011&place=atyrau').selection).toEqual({
			kind: 'incident',
			id: 'atyrau-bombs-2011'
		});
	});

	it('falls back to the place when the incident id is not a slug', () => {
		expect(parseHash('#place=atyrau&incident=Bad_Id').selection).toEqual({
			kind: 'place',
			id: 'atyrau'
		});
	});

	it.each([
		'Atyrau',
		'atyrau bombs',
		'atyrau--bombs',
		'-atyrau',
		'atyrau-',
		'atyrau_bombs',
		'<script>',
		'atyrau%0a',
		'атырау',
		'',
		'a'.repeat(101)
	])('ignores an id that is not a slug: %j', (id) => {
		expect(parseHash(`#place=${id}`).selection).toBeNull();
		expect(parseHash(`#incident=${encodeURIComponent(id)}`).selection).toBeNull();
	});

	it('accepts a slug of exactly 100 characters', () => {
		const id = 'a'.repeat(100);
		expect(parseHash(`#incident=${id}`).selection).toEqual({ kind: 'incident', id });
	});

	it('decodes percent-encoding, and drops a value with a bad %-sequence without throwing', () => {
		expect(parseHash('#place=%61tyrau&off=2011%2C2012').selection).toEqual({
			kind: 'place',
			id: 'atyrau'
		});
		expect(parseHash('#off=2011%2C2012').hiddenYears).toEqual([2011, 2012]);
		expect(parseHash('#%6Dap=3/40/50').view).toEqual({ zoom: 3, lat: 40, lon: 50 });
		expect(parseHash('#place=%E0%A4%A&map=3/40/50')).toEqual({
			view: { zoom: 3, lat: 40, lon: 50 },
			selection: null,
			hiddenYears: []
		});
		expect(parseHash('#%ZZ=1&off=%&place=atyrau%')).toEqual(EMPTY);
	});

	it('uses the first occurrence of a repeated parameter', () => {
		expect(parseHash('#place=atyrau&place=taraz').selection?.id).toBe('atyrau');
		expect(parseHash('#off=2011&off=2012').hiddenYears).toEqual([2011]);
	});

	it('keeps only four-digit years, sorted and unique', () => {
		expect(
			parseHash('#off=2012,2010,2012,,11,20111,abcd,2011.0,-2011,0999,+2011,2011').hiddenYears
		).toEqual([2010, 2011, 2012]);
	});

	it('ignores unknown parameters', () => {
		expect(parseHash('#foo=bar&map=3/40/50&zoom=9&place=atyrau&x')).toEqual({
			view: { zoom: 3, lat: 40, lon: 50 },
			selection: { kind: 'place', id: 'atyrau' },
			hiddenYears: []
		});
	});

	it('handles huge inputs quickly', () => {
		const huge = [
			'#' + 'a'.repeat(100_000),
			'#place=' + 'a-'.repeat(50_000) + 'a',
			'#map=' + '1'.repeat(100_000) + '/1/1',
			'#map=' + '/'.repeat(100_000),
			'#off=' + '2011,'.repeat(20_000) + '2012',
			'#' + '&'.repeat(100_000),
			'#' + '%'.repeat(100_000),
			'#place=' + '%E0'.repeat(33_000)
		];
		const start = performance.now();
		for (const h of huge) {
			const s = parseHash(h);
			expect(s.selection).toBeNull();
			expect(s.view).toBeNull();
		}
		expect(performance.now() - start).toBeLessThan(500);
		// The long list repeats 2011 and ends in 2012, which lies past the parsing cap.
		expect(parseHash(huge[4]).hiddenYears).toEqual([2011]);
	});
});

/** Reads a public corpus file from tests/fixtures (see its README); fails if it is missing. */
function corpusLines(relative: string): string[] {
	const path = fileURLToPath(new URL(`../../../tests/fixtures/${relative}`, import.meta.url));
	if (!existsSync(path)) throw new Error(`test corpus missing: ${path}`);
	return readFileSync(path, 'utf8')
		.split('\n')
		.filter((l) => l.trim() !== '');
}

describe('parseHash with hostile strings', () => {
	const lines = [
		...corpusLines('xss/blns/blns.txt'),
		...corpusLines('xss/payloadsallthethings/xss_payloads_quick.txt'),
		...corpusLines('xss/payloadsallthethings/XSS_Polyglots.txt')
	];

	it('loaded the corpora', () => {
		expect(lines.length).toBeGreaterThan(500);
	});

	it('never throws and never yields a non-slug id, a bad view or a bad year', () => {
		for (const line of lines) {
			const hashes = [
				line,
				`#${line}`,
				`#place=${line}`,
				`#incident=${line}`,
				`#incident=${encodeURIComponent(line)}`,
				`#map=${line}`,
				`#map=3/${line}/50`,
				`#off=${line}`,
				`#off=2011,${line}`,
				`#${line}=${line}&place=${line}`
			];
			for (const h of hashes) {
				let state: UrlState;
				try {
					state = parseHash(h);
				} catch (e) {
					throw new Error(`parseHash threw on ${JSON.stringify(h)}: ${e}`);
				}
				if (state.selection) expect(state.selection.id).toMatch(/^[a-z0-9-]{1,100}$/);
				if (state.view) {
					expect(Number.isFinite(state.view.zoom + state.view.lat + state.view.lon)).toBe(true);
				}
				for (const y of state.hiddenYears) expect(y).toSatisfy(Number.isInteger);
				// What a hostile link parses to must format to a hash that parses back the same.
				expect(parseHash(formatHash(state))).toEqual({
					...state,
					view: state.view && roundView(state.view)
				});
			}
		}
	});
});

describe('formatHash', () => {
	it('writes parts in a fixed order and omits empty ones', () => {
		expect(
			formatHash({
				view: { zoom: 5, lat: 47.1, lon: 51.9 },
				selection: { kind: 'incident', id: 'atyrau-bombs-2011' },
				hiddenYears: [2012, 2010]
			})
		).toBe('#map=5/47.1/51.9&incident=atyrau-bombs-2011&off=2010,2012');
		expect(formatHash({ ...EMPTY, selection: { kind: 'place', id: 'atyrau' } })).toBe(
			'#place=atyrau'
		);
		expect(formatHash({ ...EMPTY, hiddenYears: [2011, 2011] })).toBe('#off=2011');
		expect(formatHash(EMPTY)).toBe('');
	});

	it('rounds like MapLibre: zoom to 2 decimals, coordinates by zoom, no trailing zeros', () => {
		// precision = ceil((zoom·ln2 + ln(512/360/0.5)) / ln10): 1 at zoom 0, 2 at 5.13, 3 at 7.12, 8 at 24.
		expect(formatHash({ ...EMPTY, view: { zoom: 0, lat: 47.1234, lon: 51.9876 } })).toBe(
			'#map=0/47.1/52'
		);
		expect(formatHash({ ...EMPTY, view: { zoom: 5.126, lat: 47.12345, lon: -51.98765 } })).toBe(
			'#map=5.13/47.12/-51.99'
		);
		expect(formatHash({ ...EMPTY, view: { zoom: 7.123, lat: 47.12345, lon: -51.98765 } })).toBe(
			'#map=7.12/47.123/-51.988'
		);
		expect(formatHash({ ...EMPTY, view: { zoom: 24, lat: 1e-7, lon: 0.123456789 } })).toBe(
			'#map=24/0.0000001/0.12345679'
		);
		expect(formatHash({ ...EMPTY, view: { zoom: 4.5, lat: 40.1, lon: 50.2 } })).toBe(
			'#map=4.5/40.1/50.2'
		);
	});

	it('never writes negative zero', () => {
		expect(formatHash({ ...EMPTY, view: { zoom: 2, lat: -0.0001, lon: -0 } })).toBe('#map=2/0/0');
	});

	it('writes bearing and pitch only when non-zero, bearing first as MapLibre does', () => {
		const base = { zoom: 3, lat: 40, lon: 50 };
		expect(formatHash({ ...EMPTY, view: { ...base, bearing: 12.34 } })).toBe('#map=3/40/50/12.3');
		expect(formatHash({ ...EMPTY, view: { ...base, pitch: 30.4 } })).toBe('#map=3/40/50/0/30');
		expect(formatHash({ ...EMPTY, view: { ...base, bearing: -45, pitch: 60 } })).toBe(
			'#map=3/40/50/-45/60'
		);
		expect(formatHash({ ...EMPTY, view: { ...base, bearing: 0.04, pitch: 0.4 } })).toBe(
			'#map=3/40/50'
		);
	});

	it('leaves out parts that could not be read back', () => {
		expect(formatHash({ ...EMPTY, view: { zoom: NaN, lat: 1, lon: 1 } })).toBe('');
		expect(formatHash({ ...EMPTY, view: { zoom: 3, lat: 1, lon: 200 } })).toBe('');
		expect(formatHash({ ...EMPTY, selection: { kind: 'place', id: '<img src=x>' } })).toBe('');
		expect(formatHash({ ...EMPTY, hiddenYears: [11, 2011.5, 20111] })).toBe('');
	});
});

describe('round trip', () => {
	const states: UrlState[] = [
		EMPTY,
		{
			view: { zoom: 5.5, lat: 47.1167, lon: 51.8833 },
			selection: { kind: 'place', id: 'atyrau' },
			hiddenYears: [2010, 2012]
		},
		{
			view: { zoom: 7.123, lat: 42.90012345, lon: 71.36654321, bearing: 12.34, pitch: 45.6 },
			selection: { kind: 'incident', id: 'taraz-shooting-2011' },
			hiddenYears: [2011]
		},
		{ view: { zoom: 0, lat: -89.99, lon: -179.99 }, selection: null, hiddenYears: [] },
		{
			view: { zoom: 24, lat: 89.123456789, lon: 179.987654321, pitch: 85 },
			selection: null,
			hiddenYears: []
		},
		{
			view: { zoom: 12.999, lat: 0.00001, lon: -0.00001, bearing: -179.96 },
			selection: null,
			hiddenYears: [1999, 2005, 2020]
		},
		{ view: null, selection: { kind: 'incident', id: 'a'.repeat(100) }, hiddenYears: [9999, 1000] }
	];

	it.each(states)('parseHash(formatHash(s)) equals s after rounding: %j', (s) => {
		const expected: UrlState = {
			view: s.view && roundView(s.view),
			selection: s.selection,
			hiddenYears: [...new Set(s.hiddenYears)].sort((a, b) => a - b)
		};
		const hash = formatHash(s);
		expect(parseHash(hash)).toEqual(expected);
		// And the hash is stable: formatting the parsed state gives the same text.
		expect(formatHash(parseHash(hash))).toBe(hash);
	});

	it('rounds a view the same way as the hash does', () => {
		expect(
			roundView({ zoom: 5.126, lat: 47.12345, lon: -51.98765, bearing: 0.04, pitch: 9.6 })
		).toEqual({ zoom: 5.13, lat: 47.12, lon: -51.99, pitch: 10 });
	});
});

describe('sameSelection', () => {
	it('compares kind and id, with null equal only to null', () => {
		expect(sameSelection(null, null)).toBe(true);
		expect(sameSelection(null, { kind: 'place', id: 'a' })).toBe(false);
		expect(sameSelection({ kind: 'place', id: 'a' }, null)).toBe(false);
		expect(sameSelection({ kind: 'place', id: 'a' }, { kind: 'place', id: 'a' })).toBe(true);
		expect(sameSelection({ kind: 'place', id: 'a' }, { kind: 'incident', id: 'a' })).toBe(false);
		expect(sameSelection({ kind: 'place', id: 'a' }, { kind: 'place', id: 'b' })).toBe(false);
	});
});

describe('isSlug', () => {
	it('accepts lowercase hyphenated words up to 100 characters', () => {
		expect(isSlug('atyrau-bombs-2011')).toBe(true);
		expect(isSlug('a'.repeat(100))).toBe(true);
		expect(isSlug('a'.repeat(101))).toBe(false);
		expect(isSlug('Atyrau')).toBe(false);
	});
});

describe('kind and status filters', () => {
	it('reads and writes the families and statuses switched off', () => {
		const state = parseHash('#off=2011&kind-off=violence,claims&status-off=claimed');
		expect(state.hiddenKinds).toEqual(['claims', 'violence']);
		expect(state.hiddenStatuses).toEqual(['claimed']);
		expect(formatHash(state)).toBe('#off=2011&kind-off=claims,violence&status-off=claimed');
	});

	it('leaves them out of the state and the hash when none is off', () => {
		const state = parseHash('#kind-off=&status-off=%3Cscript%3E');
		expect(state).not.toHaveProperty('hiddenKinds');
		expect(state).not.toHaveProperty('hiddenStatuses');
		expect(formatHash({ ...emptyUrlState(), hiddenKinds: [], hiddenStatuses: [] })).toBe('');
	});

	it('drops entries that are not slugs', () => {
		expect(parseHash('#status-off=ruled,<b>,ALLEGED,ruled').hiddenStatuses).toEqual(['ruled']);
	});
});

describe('time range', () => {
	const oct2011 = 2011 * 12 + 9;
	const nov2011 = 2011 * 12 + 10;

	it('reads and writes from/to as YYYY-MM, with the view', () => {
		const state = parseHash('#map=5/47/60&from=2011-10&to=2011-11');
		expect(state.view).toEqual({ zoom: 5, lat: 47, lon: 60 });
		expect(state.range).toEqual({ from: oct2011, to: nov2011, within: false });
		expect(formatHash(state)).toBe('#map=5/47/60&from=2011-10&to=2011-11');
	});

	it('reads and writes "entirely within" as within=1', () => {
		const state = parseHash('#from=2011-10&to=2011-10&within=1');
		expect(state.range).toEqual({ from: oct2011, to: oct2011, within: true });
		expect(formatHash(state)).toBe('#from=2011-10&to=2011-10&within=1');
		expect(parseHash('#from=2011-10&to=2011-11&within=yes').range?.within).toBe(false);
	});

	it.each([
		['a bad month', '#from=2011-13&to=2011-11'],
		['month zero', '#from=2011-00&to=2011-11'],
		['from after to', '#from=2011-12&to=2011-11'],
		['only from', '#from=2011-10'],
		['only to', '#to=2011-11'],
		['an empty side', '#from=&to=2011-11'],
		['a day instead of a month', '#from=2011-10-01&to=2011-11'],
		['a year only', '#from=2011&to=2012'],
		['garbage', '#from=<script>&to=2011-11'],
		['a short year', '#from=211-10&to=2011-11'],
		['a malformed escape', '#from=%E0%A4%A&to=2011-11']
	])('falls back to no range for %s, keeping the rest of the link', (_, hash) => {
		const state = parseHash(`${hash}&place=atyrau`);
		expect(state).not.toHaveProperty('range');
		expect(state.selection).toEqual({ kind: 'place', id: 'atyrau' });
	});

	it('writes no range that it could not read back', () => {
		expect(
			formatHash({ ...emptyUrlState(), range: { from: nov2011, to: oct2011, within: false } })
		).toBe('');
		expect(
			formatHash({ ...emptyUrlState(), range: { from: 1.5, to: nov2011, within: false } })
		).toBe('');
	});
});

describe('source view', () => {
	it('reads and writes the source over a selection, after the filters', () => {
		const state = parseHash('#place=atyrau&off=2011&source=isakova-2011-soldiers-myth-or-reality');
		expect(state.source).toBe('isakova-2011-soldiers-myth-or-reality');
		expect(state.selection).toEqual({ kind: 'place', id: 'atyrau' });
		expect(formatHash(state)).toBe(
			'#place=atyrau&off=2011&source=isakova-2011-soldiers-myth-or-reality'
		);
	});

	it('round-trips a source with no selection', () => {
		const hash = formatHash({ ...emptyUrlState(), source: 'src-1' });
		expect(hash).toBe('#source=src-1');
		expect(parseHash(hash)).toEqual({ ...emptyUrlState(), source: 'src-1' });
	});

	it('drops a source id that is not a slug, and writes none', () => {
		expect(parseHash('#source=%3Cscript%3E')).not.toHaveProperty('source');
		expect(parseHash('#source=')).not.toHaveProperty('source');
		expect(formatHash({ ...emptyUrlState(), source: '../etc' })).toBe('');
		expect(formatHash({ ...emptyUrlState(), source: null })).toBe('');
	});
});

describe('sameEntry', () => {
	const place = { kind: 'place', id: 'atyrau' } as const;
	it('tells a source view apart from the selection it was opened over', () => {
		expect(sameEntry({ selection: place }, { selection: place, source: null })).toBe(true);
		expect(sameEntry({ selection: place }, { selection: place, source: 's' })).toBe(false);
		expect(sameEntry({ selection: place, source: 's' }, { selection: place, source: 't' })).toBe(
			false
		);
		expect(sameEntry({ selection: null, source: 's' }, { selection: place, source: 's' })).toBe(
			false
		);
	});

	it('tells an actor or area view apart from what it was opened over', () => {
		expect(sameEntry({ selection: place, actorView: null }, { selection: place })).toBe(true);
		expect(sameEntry({ selection: place }, { selection: place, actorView: 'knb' })).toBe(false);
		expect(sameEntry({ selection: null, area: 'kz-at' }, { selection: null, area: 'kz-sk' })).toBe(
			false
		);
	});
});

describe('explore parameters: actor filter, actor view, area view', () => {
	it('reads and writes each as one slug, after the other filters', () => {
		const state = parseHash(
			'#place=aktobe&off=2011&actor=knb&view-actor=jund-al-khilafah-jak&area=kz-at'
		);
		expect(state.onlyActor).toBe('knb');
		expect(state.actorView).toBe('jund-al-khilafah-jak');
		expect(state.area).toBe('kz-at');
		expect(formatHash(state)).toBe(
			'#place=aktobe&off=2011&actor=knb&view-actor=jund-al-khilafah-jak&area=kz-at'
		);
	});

	it('leaves them out when absent, empty, null or not slugs', () => {
		const state = parseHash('#actor=&view-actor=KZ.AT&area=%3Cscript%3E');
		expect(state).toEqual(EMPTY);
		expect(formatHash({ ...EMPTY, onlyActor: null, actorView: '', area: 'KZ.AT' })).toBe('');
	});

	it('keeps the first of a repeated parameter and round-trips what it keeps', () => {
		const state = parseHash('#actor=a-b&actor=c&area=kz-sk');
		expect(state.onlyActor).toBe('a-b');
		expect(parseHash(formatHash(state))).toEqual(state);
	});
});

describe('tile set links', () => {
	it('round-trips a tile set with its open cell and picked event', () => {
		const state: UrlState = {
			...emptyUrlState(),
			view: { zoom: 10.5, lat: 34.5, lon: 69.2 },
			hiddenYears: [2012],
			tiles: 'acled-1m',
			cell: { z: 10, x: 45123, y: 26001 },
			pick: 'SYN1234'
		};
		const hash = formatHash(state);
		expect(hash).toBe(
			'#map=10.5/34.5/69.2&off=2012&tiles=acled-1m&cell=10/45123/26001&pick=SYN1234'
		);
		expect(parseHash(hash)).toEqual(state);
	});

	it('drops a cell outside its zoom grid, a pick without a cell, and anything without tiles', () => {
		expect(parseHash('#tiles=a&cell=2/256/0')).toEqual({ ...EMPTY, tiles: 'a' });
		expect(parseHash('#tiles=a&cell=11/0/0')).toEqual({ ...EMPTY, tiles: 'a' });
		expect(parseHash('#tiles=a&cell=2/1.5/0')).toEqual({ ...EMPTY, tiles: 'a' });
		expect(parseHash('#tiles=a&pick=SYN1')).toEqual({ ...EMPTY, tiles: 'a' });
		expect(parseHash('#cell=2/1/1&pick=SYN1')).toEqual(EMPTY);
		expect(parseHash('#tiles=../x&cell=2/1/1')).toEqual(EMPTY);
		expect(parseHash('#tiles=a&cell=2/1/1&pick=%3Cb%3E')).toEqual({
			...EMPTY,
			tiles: 'a',
			cell: { z: 2, x: 1, y: 1 }
		});
	});

	it('makes a new history entry for another cell or pick, not for the same one', () => {
		const a = { selection: null, tiles: 't', cell: { z: 3, x: 1, y: 2 } };
		expect(sameEntry(a, { ...a, cell: { z: 3, x: 1, y: 2 } })).toBe(true);
		expect(sameEntry(a, { ...a, cell: { z: 4, x: 1, y: 2 } })).toBe(false);
		expect(sameEntry(a, { ...a, pick: 'e1' })).toBe(false);
		expect(sameEntry(a, { ...a, tiles: null, cell: null })).toBe(false);
	});
});
