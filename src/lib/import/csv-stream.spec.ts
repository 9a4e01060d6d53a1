import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleLines } from '../../../scripts/lib/sample';
import { detectEncoding, streamCsv, type EncodingChoice } from './csv-stream';

/** A stream of `bytes` in chunks of `size`, so multi-byte characters fall across chunks. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
	let at = 0;
	return new ReadableStream({
		pull(controller) {
			if (at >= bytes.byteLength) return controller.close();
			controller.enqueue(bytes.slice(at, at + size));
			at += size;
		}
	});
}

async function readAll(bytes: Uint8Array, encoding: EncodingChoice = 'auto', size = 7) {
	let header: string[] = [];
	const rows: { line: number; cells: string[] }[] = [];
	const bad: { line: number; reason: string }[] = [];
	const used = await streamCsv(chunked(bytes, size), {
		encoding,
		onHeader: (h) => (header = h),
		onBatch: (b) => void rows.push(...b.rows),
		onBadRecord: (line, reason) => bad.push({ line, reason }),
		batchSize: 3
	});
	return { header, rows, bad, used };
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const fixture = (p: string) => new Uint8Array(readFileSync(`tests/fixtures/${p}`));

describe('streamCsv', () => {
	it('finishes when storing the last batch takes longer than the parser takes to end', async () => {
		const text = `${[...sampleLines({ layout: 'acled', rows: 6000, seed: 4 })].join('\r\n')}\r\n`;
		let rows = 0;
		const finished = streamCsv(chunked(utf8(text), 1 << 16), {
			encoding: 'auto',
			onHeader: () => undefined,
			onBadRecord: () => undefined,
			// As the import worker's batches are: written to IndexedDB before the next is read.
			onBatch: async (b) => {
				rows += b.rows.length;
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
		});
		await expect(finished).resolves.toBe('utf-8');
		expect(rows).toBe(6000);
	});

	it('keeps Cyrillic and Kazakh text whole when characters are split across chunks', async () => {
		const text = 'name,place\nАқтөбе бомбасы,Ақтөбе\n"Атырау, 2011",Атырау\n';
		for (const size of [1, 2, 3, 5]) {
			const { header, rows } = await readAll(utf8(text), 'auto', size);
			expect(header).toEqual(['name', 'place']);
			expect(rows.map((r) => r.cells)).toEqual([
				['Ақтөбе бомбасы', 'Ақтөбе'],
				['Атырау, 2011', 'Атырау']
			]);
		}
	});

	it('reads a Latin-1 GTD-layout file as Windows-1252 when no encoding is chosen', async () => {
		const lines = [...sampleLines({ layout: 'gtd', rows: 50, seed: 3 })].join('\r\n');
		const latin1 = Uint8Array.from(lines, (c) => c.charCodeAt(0));
		const { rows, used } = await readAll(latin1);
		expect(used).toBe('windows-1252');
		expect(rows).toHaveLength(50);
		const expected = lines.split('\r\n').filter((l) => l.includes(',Aqtöbe,')).length;
		expect(expected).toBeGreaterThan(0);
		expect(rows.filter((r) => r.cells.includes('Aqtöbe'))).toHaveLength(expected);
	});

	it('drops a UTF-8 BOM and gives each row its line number across quoted line breaks', async () => {
		const { header, rows } = await readAll(utf8('\uFEFFa,b\n1,"two\nlines"\n3,4\n'));
		expect(header).toEqual(['a', 'b']);
		expect(rows).toEqual([
			{ line: 3, cells: ['1', 'two\nlines'] },
			{ line: 4, cells: ['3', '4'] }
		]);
	});

	it('parses every csv-spectrum case as its expected JSON says', async () => {
		for (const name of [
			'comma_in_quotes',
			'escaped_quotes',
			'newlines',
			'quotes_and_newlines',
			'utf8',
			'newlines_crlf'
		]) {
			const { header, rows } = await readAll(fixture(`csv/csv-spectrum/csvs/${name}.csv`));
			const expected = JSON.parse(
				readFileSync(`tests/fixtures/csv/csv-spectrum/json/${name}.json`, 'utf8')
			);
			const got = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r.cells[i]])));
			expect(got, name).toEqual(expected);
		}
	});

	it('ends a record at CRLF, LF or CR alike when a file mixes them', async () => {
		const { rows } = await readAll(utf8('a,b\r\n1,2\n3,4\r5,6\r\n"7\r\n8",9\n'));
		expect(rows.map((r) => r.cells)).toEqual([
			['1', '2'],
			['3', '4'],
			['5', '6'],
			['7\r\n8', '9']
		]);
	});

	it('throws a message naming the encoding when a chosen UTF-8 file is not UTF-8', async () => {
		await expect(readAll(Uint8Array.from([0x61, 0x0a, 0xe9, 0x0a]), 'utf-8')).rejects.toThrow(
			/not valid UTF-8/
		);
	});

	it('detects encodings from the first bytes', () => {
		expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
		expect(detectEncoding(Uint8Array.from([0xff, 0xfe, 0x61, 0]))).toBe('utf-16le');
		expect(detectEncoding(utf8('Ақтөбе'))).toBe('utf-8');
		expect(detectEncoding(Uint8Array.from([0x41, 0xf6, 0x62]))).toBe('windows-1252');
	});
});
