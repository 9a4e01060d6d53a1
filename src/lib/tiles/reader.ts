/**
 * Reads a published tile set in the page: its metadata, and the events of one cell (from the
 * raw points at POINT_ZOOM) for the cell panel. Loaded lazily, only when a tile set is shown.
 */
import { PMTiles } from 'pmtiles';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { CellRef } from '$lib/state/url';
import type { TileArchive } from './source';
import { CELLS_PER_TILE, POINT_LAYER, POINT_ZOOM, TILE_EXTENT, type TileSetMeta } from './schema';
import { lonLatToWorld, worldToLonLat } from './tile-id';

export type OpenTileSet = { archive: PMTiles; meta: TileSetMeta };

/** One event of a cell, as the panel lists it. */
export type CellEvent = {
	id: string;
	title: string;
	date: string;
	year: number;
	kind: number;
	status: number;
	lon: number;
	lat: number;
};

/** Opens an archive by URL and checks that its metadata is an Atlas tile set. */
export async function openTileSet(url: string): Promise<OpenTileSet> {
	const archive = new PMTiles(url);
	const meta = (await archive.getMetadata()) as Partial<TileSetMeta> | null;
	if (
		!meta ||
		meta.atlas !== 'tiles-1' ||
		!Array.isArray(meta.years) ||
		!Array.isArray(meta.kinds) ||
		!Array.isArray(meta.statuses)
	) {
		throw new Error(`${url} is not an Incident Atlas tile set (build it with npm run build:tiles)`);
	}
	return { archive, meta: meta as TileSetMeta };
}

/** The POINT_ZOOM grid columns (or rows) a cell at zoom z covers: [first, end). */
function span(index: number, z: number): [number, number] {
	const f = Math.pow(2, POINT_ZOOM - z);
	return [index * f, (index + 1) * f];
}

/**
 * Every event in a cell that `keep` accepts, sorted by date (then id), read from the
 * POINT_ZOOM tiles the cell covers.
 */
export async function cellEvents(
	archive: TileArchive,
	cell: CellRef,
	keep: (e: CellEvent) => boolean,
	signal?: AbortSignal
): Promise<CellEvent[]> {
	const [c0, c1] = span(cell.x, cell.z);
	const [r0, r1] = span(cell.y, cell.z);
	const scale = Math.pow(2, POINT_ZOOM);
	const out: CellEvent[] = [];
	for (
		let ty = Math.floor(r0 / CELLS_PER_TILE);
		ty <= Math.floor((r1 - 1) / CELLS_PER_TILE);
		ty++
	) {
		for (
			let tx = Math.floor(c0 / CELLS_PER_TILE);
			tx <= Math.floor((c1 - 1) / CELLS_PER_TILE);
			tx++
		) {
			const tile = await archive.getZxy(POINT_ZOOM, tx, ty, signal);
			if (!tile) continue;
			const layer = new VectorTile(new PbfReader(new Uint8Array(tile.data))).layers[POINT_LAYER];
			if (!layer) continue;
			const perCell = TILE_EXTENT / CELLS_PER_TILE;
			for (let i = 0; i < layer.length; i++) {
				const feature = layer.feature(i);
				const [[p]] = feature.loadGeometry();
				const col = tx * CELLS_PER_TILE + Math.floor(p.x / perCell);
				const row = ty * CELLS_PER_TILE + Math.floor(p.y / perCell);
				if (col < c0 || col >= c1 || row < r0 || row >= r1) continue;
				const props = feature.properties;
				const [lon, lat] = worldToLonLat(
					(tx + p.x / TILE_EXTENT) / scale,
					(ty + p.y / TILE_EXTENT) / scale
				);
				const event: CellEvent = {
					id: String(props.id),
					title: String(props.t ?? ''),
					date: String(props.d ?? ''),
					year: Number(props.y),
					kind: Number(props.k),
					status: Number(props.s),
					lon,
					lat
				};
				if (keep(event)) out.push(event);
			}
		}
	}
	return out.sort((a, b) =>
		a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
	);
}

/** The POINT_ZOOM cell a position falls in (for a raw point picked on the map). */
export function pointCell(lon: number, lat: number): CellRef {
	const [wx, wy] = lonLatToWorld(lon, lat);
	const side = Math.pow(2, POINT_ZOOM) * CELLS_PER_TILE;
	// A point stored on a cell's edge can come back a hair short of it: nudge before flooring.
	return { z: POINT_ZOOM, x: Math.floor(wx * side + 1e-6), y: Math.floor(wy * side + 1e-6) };
}
