/**
 * A small PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * the 127-byte header, a root directory within the first 16 KiB, leaf directories when the
 * root would not fit, JSON metadata, and tile data laid out by the caller. No PMTiles writer
 * runs on this stack (none on npm; the versatiles binaries need a newer glibc), so this one is
 * tested by reading its archives back with the official `pmtiles` reader.
 *
 * Pure: no Node APIs. Compression is passed in (gzip through Node's zlib in the build script,
 * CompressionStream in a browser).
 */

export type Compress = (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** A run of `runLength` tiles from `tileId` whose data is at `offset` (within the tile data). */
export type DirEntry = { tileId: number; offset: number; length: number; runLength: number };

export const HEADER_BYTES = 127;
/** The header and root directory must fit in the first 16 KiB a reader fetches. */
const FIRST_FETCH_BYTES = 16384;

export const Compression = { none: 1, gzip: 2 } as const;
export const TileType = { mvt: 1 } as const;

export type ArchiveInfo = {
	minZoom: number;
	maxZoom: number;
	/** West, south, east, north in degrees. */
	bounds: [number, number, number, number];
	center: [number, number, number];
	tileCompression: number;
	tileType: number;
	/** True when tile data is laid out in tile id order. */
	clustered: boolean;
	/** Distinct tile contents in the data section. */
	tileContents: number;
};

function writeVarint(out: number[], value: number): void {
	if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint ${value} out of range`);
	while (value >= 0x80) {
		out.push((value % 0x80) | 0x80);
		value = Math.floor(value / 0x80);
	}
	out.push(value);
}

/** A directory as the spec lays it out (before compression): counts, then columns. */
export function serializeDirectory(entries: readonly DirEntry[]): Uint8Array {
	const out: number[] = [];
	writeVarint(out, entries.length);
	let last = 0;
	for (const e of entries) {
		writeVarint(out, e.tileId - last);
		last = e.tileId;
	}
	for (const e of entries) writeVarint(out, e.runLength);
	for (const e of entries) writeVarint(out, e.length);
	entries.forEach((e, i) => {
		const prev = entries[i - 1];
		writeVarint(out, i > 0 && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
	});
	return Uint8Array.from(out);
}

/**
 * Entries sorted by tile id, with consecutive tile ids that share one content (same offset
 * and length) folded into one run.
 */
export function runLengthEntries(entries: readonly DirEntry[]): DirEntry[] {
	const sorted = [...entries].sort((a, b) => a.tileId - b.tileId);
	const out: DirEntry[] = [];
	for (const e of sorted) {
		const last = out[out.length - 1];
		if (last && last.tileId === e.tileId) throw new Error(`tile id ${e.tileId} written twice`);
		if (
			last &&
			last.offset === e.offset &&
			last.length === e.length &&
			last.tileId + last.runLength === e.tileId
		) {
			last.runLength += e.runLength;
		} else out.push({ ...e });
	}
	return out;
}

/** The root directory and the leaf directories it points to (both compressed). */
async function buildDirectories(
	entries: readonly DirEntry[],
	compress: Compress
): Promise<{ root: Uint8Array; leaves: Uint8Array }> {
	const root = await compress(serializeDirectory(entries));
	if (root.length <= FIRST_FETCH_BYTES - HEADER_BYTES) return { root, leaves: new Uint8Array() };
	// As go-pmtiles does: grow the leaf size until the root fits.
	let leafSize = Math.max(4096, Math.ceil(entries.length / 3500));
	for (;;) {
		const rootEntries: DirEntry[] = [];
		const leaves: Uint8Array[] = [];
		let offset = 0;
		for (let i = 0; i < entries.length; i += leafSize) {
			const chunk = entries.slice(i, i + leafSize);
			const leaf = await compress(serializeDirectory(chunk));
			rootEntries.push({ tileId: chunk[0].tileId, offset, length: leaf.length, runLength: 0 });
			leaves.push(leaf);
			offset += leaf.length;
		}
		const rootBytes = await compress(serializeDirectory(rootEntries));
		if (rootBytes.length <= FIRST_FETCH_BYTES - HEADER_BYTES) {
			return { root: rootBytes, leaves: concat(leaves) };
		}
		leafSize = Math.ceil(leafSize * 1.2);
	}
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/**
 * Everything of an archive that comes before its tile data: header, root directory, metadata
 * and leaf directories. The tile data (`tileDataLength` bytes, addressed by `entries`'
 * offsets) follows it directly in the file.
 */
export async function archiveHead(options: {
	entries: readonly DirEntry[];
	tileDataLength: number;
	metadata: unknown;
	info: ArchiveInfo;
	/** Compression of directories and metadata. */
	compress: Compress;
	internalCompression?: number;
}): Promise<Uint8Array> {
	const entries = runLengthEntries(options.entries);
	if (!entries.length) throw new Error('an archive needs at least one tile');
	const { root, leaves } = await buildDirectories(entries, options.compress);
	const metadata = await options.compress(
		new TextEncoder().encode(JSON.stringify(options.metadata))
	);
	const rootOffset = HEADER_BYTES;
	const metadataOffset = rootOffset + root.length;
	const leafOffset = metadataOffset + metadata.length;
	const tileDataOffset = leafOffset + leaves.length;
	const { info } = options;

	const header = new DataView(new ArrayBuffer(HEADER_BYTES));
	const magic = 'PMTiles';
	for (let i = 0; i < magic.length; i++) header.setUint8(i, magic.charCodeAt(i));
	header.setUint8(7, 3);
	const u64 = (at: number, value: number) => header.setBigUint64(at, BigInt(value), true);
	u64(8, rootOffset);
	u64(16, root.length);
	u64(24, metadataOffset);
	u64(32, metadata.length);
	u64(40, leafOffset);
	u64(48, leaves.length);
	u64(56, tileDataOffset);
	u64(64, options.tileDataLength);
	u64(
		72,
		entries.reduce((n, e) => n + e.runLength, 0)
	);
	u64(80, entries.length);
	u64(88, info.tileContents);
	header.setUint8(96, info.clustered ? 1 : 0);
	header.setUint8(97, options.internalCompression ?? Compression.gzip);
	header.setUint8(98, info.tileCompression);
	header.setUint8(99, info.tileType);
	header.setUint8(100, info.minZoom);
	header.setUint8(101, info.maxZoom);
	const e7 = (at: number, degrees: number) => header.setInt32(at, Math.round(degrees * 1e7), true);
	const [w, s, e, n] = info.bounds;
	e7(102, w);
	e7(106, s);
	e7(110, e);
	e7(114, n);
	header.setUint8(118, info.center[2]);
	e7(119, info.center[0]);
	e7(123, info.center[1]);
	return concat([new Uint8Array(header.buffer), root, metadata, leaves]);
}

/** A whole archive in memory, for tiles built in a browser or a test. */
export async function writeArchive(options: {
	tiles: readonly { tileId: number; data: Uint8Array }[];
	metadata: unknown;
	info: Omit<ArchiveInfo, 'clustered' | 'tileContents'>;
	compress: Compress;
}): Promise<Uint8Array> {
	const sorted = [...options.tiles].sort((a, b) => a.tileId - b.tileId);
	const parts: Uint8Array[] = [];
	const entries: DirEntry[] = [];
	let offset = 0;
	for (const { tileId, data } of sorted) {
		entries.push({ tileId, offset, length: data.length, runLength: 1 });
		parts.push(data);
		offset += data.length;
	}
	const head = await archiveHead({
		entries,
		tileDataLength: offset,
		metadata: options.metadata,
		info: { ...options.info, clustered: true, tileContents: sorted.length },
		compress: options.compress
	});
	return concat([head, ...parts]);
}
