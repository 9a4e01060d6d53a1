import { readFileSync } from 'node:fs';
import { it, expect } from 'vitest';
import { streamCsv } from './csv-stream';
it('big', async () => {
	const bytes = new Uint8Array(readFileSync('.tmp/bench/acled-20000.csv'));
	let at = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(c) {
			if (at >= bytes.byteLength) return c.close();
			c.enqueue(bytes.slice(at, at + 65536));
			at += 65536;
		}
	});
	let n = 0;
	const t = performance.now();
	await streamCsv(stream, {
		encoding: 'auto',
		onHeader: () => {},
		onBatch: (b) => void (n += b.rows.length),
		onBadRecord: () => {}
	});
	console.log('rows', n, Math.round(performance.now() - t), 'ms');
	expect(n).toBe(20000);
}, 60000);
