/** Helpers the tile specs share: an in-memory source for the official reader, MVT decoding. */
import { gzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles, type Source } from 'pmtiles';

export const gzip = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes));

/** The official `pmtiles` reader over bytes in memory. */
export function readArchive(bytes: Uint8Array): PMTiles {
	const source: Source = {
		getKey: () => 'memory',
		getBytes: async (offset, length) => ({
			data: bytes.slice(offset, offset + length).buffer as ArrayBuffer
		})
	};
	return new PMTiles(source);
}

/** Each layer's features as { x, y, props }. */
export function decodeTile(data: ArrayBuffer | Uint8Array) {
	const tile = new VectorTile(
		new PbfReader(data instanceof Uint8Array ? data : new Uint8Array(data))
	);
	const layers: Record<string, { x: number; y: number; props: Record<string, unknown> }[]> = {};
	for (const [name, layer] of Object.entries(tile.layers)) {
		layers[name] = [];
		for (let i = 0; i < layer.length; i++) {
			const f = layer.feature(i);
			const [[p]] = f.loadGeometry();
			layers[name].push({ x: p.x, y: p.y, props: { ...f.properties } });
		}
	}
	return layers;
}
