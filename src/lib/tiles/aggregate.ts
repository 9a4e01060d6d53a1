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

/** A year, kind and status in one number (years 1000..9999, 16 kinds, 16 statuses): < 2^22. */
const comboCode = (year: number, kind: number, status: number) => (year * 16 + kind) * 16 + status;
const CODE_SPAN = 2 ** 22;

export type CellTile = { z: number; x: number; y: number; features: TileFeature[] };

/** Bits of a cell's column (or row) within its tile: CELLS_PER_TILE = 2^6. */
const TILE_BITS = Math.log2(CELLS_PER_TILE);

/** The 16 low bits of `v` spread to the even bits (for a Z-order code). */
function spread(v: number): number {
	v &= 0xffff;
	v = (v | (v << 8)) & 0x00ff00ff;
	v = (v | (v << 4)) & 0x0f0f0f0f;
	v = (v | (v << 2)) & 0x33333333;
	return (v | (v << 1)) & 0x55555555;
}

/** The even bits of `v` gathered back (the inverse of {@link spread}). */
function gather(v: number): number {
	v &= 0x55555555;
	v = (v | (v >>> 1)) & 0x33333333;
	v = (v | (v >>> 2)) & 0x0f0f0f0f;
	v = (v | (v >>> 4)) & 0x00ff00ff;
	return (v | (v >>> 8)) & 0x0000ffff;
}

/**
 * A cell's Z-order (Morton) code from its column and row. In Z-order a cell's four children
 * are the codes `4c..4c+3` and a tile's cells one contiguous run, so rolling up a zoom and
 * cutting a tile are linear passes over sorted codes.
 */
const zorder = (col: number, row: number) => (spread(col) | (spread(row) << 1)) >>> 0;

/**
 * One zoom's cells, sorted by Z-order code, as columns: each cell's position sums, its
 * count and the run of its (combo code, count) pairs, sorted by code.
 */
export type Level = {
	code: Uint32Array;
	sx: Float64Array;
	sy: Float64Array;
	n: Uint32Array;
	/** Cell i's combos are `combo[start[i]..start[i+1])`. */
	start: Uint32Array;
	combo: Uint32Array;
	count: Uint32Array;
};

/** A longer copy of a typed array (its new end zero-filled), for columns that grow. */
export function grow<T extends Float64Array | Int32Array | Uint16Array | Uint8Array | Uint32Array>(
	array: T,
	size: number
): T {
	const next = new (array.constructor as new (n: number) => T)(size);
	next.set(array);
	return next;
}

/**
 * Adds up events by cell: counts per (cell, year, kind, status) at every zoom up to
 * `maxZoom`, and each cell's mean position. Memory grows with the distinct cells and
 * combinations, not with the events: while adding, one entry per cell (its position sums)
 * and one per (cell, combination) as sorted typed arrays, merged a batch at a time; after,
 * each zoom as the columns of a {@link Level}. A million clustered events take tens of
 * megabytes here, where a Map per cell took over 200.
 */
export class CellAggregator {
	/** While adding: each maxZoom cell's slot in the position sums. */
	private slots: Map<number, number> | null = new Map();
	private sumX = new Float64Array(1024);
	private sumY = new Float64Array(1024);
	/** While adding: sorted unique (cell code × CODE_SPAN + combo code) and their counts. */
	private keys = new Float64Array(0);
	private counts = new Uint32Array(0);
	private pending = new Float64Array(1 << 16);
	private pendingCount = 0;
	private rolled: Level[] | null = null;

	constructor(readonly maxZoom = POINT_ZOOM - 1) {
		// Cell code (2 × (maxZoom + TILE_BITS) bits) × CODE_SPAN stays an exact double.
		if (2 * (maxZoom + TILE_BITS) + 22 > 53) throw new Error(`maxZoom ${maxZoom} is too deep`);
	}

	add(event: Pick<TileEvent, 'lon' | 'lat' | 'year' | 'kind' | 'status'>): void {
		const { kind, status, year } = event;
		if (this.rolled) throw new Error('tiles were already taken from this aggregator');
		if (kind < 0 || kind > 15 || status < 0 || status > 15) {
			throw new Error(`kind ${kind} / status ${status}: a tile set holds at most 16 of each`);
		}
		if (!Number.isInteger(year) || year < 1000 || year > 9999) {
			throw new Error(`year ${year} is not a four-digit year`);
		}
		const [wx, wy] = lonLatToWorld(event.lon, event.lat);
		const side = Math.pow(2, this.maxZoom) * CELLS_PER_TILE;
		const col = Math.min(side - 1, Math.floor(wx * side));
		const row = Math.min(side - 1, Math.floor(wy * side));
		const cell = zorder(col, row);
		const slots = this.slots!;
		let slot = slots.get(cell);
		if (slot === undefined) {
			slot = slots.size;
			slots.set(cell, slot);
			if (slot === this.sumX.length) {
				this.sumX = grow(this.sumX, slot * 2);
				this.sumY = grow(this.sumY, slot * 2);
			}
		}
		this.sumX[slot] += wx;
		this.sumY[slot] += wy;
		if (this.pendingCount === this.pending.length) this.merge();
		this.pending[this.pendingCount++] = cell * CODE_SPAN + comboCode(year, kind, status);
	}

	/** Folds the pending keys into the sorted unique keys and their counts. */
	private merge(): void {
		const pending = this.pending.subarray(0, this.pendingCount).sort();
		const { keys, counts } = this;
		const outKeys = new Float64Array(keys.length + pending.length);
		const outCounts = new Uint32Array(outKeys.length);
		let i = 0;
		let j = 0;
		let o = -1;
		while (i < keys.length || j < pending.length) {
			const fromKeys = j >= pending.length || (i < keys.length && keys[i] <= pending[j]);
			const key = fromKeys ? keys[i] : pending[j];
			const add = fromKeys ? counts[i++] : (j++, 1);
			if (o >= 0 && outKeys[o] === key) outCounts[o] += add;
			else {
				outKeys[++o] = key;
				outCounts[o] = add;
			}
		}
		this.keys = outKeys.slice(0, o + 1);
		this.counts = outCounts.slice(0, o + 1);
		// Batches grow with the keys held, so merging stays O(n log n) over the whole input.
		this.pending = new Float64Array(Math.max(1 << 16, this.keys.length >> 1));
		this.pendingCount = 0;
	}

	/**
	 * Every zoom's cells as columns (structured-cloneable). Ends adding: the maxZoom level from
	 * what was added, then each zoom from the one above.
	 */
	levels(): Level[] {
		if (this.rolled) return this.rolled;
		this.merge();
		const levels: Level[] = new Array(this.maxZoom + 1);
		levels[this.maxZoom] = this.deepest();
		for (let z = this.maxZoom - 1; z >= 0; z--) levels[z] = parentLevel(levels[z + 1]);
		this.rolled = levels;
		this.slots = null;
		this.keys = new Float64Array(0);
		this.counts = new Uint32Array(0);
		this.sumX = this.sumY = new Float64Array(0);
		return levels;
	}

	private deepest(): Level {
		const { keys, counts } = this;
		const slots = this.slots!;
		const cells = new Uint32Array(slots.keys()).sort();
		const level: Level = {
			code: cells,
			sx: new Float64Array(cells.length),
			sy: new Float64Array(cells.length),
			n: new Uint32Array(cells.length),
			start: new Uint32Array(cells.length + 1),
			combo: new Uint32Array(keys.length),
			count: counts
		};
		// Keys are sorted by cell code then combo code: each cell's combos are the next run.
		let k = 0;
		for (let i = 0; i < cells.length; i++) {
			const slot = slots.get(cells[i])!;
			level.sx[i] = this.sumX[slot];
			level.sy[i] = this.sumY[slot];
			level.start[i] = k;
			let n = 0;
			for (; k < keys.length && Math.floor(keys[k] / CODE_SPAN) === cells[i]; k++) {
				level.combo[k] = keys[k] % CODE_SPAN;
				n += counts[k];
			}
			level.n[i] = n;
		}
		level.start[cells.length] = k;
		return level;
	}

	/** An aggregator holding `levels` (from {@link levels}), finished: it takes no more events. */
	static fromLevels(levels: Level[]): CellAggregator {
		const aggregator = new CellAggregator(levels.length - 1);
		aggregator.rolled = levels;
		aggregator.slots = null;
		return aggregator;
	}

	/** Number of non-empty cells at a zoom. */
	cellCount(z: number): number {
		return this.levels()[z].code.length;
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
		const levels = this.levels();
		for (let z = 0; z <= this.maxZoom; z++) {
			const level = levels[z];
			// A tile's cells share their code's high bits: one run per tile, in Z-order.
			const runs: { x: number; y: number; id: number; from: number; to: number }[] = [];
			for (let i = 0; i < level.code.length;) {
				const tile = level.code[i] >>> (2 * TILE_BITS);
				let to = i + 1;
				while (to < level.code.length && level.code[to] >>> (2 * TILE_BITS) === tile) to++;
				const x = gather(tile);
				const y = gather(tile >>> 1);
				runs.push({ x, y, id: zxyToTileId(z, x, y), from: i, to });
				i = to;
			}
			// In tile id order, built one tile at a time: a writer can stream them as they come.
			runs.sort((a, b) => a.id - b.id);
			for (const { x, y, from, to } of runs) {
				yield { z, x, y, features: () => cellFeatures(level, from, to, z, x, y) };
			}
		}
	}
}

/** Each zoom's level from the one below it: a cell is exactly four cells of the next zoom. */
function parentLevel(child: Level): Level {
	const parents = new Uint32Array(child.code.length);
	let cells = 0;
	for (let i = 0; i < child.code.length; i++) {
		const parent = child.code[i] >>> 2;
		if (cells === 0 || parents[cells - 1] !== parent) parents[cells++] = parent;
	}
	const level: Level = {
		code: parents.slice(0, cells),
		sx: new Float64Array(cells),
		sy: new Float64Array(cells),
		n: new Uint32Array(cells),
		start: new Uint32Array(cells + 1),
		combo: new Uint32Array(child.combo.length),
		count: new Uint32Array(child.combo.length)
	};
	let i = 0;
	let k = 0;
	const scratch: [number, number][] = [];
	for (let p = 0; p < cells; p++) {
		scratch.length = 0;
		for (; i < child.code.length && child.code[i] >>> 2 === level.code[p]; i++) {
			level.sx[p] += child.sx[i];
			level.sy[p] += child.sy[i];
			level.n[p] += child.n[i];
			for (let c = child.start[i]; c < child.start[i + 1]; c++) {
				scratch.push([child.combo[c], child.count[c]]);
			}
		}
		// Up to four children's runs, each sorted: sort the few together and add up repeats.
		scratch.sort((a, b) => a[0] - b[0]);
		level.start[p] = k;
		for (const [code, count] of scratch) {
			if (k > level.start[p] && level.combo[k - 1] === code) level.count[k - 1] += count;
			else {
				level.combo[k] = code;
				level.count[k++] = count;
			}
		}
	}
	level.start[cells] = k;
	level.combo = level.combo.slice(0, k);
	level.count = level.count.slice(0, k);
	return level;
}

/** The features of cells `from..to` of a level, all in tile z/x/y. */
function cellFeatures(
	level: Level,
	from: number,
	to: number,
	z: number,
	x: number,
	y: number
): TileFeature[] {
	const side = Math.pow(2, z) * CELLS_PER_TILE;
	const scale = Math.pow(2, z);
	const features: TileFeature[] = [];
	for (let i = from; i < to; i++) {
		const n = level.n[i];
		const props: Record<string, number> = { n };
		for (let c = level.start[i]; c < level.start[i + 1]; c++) {
			const code = level.combo[c];
			const count = level.count[c];
			const status = code % 16;
			const kind = Math.floor(code / 16) % 16;
			const year = Math.floor(code / 256);
			props[yearKey(year)] = (props[yearKey(year)] ?? 0) + count;
			props[comboKey(year, kind, status)] = count;
		}
		const col = gather(level.code[i]);
		const row = gather(level.code[i] >>> 1);
		features.push({
			x: tileCoordinate((level.sx[i] / n) * scale - x),
			y: tileCoordinate((level.sy[i] / n) * scale - y),
			props,
			id: cellFeatureId(row * side + col, z)
		});
	}
	return features;
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
