/**
 * The import worker: reads a file (streamed, never whole for CSV), maps and checks each
 * row, stages accepted rows in IndexedDB and commits the dataset in one strict transaction.
 * It also loads the stored datasets for the page. The page never parses files; this worker
 * never touches the DOM. Messages carry a sequence number; replies name it.
 */
import { ImportCancelled, detectEncoding, parseHeader, streamCsv } from './csv-stream';
import {
	DATASET_COLOURS,
	DatasetAssembler,
	assembleDataset,
	dateSpan,
	newDatasetId,
	type DatasetKind,
	type DatasetMeta
} from './datasets';
import {
	CSV_HEAD,
	GEOJSON_HEAD,
	GEOJSON_TAIL,
	csvRowsText,
	featuresText,
	tileFilterPredicate
} from './export';
import type { TileFilters } from '$lib/tiles/expressions';
import { readGeoJson } from './geojson';
import { isTiledImport } from '$lib/tiles/imported-name';
import {
	MAX_REPORTED_ERRORS,
	MAX_SHOWN_ROWS,
	type ExportFormat,
	type LoadedDatasets,
	type FilePeek,
	type ImportOptions,
	type ImportOutcome,
	type ImportRequest,
	type ImportResponse
} from './protocol';
import type { ImportedIncident, RowError } from './record';
import {
	detectLayout,
	guessMapping,
	headerKey,
	mapAcledRow,
	mapCustomRow,
	mapGtdRow,
	REQUIRED_FIELDS,
	type ColumnMapping,
	type Row,
	type RowResult
} from './rows';
import {
	beginStaging,
	commitDataset,
	deleteDataset,
	discardAbandoned,
	discardStaging,
	getDataset,
	listDatasets,
	loadMapping,
	openImportDb,
	readRecords,
	recordChunks,
	saveMapping,
	stageChunk,
	updateDataset,
	type ImportDatabase
} from './store';

const CHUNK_ROWS = 5000;
/** Largest GeoJSON file read (GeoJSON is parsed whole, unlike CSV). */
const MAX_GEOJSON_BYTES = 256 * 1024 * 1024;
const PROGRESS_EVERY_MS = 150;

let dbPromise: Promise<ImportDatabase> | null = null;
const db = () =>
	(dbPromise ??= openImportDb().then(async (d) => {
		await discardAbandoned(d);
		return d;
	}));

let running: AbortController | null = null;

const post = (response: ImportResponse) => postMessage(response);

addEventListener('message', async (event: MessageEvent<ImportRequest & { seq: number }>) => {
	const { seq, ...request } = event.data;
	if (request.type === 'cancel') return void running?.abort();
	try {
		post({ type: 'done', seq, value: await handle(request as ImportRequest, seq) });
	} catch (error) {
		post({ type: 'failed', seq, message: error instanceof Error ? error.message : String(error) });
	}
});

async function handle(request: ImportRequest, seq: number): Promise<unknown> {
	switch (request.type) {
		case 'peek':
			return peek(request.file, request.encoding);
		case 'import':
			return importFile(request.file, request.options, seq);
		case 'load':
			return load();
		case 'rename':
			return updateDataset(await db(), request.id, { name: request.name.trim() || 'Untitled' });
		case 'set-visible':
			return updateDataset(await db(), request.id, { visible: request.visible });
		case 'delete':
			return deleteDataset(await db(), request.id);
		case 'export':
			return exportDataset(request.id, seq, request.filters, request.format);
		default:
			throw new Error('unknown request');
	}
}

/**
 * A stored dataset as GeoJSON in the Atlas's schema, or as CSV, read and written a chunk at a
 * time: each chunk's text becomes a Blob part at once (the browser may keep large Blobs on
 * disk), so the worker never holds the whole text. Nothing leaves the page: the page
 * downloads the Blob.
 */
async function exportDataset(
	id: string,
	seq: number,
	filters?: TileFilters,
	format: ExportFormat = { kind: 'geojson' }
): Promise<Blob> {
	running?.abort();
	const controller = new AbortController();
	running = controller;
	try {
		const d = await db();
		const meta = await getDataset(d, id);
		if (!meta) throw new Error('This dataset is no longer stored in this browser.');
		const assembler = new DatasetAssembler(meta);
		const passes = filters ? tileFilterPredicate(filters) : null;
		const csv = format.kind === 'csv' ? format.links : null;
		const parts: Blob[] = [new Blob([csv ? CSV_HEAD : GEOJSON_HEAD])];
		let rows = 0;
		let written = 0;
		let lastProgress = 0;
		for await (const chunk of recordChunks(d, id)) {
			if (controller.signal.aborted) throw new Error('The export was cancelled.');
			const records = passes ? chunk.filter(passes) : chunk;
			const text = csv
				? csvRowsText(assembler, records, csv)
				: featuresText(assembler, records, written === 0);
			if (text) parts.push(new Blob([text]));
			rows += chunk.length;
			written += records.length;
			const now = performance.now();
			if (now - lastProgress >= PROGRESS_EVERY_MS) {
				lastProgress = now;
				post({ type: 'progress', seq, progress: { rows, total: meta.rows } });
			}
		}
		if (csv) return new Blob(parts, { type: 'text/csv;charset=utf-8' });
		parts.push(new Blob([GEOJSON_TAIL]));
		return new Blob(parts, { type: 'application/geo+json' });
	} finally {
		if (running === controller) running = null;
	}
}

async function load(): Promise<LoadedDatasets> {
	const d = await db();
	const loaded: LoadedDatasets = { shown: [], tooLarge: [] };
	let room = MAX_SHOWN_ROWS;
	for (const meta of await listDatasets(d)) {
		// A large dataset is drawn as tiles its own worker makes (tiles/imported.ts): its rows
		// stay in IndexedDB instead of joining the page's union, and take none of its room.
		if (isTiledImport(meta.rows)) {
			loaded.shown.push(assembleDataset(meta, []));
			continue;
		}
		if (meta.rows > room) {
			loaded.tooLarge.push(meta);
			continue;
		}
		room -= meta.rows;
		loaded.shown.push(assembleDataset(meta, await readRecords(d, meta.id)));
	}
	return loaded;
}

const isGeoJsonName = (name: string) => /\.(geo)?json$/i.test(name);

async function peek(file: File, encoding: ImportOptions['encoding']): Promise<FilePeek> {
	const head = new Uint8Array(await file.slice(0, 1 << 16).arrayBuffer());
	const used = encoding === 'auto' ? detectEncoding(head) : encoding;
	const text = new TextDecoder(used).decode(head);
	if (isGeoJsonName(file.name) || /^\s*[{[]/.test(text.replace(/^\uFEFF/, '')))
		return {
			kind: 'geojson',
			layout: 'geojson',
			encoding: used,
			header: [],
			mapping: {},
			remembered: false
		};
	// The header is the first record; a quoted newline in a header name is rare enough to ignore.
	const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
	const header = await parseHeader(firstLine);
	const layout = detectLayout(header);
	const saved = layout === 'custom' ? await loadMapping(await db(), headerKey(header)) : undefined;
	return {
		kind: layout,
		layout,
		encoding: used,
		header,
		mapping: saved ?? guessMapping(header),
		remembered: Boolean(saved)
	};
}

/** Collects accepted rows into chunks and writes them to the staging area as they fill. */
class Stager {
	private buffer: ImportedIncident[] = [];
	private chunk = 0;
	accepted = 0;
	readonly errors: RowError[] = [];
	errorCount = 0;
	private lo: string | null = null;
	private hi: string | null = null;
	constructor(
		private readonly d: ImportDatabase,
		private readonly id: string
	) {}
	async add(result: RowResult): Promise<void> {
		if (result.ok) {
			this.buffer.push(result.record);
			this.accepted++;
			if (this.buffer.length >= CHUNK_ROWS) await this.flush();
		} else for (const e of result.errors) this.reject(e);
	}
	reject(error: RowError): void {
		this.errorCount++;
		if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(error);
	}
	async flush(): Promise<void> {
		if (!this.buffer.length) return;
		const span = dateSpan(this.buffer)!;
		if (this.lo === null || span[0] < this.lo) this.lo = span[0];
		if (this.hi === null || span[1] > this.hi) this.hi = span[1];
		const records = this.buffer;
		this.buffer = [];
		await stageChunk(this.d, this.id, this.chunk++, records);
	}
	get span(): [string, string] | null {
		return this.lo && this.hi ? [this.lo, this.hi] : null;
	}
}

async function importFile(file: File, options: ImportOptions, seq: number): Promise<ImportOutcome> {
	running?.abort();
	const controller = new AbortController();
	running = controller;
	const started = performance.now();
	const d = await db();
	const id = newDatasetId();
	await beginStaging(d, id);
	const stager = new Stager(d, id);
	let lastProgress = 0;
	const progress = (bytes: number, force = false) => {
		const now = performance.now();
		if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
		lastProgress = now;
		post({
			type: 'progress',
			seq,
			progress: { bytes, total: file.size, rows: stager.accepted, rejected: stager.errorCount }
		});
	};
	const fail = async (message: string, cancelled = false): Promise<ImportOutcome> => {
		await discardStaging(d, id);
		return { ok: false, cancelled, message, errors: stager.errors, errorCount: stager.errorCount };
	};
	try {
		if (options.kind === 'geojson') await readGeoJsonFile(file, stager, controller.signal);
		else await readCsvFile(file, options, stager, controller.signal, progress);
		if (controller.signal.aborted) throw new ImportCancelled();
		await stager.flush();
		progress(file.size, true);
		if (stager.accepted === 0) {
			const first = stager.errors[0];
			return fail(
				first
					? `Nothing usable was found: every row was rejected (first: line ${first.line}, ${first.column}: ${first.reason}).`
					: 'Nothing usable was found: the file has no rows.'
			);
		}
		const existing = await listDatasets(d);
		const meta: DatasetMeta = {
			id,
			name: options.name.trim() || file.name,
			kind: options.kind,
			fileName: file.name,
			rows: stager.accepted,
			rejected: stager.errorCount,
			span: stager.span,
			importedAt: new Date().toISOString(),
			visible: true,
			colour: DATASET_COLOURS[existing.length % DATASET_COLOURS.length]
		};
		if (controller.signal.aborted) throw new ImportCancelled();
		await commitDataset(d, meta);
		const seconds = (performance.now() - started) / 1000;
		return { ok: true, meta, seconds, errors: stager.errors, errorCount: stager.errorCount };
	} catch (error) {
		if (error instanceof ImportCancelled || controller.signal.aborted)
			return fail('The import was cancelled. Nothing was stored.', true);
		return fail(error instanceof Error ? error.message : String(error));
	} finally {
		if (running === controller) running = null;
	}
}

async function readGeoJsonFile(file: File, stager: Stager, signal: AbortSignal): Promise<void> {
	if (file.size > MAX_GEOJSON_BYTES)
		throw new Error(
			`This GeoJSON file is ${Math.round(file.size / 1e6)} MB; GeoJSON is read whole, up to ${MAX_GEOJSON_BYTES / 1e6} MB. Export it as CSV to import it streamed.`
		);
	const read = readGeoJson(await file.text());
	if (!read.ok) throw new Error(read.message);
	for (const e of read.errors) stager.reject(e);
	for (const record of read.records) {
		if (signal.aborted) throw new ImportCancelled();
		await stager.add({ ok: true, record });
	}
}

function rowMapper(kind: DatasetKind, mapping: ColumnMapping | undefined) {
	if (kind === 'acled') return mapAcledRow;
	if (kind === 'gtd') return mapGtdRow;
	if (!mapping || REQUIRED_FIELDS.some((f) => !mapping[f]))
		throw new Error('Choose the columns for latitude, longitude, date and title first.');
	return (row: Row, line: number) => mapCustomRow(row, line, mapping);
}

async function readCsvFile(
	file: File,
	options: ImportOptions,
	stager: Stager,
	signal: AbortSignal,
	progress: (bytes: number) => void
): Promise<void> {
	const map = rowMapper(options.kind, options.mapping);
	let header: string[] = [];
	await streamCsv(file.stream(), {
		encoding: options.encoding,
		signal,
		onHeader: (h) => {
			header = h;
			const missing =
				options.kind === 'custom'
					? REQUIRED_FIELDS.map((f) => options.mapping![f]).filter((c) => !h.includes(c))
					: [];
			if (missing.length)
				throw new Error(`The file has no column named ${missing.map((c) => `“${c}”`).join(', ')}.`);
		},
		onBadRecord: (line, reason) => stager.reject({ line, column: '(row)', reason }),
		onBatch: async ({ rows, bytes }) => {
			for (const { line, cells } of rows) {
				if (cells.length !== header.length) {
					stager.reject({
						line,
						column: '(row)',
						reason: `has ${cells.length} fields; the header has ${header.length}`
					});
					continue;
				}
				const row: Row = {};
				for (let i = 0; i < header.length; i++) row[header[i]] = cells[i];
				await stager.add(map(row, line));
			}
			progress(bytes);
		}
	});
	if (options.kind === 'custom' && options.mapping)
		await saveMapping(await db(), headerKey(header), options.mapping);
}
