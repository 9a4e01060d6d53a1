/**
 * Streams a CSV file through a decoder and csv-parse, a batch of rows at a time, so a
 * 1 GB file never sits in memory whole. Runs in the import worker (csv-parse is loaded
 * only there); pure enough to be tested in node with a ReadableStream.
 */
import { parse, type CsvError } from 'csv-parse/browser/esm';

/** What the user may choose; `auto` reads a BOM, else UTF-8 if the start is valid, else Windows-1252. */
export type EncodingChoice = 'auto' | 'utf-8' | 'windows-1252' | 'utf-16le';

/** How many bytes are sniffed to tell UTF-8 from Windows-1252 (Latin-1). */
const SNIFF_BYTES = 1 << 20;

/** The encoding of a file's first bytes: a BOM wins, then valid UTF-8, else Windows-1252. */
export function detectEncoding(head: Uint8Array): Exclude<EncodingChoice, 'auto'> {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	try {
		// A multi-byte character cut by the sniff window's end is not an error (stream: true).
		new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
		return 'utf-8';
	} catch {
		return 'windows-1252';
	}
}

export type CsvBatch = { rows: { line: number; cells: string[] }[]; bytes: number };

export type CsvStreamOptions = {
	encoding: EncodingChoice;
	/** Called with each batch of parsed rows (header excluded) and the bytes read so far. */
	onBatch: (batch: CsvBatch) => Promise<void> | void;
	/** Called once with the header row. */
	onHeader: (header: string[]) => void;
	/** A row the parser could not read (e.g. an unclosed quote): line and reason. */
	onBadRecord: (line: number, reason: string) => void;
	signal?: AbortSignal;
	batchSize?: number;
};

export class ImportCancelled extends Error {
	constructor() {
		super('The import was cancelled.');
	}
}

/** Reads all of `stream`; resolves with the encoding used. Throws on a read or decode failure. */
export async function streamCsv(
	stream: ReadableStream<Uint8Array>,
	options: CsvStreamOptions
): Promise<Exclude<EncodingChoice, 'auto'>> {
	const reader = stream.getReader();
	const batchSize = options.batchSize ?? 2000;
	let encoding: Exclude<EncodingChoice, 'auto'> | null =
		options.encoding === 'auto' ? null : options.encoding;
	let decoder: TextDecoder | null = null;
	let header: string[] | null = null;
	let pending: CsvBatch['rows'] = [];
	let bytes = 0;
	let parseError: Error | null = null;
	const parser = parse({
		bom: true,
		info: true,
		relax_column_count: true,
		skip_empty_lines: true,
		// Files edited on several systems mix line endings; each ends a record.
		record_delimiter: ['\r\n', '\n', '\r'],
		skip_records_with_error: true,
		max_record_size: 1 << 22
	});
	parser.on('data', ({ record, info }: { record: string[]; info: { lines: number } }) => {
		if (!header) {
			header = record.map((h) => h.trim());
			options.onHeader(header);
		} else pending.push({ line: info.lines, cells: record });
	});
	parser.on('skip', (error: CsvError & { lines?: number }) =>
		options.onBadRecord(error.lines ?? 0, error.message)
	);
	parser.on('error', (error: Error) => (parseError = error));
	// Listened for from the start: the stream shim may end within `parser.end()` itself.
	const ended = new Promise<void>((resolve) => {
		parser.once('end', () => resolve());
		parser.once('error', () => resolve());
	});
	const flush = async () => {
		if (parseError) throw parseError;
		if (!pending.length) return;
		const rows = pending;
		pending = [];
		await options.onBatch({ rows, bytes });
	};
	let head: Uint8Array | null = new Uint8Array(0);
	const feed = async (chunk: Uint8Array, last: boolean) => {
		decoder ??= new TextDecoder(encoding!, { fatal: true });
		let text: string;
		try {
			text = decoder.decode(chunk, { stream: !last });
		} catch {
			throw new Error(
				`The file is not valid ${encoding === 'utf-8' ? 'UTF-8' : encoding} near byte ${bytes}. Choose its encoding (e.g. Latin-1 / Windows-1252) and import again.`
			);
		}
		if (text) parser.write(text);
		if (last) parser.end();
		if (pending.length >= batchSize || last) await flush();
	};
	try {
		for (;;) {
			if (options.signal?.aborted) throw new ImportCancelled();
			const { done, value } = await reader.read();
			if (value) bytes += value.byteLength;
			if (encoding === null && head) {
				// Sniff the start before deciding; then feed what was held back.
				if (value) head = concat(head, value);
				if (head.byteLength < SNIFF_BYTES && !done) continue;
				encoding = detectEncoding(head);
				const held = head;
				head = null;
				await feed(held, done);
				if (done) break;
				continue;
			}
			await feed(value ?? new Uint8Array(0), done);
			if (done) break;
		}
		// The last records can arrive after the last write: wait for the parser to finish.
		await ended;
		await flush();
	} finally {
		reader.releaseLock();
	}
	return encoding ?? 'utf-8';
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.byteLength + b.byteLength);
	out.set(a);
	out.set(b, a.byteLength);
	return out;
}

/** The names in a header line; none when the line cannot be read as CSV. */
export function parseHeader(line: string): Promise<string[]> {
	return new Promise((resolve) => {
		parse(line, { relax_quotes: true, relax_column_count: true }, (error, records?: string[][]) =>
			resolve(error || !records?.[0] ? [] : records[0].map((h) => h.trim()))
		);
	});
}
