import { describe, expect, it } from 'vitest';
import { EventTileIndex, type IndexedEvent } from './event-index';
import { CELL_LAYER, POINT_LAYER, POINT_ZOOM, type TileEvent } from './schema';
import { buildTileSetInMemory } from './tileset';
import { lonLatToWorld } from './tile-id';
import { decodeTile, gzip, readArchive } from './test-support';

const KINDS = ['violence', 'claims', 'state-action', 'statements'];
const STATUSES = ['reported', 'claimed', 'alleged', 'ruled'];
const OPTIONS = { name: 'import-x', title: 'Imported', kinds: KINDS, statuses: STATUSES };

/** Seeded events around two towns, 2010-2014; titles and dates repeat, as in real exports. */
function sampleEvents(count: number): IndexedEvent[] {
	let seed = 11;
	const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	const towns = [
		[51.92, 47.11],
		[76.95, 43.25]
	];
	return Array.from({ length: count }, (_, i) => {
		const [lon, lat] = towns[i % 2];
		const year = 2010 + Math.floor(rand() * 5);
		const month = 1 + Math.floor(rand() * 12);
		return {
			row: i + 2,
			lon: lon + (rand() - 0.5) * 2,
			lat: lat + (rand() - 0.5) * 2,
			date: `${year}-${String(month).padStart(2, '0')}`,
			year,
			title: `Attack in town ${i % 7}`,
			kind: Math.floor(rand() * 4),
			status: rand() < 0.3 ? 1 : 0
		};
	});
}

const asTileEvent = (e: IndexedEvent): TileEvent => ({ ...e, id: `ds-x-${e.row}` });

describe('EventTileIndex', () => {
	const events = sampleEvents(4000);
	const index = new EventTileIndex('ds-x-', 16);
	for (const e of events) index.add(e);
	index.finish();

	it('answers every tile the static build writes with the same bytes, and no others', async () => {
		const { archive, meta } = await buildTileSetInMemory(events.map(asTileEvent), OPTIONS, gzip);
		const reader = readArchive(archive);
		const header = await reader.getHeader();
		expect(header.numTileEntries).toBeGreaterThan(20);
		let compared = 0;
		let points = 0;
		for (let z = 0; z <= POINT_ZOOM; z++) {
			const n = Math.pow(2, z);
			const tileOf = (e: IndexedEvent) => lonLatToWorld(e.lon, e.lat).map((v) => Math.floor(v * n));
			const xs = events.map((e) => tileOf(e)[0]);
			const ys = events.map((e) => tileOf(e)[1]);
			for (
				let x = Math.max(0, Math.min(...xs) - 1);
				x <= Math.min(n - 1, Math.max(...xs) + 1);
				x++
			) {
				for (
					let y = Math.max(0, Math.min(...ys) - 1);
					y <= Math.min(n - 1, Math.max(...ys) + 1);
					y++
				) {
					const stored = await reader.getZxy(z, x, y);
					const answered = index.tile(z, x, y);
					if (!stored) {
						expect(answered).toBeNull();
						continue;
					}
					expect(answered).not.toBeNull();
					expect(Buffer.from(answered!).equals(Buffer.from(new Uint8Array(stored.data)))).toBe(
						true
					);
					compared++;
					if (z === POINT_ZOOM) points++;
				}
			}
		}
		expect(compared).toBe(header.numAddressedTiles);
		expect(points).toBeGreaterThan(0);
		expect(index.meta(OPTIONS)).toEqual(meta);
	}, 30_000);

	it('lists each event once at POINT_ZOOM, by date, with its id, title and date', () => {
		const seen = new Map<string, unknown>();
		const n = Math.pow(2, POINT_ZOOM);
		// The two towns' tiles: every event lies within 1° of one of them.
		for (const [lon, lat] of [
			[51.92, 47.11],
			[76.95, 43.25]
		]) {
			const cx = Math.floor(((lon + 180) / 360) * n);
			const s = Math.sin((lat * Math.PI) / 180);
			const cy = Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
			for (let x = cx - 5; x <= cx + 5; x++) {
				for (let y = cy - 5; y <= cy + 5; y++) {
					const tile = index.tile(POINT_ZOOM, x, y);
					if (!tile) continue;
					const features = decodeTile(tile)[POINT_LAYER];
					const dates = features.map((f) => String(f.props.d));
					expect(dates).toEqual([...dates].sort());
					for (const f of features) seen.set(String(f.props.id), f.props);
				}
			}
		}
		expect(seen.size).toBe(events.length);
		const first = events[0];
		expect(seen.get(`ds-x-${first.row}`)).toEqual({
			id: `ds-x-${first.row}`,
			t: first.title,
			d: first.date,
			y: first.year,
			k: first.kind,
			s: first.status
		});
	});

	it('sums every event into the zoom-0 tile', () => {
		const cells = decodeTile(index.tile(0, 0, 0)!)[CELL_LAYER];
		expect(cells.reduce((n, c) => n + Number(c.props.n), 0)).toBe(events.length);
		expect(index.tile(3, 0, 0)).toBeNull();
	});

	it('stores its finished state and reads it back as it was: every tile the same, byte for byte', () => {
		const stored = structuredClone(index.columns());
		expect(stored.finished?.order).toHaveLength(events.length);
		const again = EventTileIndex.fromColumns('ds-x-', stored);
		expect(again.count).toBe(events.length);
		// Every tile holding an event, at every zoom, byte for byte.
		const tiles = new Set<string>();
		for (const e of events) {
			const [wx, wy] = lonLatToWorld(e.lon, e.lat);
			for (let z = 0; z <= POINT_ZOOM; z++) {
				tiles.add(`${z}/${Math.floor(wx * 2 ** z)}/${Math.floor(wy * 2 ** z)}`);
			}
		}
		for (const key of tiles) {
			const [z, x, y] = key.split('/').map(Number);
			expect(Buffer.from(again.tile(z, x, y)!), key).toEqual(Buffer.from(index.tile(z, x, y)!));
		}
		expect(again.meta(OPTIONS)).toEqual(index.meta(OPTIONS));
		// Finished as stored: it takes no events, as any finished index.
		expect(() => again.add(events[0])).toThrow(/finished/);
	});

	it('rebuilds the same tiles from columns stored without the finished state (an earlier version)', () => {
		const { finished, ...columns } = structuredClone(index.columns());
		expect(finished).toBeDefined();
		const again = EventTileIndex.fromColumns('ds-x-', columns);
		again.finish();
		expect(again.count).toBe(events.length);
		for (const [z, x, y] of [
			[0, 0, 0],
			[4, 11, 5],
			[7, 81, 46]
		]) {
			const a = index.tile(z, x, y);
			const b = again.tile(z, x, y);
			expect(b === null ? null : Buffer.from(b)).toEqual(a === null ? null : Buffer.from(a));
		}
		expect(again.meta(OPTIONS)).toEqual(index.meta(OPTIONS));
	});

	it('holds titles and dates once each', () => {
		const columns = index.columns();
		expect(columns.titles.length).toBe(7);
		expect(columns.dates.length).toBeLessThanOrEqual(60);
	});
});

describe('searching an index by title', () => {
	const events = sampleEvents(700);
	// Two titles in other scripts and spellings, as ACLED and GTD exports have them.
	events[3] = { ...events[3], title: 'Peaceful protest in Атырау' };
	events[5] = { ...events[5], title: 'Armed clash in Aqtöbe' };
	const index = new EventTileIndex('ds-x-', 16);
	for (const e of events) index.add(e);
	index.finish();
	const all = () => true;

	it('finds every event whose title holds the words, whatever the case, accents or script', () => {
		const expected = events.filter((e) => e.title === 'Attack in town 3');
		const { total, events: found } = index.search('TOWN 3', all, 1000);
		expect(total).toBe(expected.length);
		expect(found.map((e) => e.id).sort()).toEqual(expected.map((e) => `ds-x-${e.row}`).sort());
		expect(index.search('atyrau', all, 10).events.map((e) => e.id)).toEqual(['ds-x-5']);
		expect(index.search('Актобе', all, 10).events.map((e) => e.id)).toEqual(['ds-x-7']);
	});

	it('counts all matches, returns the first by date, and applies the filter', () => {
		const { total, events: first } = index.search('attack', all, 25);
		expect(total).toBe(events.filter((e) => e.title.startsWith('Attack')).length);
		expect(first).toHaveLength(25);
		const dates = first.map((e) => e.date);
		expect(dates).toEqual([...dates].sort());
		// Exactly the first 25 of a full sort by date, then row.
		const expected = events
			.filter((e) => e.title.startsWith('Attack'))
			.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row))
			.slice(0, 25)
			.map((e) => `ds-x-${e.row}`);
		expect(first.map((e) => e.id)).toEqual(expected);
		const only2012 = index.search('attack', (year) => year === 2012, 1000);
		expect(only2012.total).toBe(
			events.filter((e) => e.title.startsWith('Attack') && e.year === 2012).length
		);
		expect(only2012.events.every((e) => e.year === 2012)).toBe(true);
	});

	it('finds nothing for a query under two letters', () => {
		expect(index.search(' a ', all, 10)).toEqual({ total: 0, events: [] });
	});
});
