/**
 * Points → per-cell counts at every zoom below POINT_ZOOM, and raw points grouped by their
 * POINT_ZOOM tile. Pure and incremental (add one event at a time), so a streaming build
 * script and the import worker can both feed it; memory grows with the number of distinct
 * cells, not with the number of events.
 */
import { lonLatToWorld, zxyToTileId } from './tile-id';
import {
	CELLS_PER_TILE,
	CELL_LAYER,
	POINT_LAYER,
	POINT_ZOOM,
	TILE_EXTENT,
	comboKey,
	yearKey,
	type TileEvent
} from './schema';
import { encodeTile, type TileFeature } from './encode';

/** A year, kind and status in one number (years 1000..9999, 16 kinds, 16 statuses). */
const comboCode = (year: number, kind: number, status: number) => (year * 16 + kind) * 16 + status;

type Cell = { sx: number; sy: number; n: number; combos: Map<number, number> };

export type CellTile = { z: number; x: number; y: number; features: TileFeature[] };

export class CellAggregator {
	/** Per zoom: cell index (row × side + column) → its sums. Filled at maxZoom only while
	 * adding; the zooms below are rolled up from it when tiles are asked for. */
	private readonly levels: Map<number, Cell>[];
	private rolledUp = false;

	constructor(readonly maxZoom = POINT_ZOOM - 1) {
		this.levels = Array.from({ length: maxZoom + 1 }, () => new Map());
	}

	add(event: Pick<TileEvent, 'lon' | 'lat' | 'year' | 'kind' | 'status'>): void {
		const { kind, status, year } = event;
		if (this.rolledUp) throw new Error('tiles were already taken from this aggregator');
		if (kind < 0 || kind > 15 || status < 0 || status > 15) {
			throw new Error(`kind ${kind} / status ${status}: a tile set holds at most 16 of each`);
		}
		if (!Number.isInteger(year) || year < 1000 || year > 9999) {
			throw new Error(`year ${year} is not a four-digit year`);
		}
		const [wx, wy] = lonLatToWorld(event.lon, event.lat);
		const side = Math.pow(2, this.maxZoom) * CELLS_PER_TILE;
		const index = Math.floor(wy * side) * side + Math.floor(wx * side);
		const level = this.levels[this.maxZoom];
		let cell = level.get(index);
		if (!cell) level.set(index, (cell = { sx: 0, sy: 0, n: 0, combos: new Map() }));
		cell.sx += wx;
		cell.sy += wy;
		cell.n++;
		const code = comboCode(year, kind, status);
		cell.combos.set(code, (cell.combos.get(code) ?? 0) + 1);
	}

	/** Each zoom's cells from the one above: a cell is exactly four cells of the next zoom. */
	private rollUp(): void {
		if (this.rolledUp) return;
		this.rolledUp = true;
		for (let z = this.maxZoom - 1; z >= 0; z--) {
			const childSide = Math.pow(2, z + 1) * CELLS_PER_TILE;
			const side = childSide / 2;
			const level = this.levels[z];
			for (const [index, child] of this.levels[z + 1]) {
				const row = Math.floor(index / childSide);
				const col = index - row * childSide;
				const parentIndex = Math.floor(row / 2) * side + Math.floor(col / 2);
				let cell = level.get(parentIndex);
				if (!cell) level.set(parentIndex, (cell = { sx: 0, sy: 0, n: 0, combos: new Map() }));
				cell.sx += child.sx;
				cell.sy += child.sy;
				cell.n += child.n;
				for (const [code, count] of child.combos) {
					cell.combos.set(code, (cell.combos.get(code) ?? 0) + count);
				}
			}
		}
	}

	/** Number of non-empty cells at a zoom. */
	cellCount(z: number): number {
		this.rollUp();
		return this.levels[z].size;
	}

	/**
	 * Every tile that has a cell, with its features: one per cell at the cell's mean position
	 * and its counts as properties (see schema.ts), in PMTiles tile id order. Ends adding: call
	 * it once all are added.
	 */
	*tiles(): Generator<CellTile> {
		for (const { z, x, y, features } of this.lazyTiles()) yield { z, x, y, features: features() };
	}

	/**
	 * As {@link tiles}, but each tile's features are made only when asked for: the import's
	 * in-browser tiles (event-index.ts) encode a tile only when the map requests it.
	 */
	*lazyTiles(): Generator<{ z: number; x: number; y: number; features: () => TileFeature[] }> {
		this.rollUp();
		for (let z = 0; z <= this.maxZoom; z++) {
			const side = Math.pow(2, z) * CELLS_PER_TILE;
			const tiles = new Map<number, [number, Cell][]>();
			const tilesPerSide = Math.pow(2, z);
			for (const [index, cell] of this.levels[z]) {
				const row = Math.floor(index / side);
				const col = index - row * side;
				const key =
					Math.floor(row / CELLS_PER_TILE) * tilesPerSide + Math.floor(col / CELLS_PER_TILE);
				let list = tiles.get(key);
				if (!list) tiles.set(key, (list = []));
				list.push([index, cell]);
			}
			// In tile id order, built one tile at a time: a writer can stream them as they come.
			const order = [...tiles.keys()]
				.map((key) => {
					const y = Math.floor(key / tilesPerSide);
					return { key, id: zxyToTileId(z, key - y * tilesPerSide, y) };
				})
				.sort((a, b) => a.id - b.id);
			for (const { key } of order) {
				const cells = tiles.get(key)!;
				const y = Math.floor(key / tilesPerSide);
				const x = key - y * tilesPerSide;
				yield {
					z,
					x,
					y,
					features: () => cells.map(([index, c]) => cellFeature(c, index, z, x, y))
				};
			}
		}
	}
}

/** A cell feature's id: its index in the zoom's grid (row × side + column) × 16 + zoom. */
export function cellFeatureId(index: number, z: number): number {
	return index * 16 + z;
}

/** The zoom and grid column/row of a cell feature id. */
export function cellOfFeatureId(id: number): { z: number; x: number; y: number } {
	const z = id % 16;
	const index = Math.floor(id / 16);
	const side = Math.pow(2, z) * CELLS_PER_TILE;
	const y = Math.floor(index / side);
	return { z, x: index - y * side, y };
}

function cellFeature(cell: Cell, index: number, z: number, x: number, y: number): TileFeature {
	const scale = Math.pow(2, z);
	const props: Record<string, number> = { n: cell.n };
	for (const [code, count] of [...cell.combos].sort((a, b) => a[0] - b[0])) {
		const status = code % 16;
		const kind = Math.floor(code / 16) % 16;
		const year = Math.floor(code / 256);
		props[yearKey(year)] = (props[yearKey(year)] ?? 0) + count;
		props[comboKey(year, kind, status)] = count;
	}
	return {
		x: tileCoordinate((cell.sx / cell.n) * scale - x),
		y: tileCoordinate((cell.sy / cell.n) * scale - y),
		props,
		id: cellFeatureId(index, z)
	};
}

/** A position within a tile (0..1) in MVT units, kept inside the tile (and inside its cell: floored, never rounded up into the next). */
function tileCoordinate(t: number): number {
	return Math.min(TILE_EXTENT - 1, Math.max(0, Math.floor(t * TILE_EXTENT)));
}

/** The POINT_ZOOM tile an event falls in, and its position there in MVT units. */
export function pointTileOf(
	lon: number,
	lat: number
): { x: number; y: number; px: number; py: number } {
	const [wx, wy] = lonLatToWorld(lon, lat);
	const scale = Math.pow(2, POINT_ZOOM);
	const x = Math.floor(wx * scale);
	const y = Math.floor(wy * scale);
	return { x, y, px: tileCoordinate(wx * scale - x), py: tileCoordinate(wy * scale - y) };
}

/** The point feature of one event, positioned in its POINT_ZOOM tile. */
export function pointFeature(event: TileEvent): TileFeature {
	const { px, py } = pointTileOf(event.lon, event.lat);
	return {
		x: px,
		y: py,
		props: {
			id: event.id,
			t: event.title,
			d: event.date,
			y: event.year,
			k: event.kind,
			s: event.status
		}
	};
}

/** Encodes a tile of cells. */
export function encodeCellTile(tile: CellTile): Uint8Array {
	return encodeTile({ [CELL_LAYER]: tile.features });
}

/** Encodes a POINT_ZOOM tile of events, ordered by date so a reader can page through them. */
export function encodePointTile(events: readonly TileEvent[]): Uint8Array {
	const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	return encodeTile({ [POINT_LAYER]: sorted.map(pointFeature) });
}
