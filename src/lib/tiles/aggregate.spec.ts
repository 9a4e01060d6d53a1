import { describe, expect, it } from 'vitest';
import { CellAggregator, cellOfFeatureId } from './aggregate';
import { CELLS_PER_TILE, POINT_ZOOM, comboKey, yearKey } from './schema';
import { lonLatToWorld } from './tile-id';

type Event = { lon: number; lat: number; year: number; kind: number; status: number };

/** Clustered events round a few towns, from a seeded generator: the same every run. */
function events(count: number, seed: number): Event[] {
	let s = seed;
	const next = () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
	const towns = Array.from({ length: 12 }, () => [30 + next() * 60, 15 + next() * 40]);
	return Array.from({ length: count }, () => {
		const [lon, lat] = towns[Math.floor(next() * towns.length)];
		return {
			lon: lon + (next() - 0.5) * 2,
			lat: lat + (next() - 0.5) * 2,
			year: 2010 + Math.floor(next() * 5),
			kind: Math.floor(next() * 4),
			status: Math.floor(next() * 3)
		};
	});
}

/** What each cell of zoom `z` should hold, counted the plain way: a map keyed by grid cell. */
function expected(list: Event[], z: number) {
	const side = Math.pow(2, z) * CELLS_PER_TILE;
	const cells = new Map<string, { sx: number; sy: number; props: Record<string, number> }>();
	for (const e of list) {
		const [wx, wy] = lonLatToWorld(e.lon, e.lat);
		const key = `${Math.floor(wx * side)}/${Math.floor(wy * side)}`;
		const cell = cells.get(key) ?? { sx: 0, sy: 0, props: { n: 0 } };
		cells.set(key, cell);
		cell.sx += wx;
		cell.sy += wy;
		cell.props.n++;
		const year = yearKey(e.year);
		const combo = comboKey(e.year, e.kind, e.status);
		cell.props[year] = (cell.props[year] ?? 0) + 1;
		cell.props[combo] = (cell.props[combo] ?? 0) + 1;
	}
	return cells;
}

describe('CellAggregator', () => {
	const list = events(5_000, 7);
	const aggregator = new CellAggregator();
	for (const e of list) aggregator.add(e);
	const tiles = [...aggregator.tiles()];

	it('holds at every zoom exactly the cells and counts a plain count gives', () => {
		for (let z = 0; z < POINT_ZOOM; z++) {
			const want = expected(list, z);
			const got = new Map<string, Record<string, number>>();
			for (const tile of tiles.filter((t) => t.z === z)) {
				for (const f of tile.features) {
					const cell = cellOfFeatureId(f.id as number);
					expect(cell.z).toBe(z);
					// Each cell sits in the tile it is listed in.
					const inTile =
						Math.floor(cell.x / CELLS_PER_TILE) === tile.x &&
						Math.floor(cell.y / CELLS_PER_TILE) === tile.y;
					if (!inTile)
						throw new Error(`cell ${cell.x}/${cell.y} listed in tile ${tile.x}/${tile.y}`);
					got.set(`${cell.x}/${cell.y}`, f.props as Record<string, number>);
				}
			}
			expect(aggregator.cellCount(z)).toBe(want.size);
			expect(got.size).toBe(want.size);
			const props = Object.fromEntries([...want].map(([key, cell]) => [key, cell.props]));
			expect(Object.fromEntries(got), `zoom ${z}`).toEqual(props);
		}
	});

	it("puts each cell's feature at its events' mean position, inside its cell", () => {
		const z = 6;
		const want = expected(list, z);
		const scale = Math.pow(2, z);
		for (const tile of tiles.filter((t) => t.z === z)) {
			for (const f of tile.features) {
				const cell = cellOfFeatureId(f.id as number);
				const { sx, sy, props } = want.get(`${cell.x}/${cell.y}`)!;
				const mx = ((sx / props.n) * scale - tile.x) * 4096;
				const my = ((sy / props.n) * scale - tile.y) * 4096;
				expect(Math.abs(f.x - mx)).toBeLessThanOrEqual(1);
				expect(Math.abs(f.y - my)).toBeLessThanOrEqual(1);
			}
		}
	});

	it('lists tiles zoom by zoom, each once', () => {
		const keys = tiles.map((t) => `${t.z}/${t.x}/${t.y}`);
		expect(new Set(keys).size).toBe(keys.length);
		const zooms = tiles.map((t) => t.z);
		expect(zooms).toEqual([...zooms].sort((a, b) => a - b));
		expect(tiles.filter((t) => t.z === 0)).toHaveLength(1);
		expect(tiles[0].features.reduce((sum, f) => sum + Number(f.props.n), 0)).toBe(list.length);
	});

	it('takes no more events once its tiles were asked for', () => {
		expect(() => aggregator.add(list[0])).toThrow(/already taken/);
	});
});
