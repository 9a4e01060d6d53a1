/**
 * A whole tile set from events: the metadata summary and, for data that fits in memory (an
 * import in the browser, tests), the archive itself. The build script streams the same
 * pieces through files instead (scripts/build-tiles.ts).
 */
import { CellAggregator, encodeCellTile, encodePointTile, pointTileOf } from './aggregate';
import { Compression, TileType, writeArchive, type Compress } from './pmtiles-writer';
import {
	CELL_LAYER,
	POINT_LAYER,
	POINT_ZOOM,
	comboId,
	type TileEvent,
	type TileSetMeta
} from './schema';
import { zxyToTileId } from './tile-id';

/** A {@link MetaSummary}'s sums, structured-cloneable, to keep it between sessions. */
export type MetaSummaryState = {
	years: [number, { count: number; by: Record<string, number> }][];
	bounds: [number, number, number, number];
	count: number;
	skipped: number;
};

/** Collects what the metadata says: counts per year and kind×status, bounds. */
export class MetaSummary {
	private years = new Map<number, { count: number; by: Record<string, number> }>();
	private bounds: [number, number, number, number] = [180, 85, -180, -85];
	count = 0;
	skipped = 0;

	state(): MetaSummaryState {
		const { bounds, count, skipped } = this;
		return { years: [...this.years], bounds: [...bounds], count, skipped };
	}

	static fromState(state: MetaSummaryState): MetaSummary {
		const summary = new MetaSummary();
		summary.years = new Map(state.years);
		summary.bounds = [...state.bounds];
		summary.count = state.count;
		summary.skipped = state.skipped;
		return summary;
	}

	add(e: TileEvent): void {
		this.count++;
		let y = this.years.get(e.year);
		if (!y) this.years.set(e.year, (y = { count: 0, by: {} }));
		y.count++;
		const combo = comboId(e.kind, e.status);
		y.by[combo] = (y.by[combo] ?? 0) + 1;
		const b = this.bounds;
		this.bounds = [
			Math.min(b[0], e.lon),
			Math.min(b[1], e.lat),
			Math.max(b[2], e.lon),
			Math.max(b[3], e.lat)
		];
	}

	meta(options: {
		name: string;
		title: string;
		kinds: readonly string[];
		statuses: readonly string[];
	}): TileSetMeta {
		const counts = 'number';
		return {
			atlas: 'tiles-1',
			name: options.name,
			title: options.title,
			kinds: [...options.kinds],
			statuses: [...options.statuses],
			years: [...this.years]
				.sort((a, b) => a[0] - b[0])
				.map(([year, y]) => ({ year, count: y.count, by: y.by })),
			count: this.count,
			skipped: this.skipped,
			bounds: this.count ? this.bounds : [0, 0, 0, 0],
			vector_layers: [
				{ id: CELL_LAYER, minzoom: 0, maxzoom: POINT_ZOOM - 1, fields: { n: counts } },
				{
					id: POINT_LAYER,
					minzoom: POINT_ZOOM,
					maxzoom: POINT_ZOOM,
					fields: { id: 'String', t: 'String', d: 'String', y: 'Number', k: 'Number', s: 'Number' }
				}
			]
		};
	}
}

/** The PMTiles header fields for a tile set. */
export function archiveInfo(meta: TileSetMeta) {
	const [w, s, e, n] = meta.bounds;
	return {
		minZoom: 0,
		maxZoom: POINT_ZOOM,
		bounds: meta.bounds,
		center: [(w + e) / 2, (s + n) / 2, 4] as [number, number, number],
		tileCompression: Compression.gzip,
		tileType: TileType.mvt
	};
}

/** A PMTiles archive of `events`, built in memory. */
export async function buildTileSetInMemory(
	events: Iterable<TileEvent>,
	options: { name: string; title: string; kinds: readonly string[]; statuses: readonly string[] },
	compress: Compress
): Promise<{ archive: Uint8Array; meta: TileSetMeta }> {
	const cells = new CellAggregator();
	const summary = new MetaSummary();
	const pointTiles = new Map<number, TileEvent[]>();
	for (const e of events) {
		cells.add(e);
		summary.add(e);
		const { x, y } = pointTileOf(e.lon, e.lat);
		const id = zxyToTileId(POINT_ZOOM, x, y);
		let list = pointTiles.get(id);
		if (!list) pointTiles.set(id, (list = []));
		list.push(e);
	}
	const tiles: { tileId: number; data: Uint8Array }[] = [];
	for (const tile of cells.tiles()) {
		tiles.push({
			tileId: zxyToTileId(tile.z, tile.x, tile.y),
			data: await compress(encodeCellTile(tile))
		});
	}
	for (const [tileId, list] of pointTiles) {
		tiles.push({ tileId, data: await compress(encodePointTile(list)) });
	}
	const meta = summary.meta(options);
	const archive = await writeArchive({ tiles, metadata: meta, info: archiveInfo(meta), compress });
	return { archive, meta };
}
