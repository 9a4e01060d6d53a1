/**
 * Writes a synthetic CSV in the ACLED or GTD layout (see scripts/lib/sample.ts).
 *   npm run gen:sample -- --rows 100000 --layout acled [--out file.csv] [--seed 1]
 *                         [--years 2010-2020] [--encoding utf8|latin1]
 * GTD files default to Latin-1, like the public GTD download. Streams: memory does not
 * grow with --rows.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { sampleLines, type SampleLayout } from './lib/sample';

const { values } = parseArgs({
	options: {
		rows: { type: 'string', default: '1000' },
		layout: { type: 'string', default: 'acled' },
		out: { type: 'string' },
		seed: { type: 'string', default: '1' },
		years: { type: 'string', default: '2010-2020' },
		encoding: { type: 'string' }
	}
});
const layout = values.layout as SampleLayout;
if (layout !== 'acled' && layout !== 'gtd') {
	console.error(`--layout must be acled or gtd, not "${values.layout}"`);
	process.exit(2);
}
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 0) {
	console.error(`--rows must be a whole number, not "${values.rows}"`);
	process.exit(2);
}
const yearMatch = /^(\d{4})-(\d{4})$/.exec(values.years ?? '');
if (!yearMatch || Number(yearMatch[1]) > Number(yearMatch[2])) {
	console.error(`--years must look like 2010-2020, not "${values.years}"`);
	process.exit(2);
}
const encoding = (values.encoding ?? (layout === 'gtd' ? 'latin1' : 'utf8')) as BufferEncoding;
if (encoding !== 'utf8' && encoding !== 'latin1') {
	console.error(`--encoding must be utf8 or latin1, not "${values.encoding}"`);
	process.exit(2);
}
const out = values.out ?? `.tmp/sample-${layout}-${rows}.csv`;
const stream = createWriteStream(out, { encoding });
let written = 0;
for (const line of sampleLines({
	layout,
	rows,
	seed: Number(values.seed),
	years: [Number(yearMatch[1]), Number(yearMatch[2])]
})) {
	if (!stream.write(line + '\r\n')) await once(stream, 'drain');
	written++;
}
stream.end();
await once(stream, 'finish');
console.log(`wrote ${written - 1} ${layout} rows (${encoding}) to ${out}`);
