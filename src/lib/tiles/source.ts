/**
 * What the map and the cell panel read a tile set's tiles through: a published archive
 * (`PMTiles` has this shape) or the tiles an imported dataset's worker makes (imported.ts).
 */
export type TileArchive = {
	/** Tile z/x/y's bytes (an uncompressed MVT), or undefined when it holds nothing. */
	getZxy(
		z: number,
		x: number,
		y: number,
		signal?: AbortSignal
	): Promise<{ data: ArrayBuffer } | undefined>;
};
