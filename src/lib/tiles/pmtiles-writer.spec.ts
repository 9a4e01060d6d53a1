import { describe, expect, it } from 'vitest';
import { tileIdToZxy as officialTileIdToZxy, zxyToTileId as officialZxyToTileId } from 'pmtiles';
import {
	Compression,
	TileType,
	archiveHead,
	concat,
	runLengthEntries,
	writeArchive
} from './pmtiles-writer';
import { tileIdToZxy, zxyToTileId } from './tile-id';
import { encodeTile } from './encode';
import { decodeTile, gzip, readArchive } from './test-support';

const info = {
	minZoom: 0,
	maxZoom: 10,
	bounds: [40, 30, 80, 55] as [number, number, number, number],
	center: [60, 42, 4] as [number, number, number],
	tileCompression: Compression.gzip,
	tileType: TileType.mvt
};

describe('tile ids', () => {
	it('match the official reader on every tile up to zoom 4 and samples up to zoom 12', () => {
		for (let z = 0; z <= 4; z++) {
			for (let x = 0; x < 2 ** z; x++) {
				for (let y = 0; y < 2 ** z; y++) {
					const id = zxyToTileId(z, x, y);
					expect(id).toBe(officialZxyToTileId(z, x, y));
					expect(tileIdToZxy(id)).toEqual([z, x, y]);
				}
			}
		}
		for (const [z, x, y] of [
			[10, 700, 380],
			[10, 1023, 0],
			[12, 2890, 1500]
		]) {
			expect(zxyToTileId(z, x, y)).toBe(officialZxyToTileId(z, x, y));
			expect(tileIdToZxy(zxyToTileId(z, x, y))).toEqual(officialTileIdToZxy(zxyToTileId(z, x, y)));
		}
	});
});

describe('PMTiles v3 writer', () => {
	it('writes an archive the official reader reads back tile by tile, with its metadata', async () => {
		const tiles = [
			[0, 0, 0],
			[1, 1, 0],
			[5, 20, 11],
			[10, 700, 380]
		].map(([z, x, y], i) => ({
			z,
			x,
			y,
			data: encodeTile({
				cells: [{ x: 10 * i, y: 20 * i, props: { n: i + 1, name: `tile ${z}` } }]
			})
		}));
		const bytes = await writeArchive({
			tiles: tiles.map((t) => ({ tileId: zxyToTileId(t.z, t.x, t.y), data: gzip(t.data) })),
			metadata: { name: 'roundtrip', note: 'Ақтөбе' },
			info,
			compress: gzip
		});
		const reader = readArchive(bytes);
		const header = await reader.getHeader();
		expect(header.specVersion).toBe(3);
		expect(header.tileType).toBe(TileType.mvt);
		expect([header.minZoom, header.maxZoom]).toEqual([0, 10]);
		expect([header.minLon, header.minLat, header.maxLon, header.maxLat]).toEqual([40, 30, 80, 55]);
		expect(header.numAddressedTiles).toBe(4);
		expect(await reader.getMetadata()).toEqual({ name: 'roundtrip', note: 'Ақтөбе' });
		for (const [i, t] of tiles.entries()) {
			const got = await reader.getZxy(t.z, t.x, t.y);
			expect(got, `${t.z}/${t.x}/${t.y}`).toBeDefined();
			expect(decodeTile(got!.data).cells).toEqual([
				{ x: 10 * i, y: 20 * i, props: { n: i + 1, name: `tile ${t.z}` } }
			]);
		}
		expect(await reader.getZxy(5, 21, 11)).toBeUndefined();
		expect(await reader.getZxy(10, 701, 380)).toBeUndefined();
	});

	it('moves entries to leaf directories when the root would not fit in 16 KiB, and still finds every tile', async () => {
		// 40,000 scattered tiles of varied sizes at zoom 12: far more entries than a 16 KiB
		// root holds.
		const tiles: { tileId: number; data: Uint8Array; x: number; y: number }[] = [];
		for (let i = 0; i < 40000; i++) {
			const x = (i * 7919) % 4096;
			const y = Math.floor(i / 10);
			const data = new Uint8Array(4 + (i % 97));
			new DataView(data.buffer).setUint32(0, i, true);
			tiles.push({ tileId: zxyToTileId(12, x, y), data, x, y });
		}
		const bytes = await writeArchive({
			tiles,
			metadata: {},
			info: { ...info, tileCompression: Compression.none, minZoom: 12, maxZoom: 12 },
			compress: gzip
		});
		const reader = readArchive(bytes);
		const header = await reader.getHeader();
		expect(header.leafDirectoryLength).toBeGreaterThan(0);
		expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16384);
		expect(header.numTileEntries).toBe(40000);
		for (const i of [0, 1, 199, 200, 12345, 39999]) {
			const got = await reader.getZxy(12, tiles[i].x, tiles[i].y);
			expect(new DataView(got!.data).getUint32(0, true)).toBe(i);
			expect(got!.data.byteLength).toBe(4 + (i % 97));
		}
	});

	it('folds consecutive tiles that share one content into one run the reader expands', async () => {
		const a = gzip(encodeTile({ cells: [{ x: 1, y: 1, props: { n: 1 } }] }));
		const b = gzip(encodeTile({ cells: [{ x: 2, y: 2, props: { n: 2 } }] }));
		// Tile ids 1, 2, 3 (three of zoom 1's tiles) share content a; id 4 has b.
		const entries = [1, 2, 3].map((tileId) => ({
			tileId,
			offset: 0,
			length: a.length,
			runLength: 1
		}));
		entries.push({ tileId: 4, offset: a.length, length: b.length, runLength: 1 });
		expect(runLengthEntries(entries)).toEqual([
			{ tileId: 1, offset: 0, length: a.length, runLength: 3 },
			{ tileId: 4, offset: a.length, length: b.length, runLength: 1 }
		]);
		const head = await archiveHead({
			entries,
			tileDataLength: a.length + b.length,
			metadata: {},
			info: { ...info, clustered: true, tileContents: 2 },
			compress: gzip
		});
		const reader = readArchive(concat([head, a, b]));
		expect((await reader.getHeader()).numAddressedTiles).toBe(3 + 1);
		for (const [z, x, y] of [1, 2, 3].map(tileIdToZxy)) {
			expect(decodeTile((await reader.getZxy(z, x, y))!.data).cells[0].props).toEqual({ n: 1 });
		}
		const [z, x, y] = tileIdToZxy(4);
		expect(decodeTile((await reader.getZxy(z, x, y))!.data).cells[0].props).toEqual({ n: 2 });
	});
});
