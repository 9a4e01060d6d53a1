/**
 * Checks that every excerpt in geodata/ is exactly the characters of the source it cites,
 * under the small folding documented in geodata/README.md (see src/lib/data/excerpts.ts).
 * A CI check: the source texts are not part of the repository.
 *
 *   npm run check:excerpts -- [sources-dir]     (default ../shared/sources)
 *
 * Exit 0 when every excerpt matches, 1 when some do not, 2 when the files cannot be read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectExcerpts, matchExcerpt } from '../src/lib/data/excerpts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourcesDir = resolve(process.argv[2] ?? join(ROOT, '../shared/sources'));
const FILES = ['geodata/incidents.geojson', 'geodata/regions.geojson'];

function readJson(rel: string): unknown {
	return JSON.parse(readFileSync(join(ROOT, rel), 'utf8'));
}

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

if (!existsSync(sourcesDir)) fail(`sources folder not found: ${sourcesDir}`);

let documents: Map<string, string>;
try {
	const list = readJson('geodata/sources.json') as { id: string; file: string }[];
	documents = new Map(list.map((s) => [s.id, readFileSync(join(sourcesDir, s.file), 'utf8')]));
} catch (e) {
	fail(`cannot read geodata/sources.json or a source it lists: ${(e as Error).message}`);
}

let total = 0;
const problems: string[] = [];
for (const file of FILES) {
	let data: unknown;
	try {
		data = readJson(file);
	} catch (e) {
		fail(`cannot read ${file}: ${(e as Error).message}`);
	}
	for (const ref of collectExcerpts(data)) {
		total++;
		const where = `${file}: ${ref.id}: ${ref.path}`;
		const doc = ref.source === undefined ? undefined : documents.get(ref.source);
		if (doc === undefined) {
			problems.push(`${where}: cites source "${ref.source}", which geodata/sources.json lacks`);
			continue;
		}
		const result = matchExcerpt(doc, ref.excerpt);
		if (!result.ok) {
			const which = result.of > 1 ? `fragment ${result.fragment} of ${result.of}` : 'excerpt';
			problems.push(`${where}: ${which} "${result.text}": ${result.reason}`);
		}
	}
}

for (const p of problems) console.error(p);
console.log(
	`${total - problems.length} of ${total} excerpts match their cited source exactly (${sourcesDir})`
);
process.exit(total > 0 && problems.length === 0 ? 0 : 1);
