/**
 * Turns a large incident file into one PMTiles archive the Atlas shows as tiles:
 *
 *   npm run build:tiles -- <input.csv|input.geojson> [--out static/tiles/<name>.pmtiles]
 *                          [--name <slug>] [--title "Shown name"] [--encoding utf8|latin1]
 *                          [--skip-index] [--quiet]
 *
 * Input: an ACLED or GTD CSV export (recognised by its header) or a GeoJSON
 * FeatureCollection in the Atlas incident schema. Below zoom 10 each tile holds one feature per
 * 8 px cell with its counts per year and per kind×status; from zoom 10 the raw events
 * (src/lib/tiles/schema.ts). The archive's folder gets an `index.json` listing its datasets,
 * which the app reads.
 *
 * Streams: rows are read one at a time; cell counts grow with the number of distinct cells,
 * and raw events are sorted by tile outside memory (sorted runs of 100,000 spilled to
 * temporary files, then merged), so memory holds one run or one tile's events, not the file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, extname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse';
import {
	CellAggregator,
	encodeCellTile,
	encodePointTile,
	pointTileOf
} from '../src/lib/tiles/aggregate';
import { archiveHead, type DirEntry } from '../src/lib/tiles/pmtiles-writer';
import { POINT_ZOOM, type TileEvent } from '../src/lib/tiles/schema';
import { MetaSummary, archiveInfo } from '../src/lib/tiles/tileset';
import { zxyToTileId } from '../src/lib/tiles/tile-id';
import {
	TILE_KINDS,
	TILE_STATUSES,
	detectTileRowLayout,
	tileEventFromAtlasFeature,
	tileEventFromRow,
	type TileRowLayout
} from '../src/lib/tiles/rows';
import { readManifest, type TileManifest } from '../src/lib/tiles/manifest';
import { geojsonFeatures } from './lib/geojson-stream';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		out: { type: 'string' },
		name: { type: 'string' },
		title: { type: 'string' },
		encoding: { type: 'string' },
		quiet: { type: 'boolean', default: false },
		/** Leave the folder's index.json alone (a tile set opened only by its link). */
		'skip-index': { type: 'boolean', default: false },
		/** Events per sorted run (tests use a small one to exercise the merge). */
		'run-events': { type: 'string', default: '100000' }
	}
});
const input = positionals[0];
if (!input) {
	console.error(
		'usage: npm run build:tiles -- <input.csv|input.geojson> [--out static/tiles/<name>.pmtiles]'
	);
	process.exit(2);
}
const slug = (s: string) =>
	s
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60) || 'dataset';
// The app opens `tiles/<name>.pmtiles`, so the file is named after the dataset.
const name = slug(
	values.out ? basename(values.out, '.pmtiles') : (values.name ?? basename(input, extname(input)))
);
const out = values.out ?? `static/tiles/${name}.pmtiles`;
if (basename(out) !== `${name}.pmtiles` || (values.name && slug(values.name) !== name)) {
	console.error(
		`--out must be <folder>/${slug(values.name ?? name)}.pmtiles: the app finds a dataset by its name`
	);
	process.exit(2);
}
const title = values.title ?? name;
const log = (s: string) => values.quiet || console.log(s);

/** GTD's public CSV is Latin-1: a file whose start is not valid UTF-8 is read as Latin-1. */
async function detectEncoding(file: string): Promise<BufferEncoding> {
	if (values.encoding === 'utf8' || values.encoding === 'latin1') return values.encoding;
	const handle = await open(file);
	try {
		const { buffer, bytesRead } = await handle.read(Buffer.alloc(1 << 16), 0, 1 << 16, 0);
		// Drop a multi-byte character the sample may have cut at its end.
		const sample = buffer.subarray(0, Math.max(0, bytesRead - 4));
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(sample);
			return 'utf8';
		} catch {
			return 'latin1';
		}
	} finally {
		await handle.close();
	}
}

async function* csvEvents(file: string): AsyncGenerator<TileEvent | null> {
	const parser = createReadStream(file, { encoding: await detectEncoding(file) }).pipe(
		parse({ bom: true, columns: true, relax_column_count: true, skip_empty_lines: true })
	);
	let layout: TileRowLayout | undefined;
	for await (const row of parser as AsyncIterable<Record<string, string>>) {
		if (!layout) {
			const detected = detectTileRowLayout(Object.keys(row));
			if (!detected) throw new Error(`${file}: the header is neither ACLED's nor GTD's`);
			layout = detected;
		}
		yield tileEventFromRow(layout, row);
	}
}

async function* geojsonEvents(file: string): AsyncGenerator<TileEvent | null> {
	const text = createReadStream(file, { encoding: 'utf8' });
	for await (const feature of geojsonFeatures(text as AsyncIterable<string>)) {
		yield tileEventFromAtlasFeature(feature as Parameters<typeof tileEventFromAtlasFeature>[0]);
	}
}

/**
 * Raw events are sorted by zoom-10 tile id outside memory: runs of this many events are
 * sorted and spilled to files, then merged, one tile at a time.
 */
const RUN_EVENTS = Math.max(1, Number(values['run-events']) || 100_000);

type Spilled = [tileId: number, event: TileEvent];

/** Sorts `buffer` by tile id and writes it as run file number `index`. */
async function spillRun(work: string, index: number, buffer: Spilled[]): Promise<string> {
	const file = join(work, `run-${index}.ndjson`);
	const out = createWriteStream(file);
	for (const item of buffer.sort((a, b) => a[0] - b[0])) {
		if (!out.write(JSON.stringify(item) + '\n')) await once(out, 'drain');
	}
	await new Promise((r) => out.end(r));
	return file;
}

/** The events of every zoom-10 tile, tile by tile in id order, merged from sorted runs. */
async function* mergeRuns(files: readonly string[]): AsyncGenerator<[number, TileEvent[]]> {
	const readers = files.map((file) =>
		createInterface({ input: createReadStream(file, { encoding: 'utf8' }) })[Symbol.asyncIterator]()
	);
	const heads: (Spilled | null)[] = [];
	const advance = async (i: number) => {
		const next = await readers[i].next();
		heads[i] = next.done ? null : (JSON.parse(next.value) as Spilled);
	};
	for (let i = 0; i < readers.length; i++) await advance(i);
	for (;;) {
		let tileId = Infinity;
		for (const head of heads) if (head && head[0] < tileId) tileId = head[0];
		if (tileId === Infinity) return;
		const events: TileEvent[] = [];
		for (let i = 0; i < heads.length; i++) {
			while (heads[i] && heads[i]![0] === tileId) {
				events.push(heads[i]![1]);
				await advance(i);
			}
		}
		yield [tileId, events];
	}
}

async function main() {
	const started = Date.now();
	const work = await mkdtemp(join(tmpdir(), 'atlas-tiles-'));
	try {
		const cells = new CellAggregator();
		const summary = new MetaSummary();
		const runs: string[] = [];
		let buffer: Spilled[] = [];
		const isGeojson = /\.(geo)?json$/i.test(input);
		let rows = 0;
		for await (const event of isGeojson ? geojsonEvents(input) : csvEvents(input)) {
			rows++;
			if (!event) {
				summary.skipped++;
				continue;
			}
			cells.add(event);
			summary.add(event);
			const { x, y } = pointTileOf(event.lon, event.lat);
			const tileId = zxyToTileId(POINT_ZOOM, x, y);
			buffer.push([tileId, event]);
			if (buffer.length >= RUN_EVENTS) {
				runs.push(await spillRun(work, runs.length, buffer));
				buffer = [];
			}
			if (rows % 250_000 === 0) log(`  read ${rows.toLocaleString('en')} rows`);
		}
		if (buffer.length) runs.push(await spillRun(work, runs.length, buffer));
		buffer = [];
		if (!summary.count) throw new Error(`${input}: no row has a usable position and date`);

		// Tile data in tile id order: cells (zooms 0-9) first, then points bucket by bucket.
		const dataFile = join(work, 'tiles.bin');
		const data = createWriteStream(dataFile);
		const entries: DirEntry[] = [];
		let offset = 0;
		const put = async (tileId: number, bytes: Uint8Array) => {
			entries.push({ tileId, offset, length: bytes.length, runLength: 1 });
			offset += bytes.length;
			if (!data.write(bytes)) await once(data, 'drain');
		};
		const gzip = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes));
		const cellTiles = [...cells.tiles()]
			.map((t) => ({ tileId: zxyToTileId(t.z, t.x, t.y), tile: t }))
			.sort((a, b) => a.tileId - b.tileId);
		for (const { tileId, tile } of cellTiles) await put(tileId, gzip(encodeCellTile(tile)));
		for await (const [tileId, events] of mergeRuns(runs)) {
			await put(tileId, gzip(encodePointTile(events)));
		}
		for (const file of runs) await rm(file);
		await new Promise((r) => data.end(r));

		const meta = summary.meta({ name, title, kinds: TILE_KINDS, statuses: TILE_STATUSES });
		const head = await archiveHead({
			entries,
			tileDataLength: offset,
			metadata: meta,
			info: { ...archiveInfo(meta), clustered: true, tileContents: entries.length },
			compress: gzip
		});
		await mkdir(dirname(out), { recursive: true });
		const target = createWriteStream(out);
		target.write(head);
		await pipeline(createReadStream(dataFile), target);
		const bytes = head.length + offset;
		if (!values['skip-index'])
			await updateManifest({
				name,
				title,
				file: basename(out),
				count: meta.count,
				years: [meta.years[0].year, meta.years[meta.years.length - 1].year],
				bounds: meta.bounds,
				bytes
			});
		log(
			`wrote ${out}: ${meta.count.toLocaleString('en')} events` +
				(summary.skipped
					? ` (${summary.skipped.toLocaleString('en')} rows skipped: no position or date)`
					: '') +
				`, ${entries.length.toLocaleString('en')} tiles, ${(bytes / 1048576).toFixed(1)} MB, ` +
				`${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`
		);
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}

/** Adds (or replaces) this dataset in the `index.json` beside the archive. */
async function updateManifest(entry: TileManifest['datasets'][number]) {
	const file = join(dirname(out), 'index.json');
	let manifest: TileManifest = { datasets: [] };
	try {
		manifest = readManifest(JSON.parse(await readFile(file, 'utf8')));
	} catch {
		// No manifest yet (or an unreadable one): start a new one.
	}
	manifest.datasets = [...manifest.datasets.filter((d) => d.name !== entry.name), entry].sort(
		(a, b) => a.name.localeCompare(b.name)
	);
	await writeFile(file, JSON.stringify(manifest, null, '\t') + '\n');
}

await main();
