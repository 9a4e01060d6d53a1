/**
 * The shape of an Atlas tile set, shared by whoever writes tiles (the build script, later the
 * import worker) and whoever reads them (the map's expressions, the cell panel).
 *
 * Below {@link POINT_ZOOM} a tile holds layer {@link CELL_LAYER}: one point feature per cell of
 * {@link CELLS_PER_TILE}² (8 px at MapLibre's 512 px tiles) that has any event, placed at the
 * mean position of its events, with counts as properties:
 *   - `n`: every event in the cell,
 *   - `y<year>` (e.g. `y2014`): events in that year,
 *   - `y<year>k<kind>s<status>` (e.g. `y2014k0s1`): events in that year of kind number `kind`
 *     and status number `status` (indices into the tile set's `kinds` and `statuses`),
 *     present only when non-zero.
 * Filters then only choose which counts to sum (see expressions.ts): no data is rebuilt.
 * From {@link POINT_ZOOM} a tile holds layer {@link POINT_LAYER}: one feature per event with
 * `id`, `t` (title), `d` (date, YYYY-MM-DD), `y` (year), `k` and `s` (kind and status numbers).
 */

/** Cells per tile side: 64 cells on a 512 px tile are 8 px each. */
export const CELLS_PER_TILE = 64;
/** MVT coordinates per tile side. */
export const TILE_EXTENT = 4096;
/** The first zoom with raw points; cells are aggregated at every zoom below it. */
export const POINT_ZOOM = 10;
export const CELL_LAYER = 'cells';
export const POINT_LAYER = 'points';

/** What the archive's metadata says about its events (stored as the PMTiles JSON metadata). */
export type TileSetMeta = {
	/** Format marker and version of this schema. */
	atlas: 'tiles-1';
	name: string;
	title: string;
	/** Kind and status ids in property order: `k0` is kinds[0], … */
	kinds: string[];
	statuses: string[];
	/** Every year with its count, and its count per kind×status (`k<kind>s<status>` keys). */
	years: { year: number; count: number; by: Record<string, number> }[];
	/** Events written (rows with no usable position or year are skipped and counted). */
	count: number;
	skipped: number;
	bounds: [number, number, number, number];
	/** Standard PMTiles/TileJSON fields, so other tools read the archive too. */
	vector_layers: { id: string; minzoom: number; maxzoom: number; fields: Record<string, string> }[];
};

/** One event as the tiles need it. */
export type TileEvent = {
	id: string;
	lon: number;
	lat: number;
	/** YYYY-MM-DD, or YYYY-MM / YYYY when the day or month is unknown. */
	date: string;
	year: number;
	title: string;
	/** Index into the tile set's kinds and statuses. */
	kind: number;
	status: number;
};

export const yearKey = (year: number) => `y${year}`;
export const comboKey = (year: number, kind: number, status: number) =>
	`y${year}k${kind}s${status}`;
export const comboId = (kind: number, status: number) => `k${kind}s${status}`;

/** A tile set's name, as links (`tiles=<name>`) and file names (`<name>.pmtiles`) use it. */
export const TILE_SET_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isTileSetName(s: string): boolean {
	return s.length <= 60 && TILE_SET_NAME.test(s);
}
