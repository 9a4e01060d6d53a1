import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { featureFilter, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { buildTileSetInMemory } from './tileset';
import { CELLS_PER_TILE, POINT_ZOOM, type TileEvent, type TileSetMeta } from './schema';
import {
	cellYearCounts,
	pointFilter,
	visibleCountKeys,
	visibleYears,
	type TileFilters
} from './expressions';
import { visibleCount } from './cell-labels';
import { lonLatToWorld } from './tile-id';
import { decodeTile, gzip, readArchive } from './test-support';
import { cellOfFeatureId } from './aggregate';
import { cellEvents, pointCell } from './reader';

const KINDS = ['violence', 'claims', 'state-action', 'statements'];
const STATUSES = ['reported', 'claimed', 'alleged', 'ruled'];

/** Seeded events around two towns, 2010-2014, of every kind and two statuses. */
function sampleEvents(count: number): TileEvent[] {
	let seed = 7;
	const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	const towns = [
		[51.92, 47.11],
		[69.17, 34.53]
	];
	return Array.from({ length: count }, (_, i) => {
		const [lon, lat] = towns[i % 2];
		const year = 2010 + Math.floor(rand() * 5);
		const month = 1 + Math.floor(rand() * 12);
		return {
			id: `ev${i}`,
			lon: lon + (rand() - 0.5) * 3,
			lat: lat + (rand() - 0.5) * 3,
			date: `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
			year,
			title: `Event ${i}`,
			kind: Math.floor(rand() * 4),
			status: rand() < 0.3 ? 1 : 0
		};
	});
}

const events = sampleEvents(3000);
const built = buildTileSetInMemory(
	events,
	{ name: 'sample', title: 'Sample', kinds: KINDS, statuses: STATUSES },
	gzip
);

const decoded = new Map<number, ReturnType<typeof readTilesAt>>();
/** Every tile of zoom z that overlaps the events, decoded (once). */
function tilesAt(z: number) {
	if (!decoded.has(z)) decoded.set(z, readTilesAt(z));
	return decoded.get(z)!;
}

async function readTilesAt(z: number) {
	const { archive } = await built;
	const reader = readArchive(archive);
	const keys = new Set(
		events.map((e) => {
			const [wx, wy] = lonLatToWorld(e.lon, e.lat);
			return `${Math.floor(wx * 2 ** z)}/${Math.floor(wy * 2 ** z)}`;
		})
	);
	const out: { x: number; y: number; layers: ReturnType<typeof decodeTile> }[] = [];
	for (const key of keys) {
		const [x, y] = key.split('/').map(Number);
		const tile = await reader.getZxy(z, x, y);
		expect(tile, `tile ${z}/${key}`).toBeDefined();
		out.push({ x, y, layers: decodeTile(tile!.data) });
	}
	return out;
}

const worlds = events.map((e) => lonLatToWorld(e.lon, e.lat));
const cellKey = (z: number, wx: number, wy: number) =>
	`${Math.floor(wx * 2 ** z * CELLS_PER_TILE)}/${Math.floor(wy * 2 ** z * CELLS_PER_TILE)}`;
const byCell = new Map<number, Map<string, TileEvent[]>>();

/** The events in the same cell (at zoom z) as a cell feature at tile x/y, position px/py. */
function eventsInCell(z: number, x: number, y: number, px: number, py: number) {
	if (!byCell.has(z)) {
		const index = new Map<string, TileEvent[]>();
		events.forEach((e, i) => {
			const key = cellKey(z, ...worlds[i]);
			index.set(key, [...(index.get(key) ?? []), e]);
		});
		byCell.set(z, index);
	}
	return byCell.get(z)!.get(cellKey(z, (x + px / 4096) / 2 ** z, (y + py / 4096) / 2 ** z)) ?? [];
}

const passes = (meta: TileSetMeta, f: TileFilters) => (e: TileEvent) =>
	visibleYears(meta, f).includes(e.year) &&
	!f.hiddenKinds.includes(meta.kinds[e.kind]) &&
	!f.hiddenStatuses.includes(meta.statuses[e.status]);

describe('tile set built in memory', () => {
	it('records counts per year and kind×status, and the bounds, in its metadata', async () => {
		const { meta } = await built;
		expect(meta.count).toBe(3000);
		expect(meta.years.map((y) => y.year)).toEqual([2010, 2011, 2012, 2013, 2014]);
		for (const y of meta.years) {
			expect(y.count).toBe(events.filter((e) => e.year === y.year).length);
			expect(Object.values(y.by).reduce((a, b) => a + b, 0)).toBe(y.count);
		}
		expect(meta.bounds[0]).toBeCloseTo(Math.min(...events.map((e) => e.lon)), 6);
	});

	it.each([0, 3, 6, 9])(
		'at zoom %i, has one cell per occupied 8 px cell whose counts are its events',
		async (z) => {
			let total = 0;
			for (const tile of await tilesAt(z)) {
				for (const f of tile.layers.cells) {
					const inCell = eventsInCell(z, tile.x, tile.y, f.x, f.y);
					expect(f.props.n).toBe(inCell.length);
					for (const year of [2010, 2014]) {
						const n = inCell.filter((e) => e.year === year).length;
						expect(f.props[`y${year}`] ?? 0).toBe(n);
					}
					total += Number(f.props.n);
				}
			}
			expect(total).toBe(3000);
		}
	);

	it(`holds every event as a point from zoom ${POINT_ZOOM}, in date order within a tile`, async () => {
		const points = (await tilesAt(POINT_ZOOM)).flatMap((t) => t.layers.points);
		expect(points).toHaveLength(3000);
		const first = points.find((p) => p.props.id === 'ev0')!;
		expect(first.props).toEqual({
			id: 'ev0',
			t: 'Event 0',
			d: events[0].date,
			y: events[0].year,
			k: events[0].kind,
			s: events[0].status
		});
		for (const tile of await tilesAt(POINT_ZOOM)) {
			const dates = tile.layers.points.map((p) => String(p.props.d));
			expect(dates).toEqual([...dates].sort());
		}
	});
});

describe('filter expressions over the counts', () => {
	const cases: [string, TileFilters][] = [
		['nothing off', { hiddenYears: [], hiddenKinds: [], hiddenStatuses: [], range: null }],
		[
			'2011 and 2013 off',
			{ hiddenYears: [2011, 2013], hiddenKinds: [], hiddenStatuses: [], range: null }
		],
		['claims off', { hiddenYears: [], hiddenKinds: ['claims'], hiddenStatuses: [], range: null }],
		[
			'claimed off, 2010 off, violence off',
			{ hiddenYears: [2010], hiddenKinds: ['violence'], hiddenStatuses: ['claimed'], range: null }
		],
		[
			'range Nov 2011 – Feb 2012 (overlaps two years)',
			{
				hiddenYears: [],
				hiddenKinds: [],
				hiddenStatuses: [],
				range: { from: 2011 * 12 + 10, to: 2012 * 12 + 1, within: false }
			}
		],
		[
			'range Nov 2011 – Dec 2013 within (whole 2012 and 2013)',
			{
				hiddenYears: [],
				hiddenKinds: ['statements'],
				hiddenStatuses: [],
				range: { from: 2011 * 12 + 10, to: 2013 * 12 + 11, within: true }
			}
		]
	];

	it.each(cases)(
		'%s: a cell shows exactly its events that pass, and hides when none do',
		async (_, filters) => {
			const { meta } = await built;
			const ok = passes(meta, filters);
			// What the map draws each cell with (its feature-state; no circle at 0).
			const keys = visibleCountKeys(meta, filters);
			let shown = 0;
			let hidden = 0;
			for (const tile of await tilesAt(6)) {
				for (const f of tile.layers.cells) {
					const expected = eventsInCell(6, tile.x, tile.y, f.x, f.y).filter(ok).length;
					expect(visibleCount(f.props, keys)).toBe(expected);
					const perYear = cellYearCounts(meta, filters, f.props);
					expect(perYear.reduce((n, y) => n + y.count, 0)).toBe(expected);
					if (expected) shown++;
					else hidden++;
				}
			}
			expect(shown).toBeGreaterThan(0);
			if (filters.hiddenYears.length + filters.hiddenKinds.length > 1)
				expect(hidden).toBeGreaterThan(0);
		}
	);

	it.each(cases)('%s: the point filter keeps exactly the events that pass', async (_, filters) => {
		const { meta } = await built;
		const keep = featureFilter(
			pointFilter(meta, filters) as FilterSpecification,
			'layers[0].filter'
		);
		const points = (await tilesAt(POINT_ZOOM)).flatMap((t) => t.layers.points);
		const kept = points.filter((p) =>
			keep.filter({ zoom: 10 }, { type: 1, properties: p.props } as never)
		);
		expect(kept.length).toBe(events.filter(passes(meta, filters)).length);
	});

	it('turns a time range into whole years: overlapping by default, covered with "within"', async () => {
		const { meta } = await built;
		const f = { hiddenYears: [], hiddenKinds: [], hiddenStatuses: [] };
		const range = { from: 2011 * 12 + 10, to: 2013 * 12 + 1 };
		expect(visibleYears(meta, { ...f, range: { ...range, within: false } })).toEqual([
			2011, 2012, 2013
		]);
		expect(visibleYears(meta, { ...f, range: { ...range, within: true } })).toEqual([2012]);
		expect(
			visibleYears(meta, { ...f, hiddenYears: [2012], range: { ...range, within: true } })
		).toEqual([]);
	});
});

describe('reading a cell back for the panel', () => {
	it.each([2, 5, 8])(
		'lists exactly the events of a zoom-%i cell, by date, named by its feature id',
		async (z) => {
			const { archive, meta } = await built;
			const reader = readArchive(archive);
			const tiles = await tilesAt(z);
			const biggest = tiles
				.flatMap((t) => t.layers.cells.map((f) => ({ t, f })))
				.sort((a, b) => Number(b.f.props.n) - Number(a.f.props.n))[0];
			const { t, f } = biggest;
			const expected = eventsInCell(z, t.x, t.y, f.x, f.y);
			// The feature's id names the cell, as a click on the map reports it.
			const id = decodeTileIds(await reader.getZxy(z, t.x, t.y)).get(`${f.x}/${f.y}`)!;
			const cell = cellOfFeatureId(id);
			expect(cell.z).toBe(z);
			const listed = await cellEvents(reader, cell, () => true);
			expect(listed.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
			const dates = listed.map((e) => e.date);
			expect(dates).toEqual([...dates].sort());
			const no2012 = await cellEvents(reader, cell, (e) => e.year !== 2012);
			expect(no2012).toHaveLength(expected.filter((e) => e.year !== 2012).length);
			expect(meta.count).toBe(3000);
		}
	);

	it('finds a raw point in the zoom-10 cell its position falls in', async () => {
		const reader = readArchive((await built).archive);
		for (const e of events.slice(0, 50)) {
			const listed = await cellEvents(reader, pointCell(e.lon, e.lat), () => true);
			expect(listed.map((x) => x.id)).toContain(e.id);
		}
	});
});

/** Feature ids of a tile's cells by their position. */
function decodeTileIds(tile: { data: ArrayBuffer } | undefined): Map<string, number> {
	const layer = new VectorTile(new PbfReader(new Uint8Array(tile!.data))).layers.cells;
	const ids = new Map<string, number>();
	for (let i = 0; i < layer.length; i++) {
		const f = layer.feature(i);
		const [[p]] = f.loadGeometry();
		ids.set(`${p.x}/${p.y}`, Number(f.id));
	}
	return ids;
}
