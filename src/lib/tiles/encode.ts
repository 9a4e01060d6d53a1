/** Point features → a Mapbox Vector Tile (protobuf), through @maplibre/vt-pbf. */
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { TILE_EXTENT } from './schema';

type VtLayers = Parameters<typeof fromGeojsonVt>[0];

/** A point at tile coordinates x, y (0..TILE_EXTENT) with its properties. */
export type TileFeature = {
	x: number;
	y: number;
	props: Record<string, string | number>;
	/** The MVT feature id (a whole number), if any. */
	id?: number;
};

/** One MVT with a layer per entry of `layers` (point features only). */
export function encodeTile(layers: Record<string, readonly TileFeature[]>): Uint8Array {
	const tiles: VtLayers = {};
	for (const [name, features] of Object.entries(layers)) {
		tiles[name] = {
			features: features.map((f) => ({
				type: 1 as const,
				...(f.id === undefined ? {} : { id: f.id }),
				geometry: [[f.x, f.y]],
				tags: f.props
			}))
		} as unknown as VtLayers[string];
	}
	return fromGeojsonVt(tiles, { version: 2, extent: TILE_EXTENT });
}
