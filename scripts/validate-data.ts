/**
 * Validates the dataset in geodata/: schemas, references between files and meaning checks
 * (src/lib/data/checks.ts), with the same validateDataset the browser runs at load.
 * Run: npm run validate:data. Exit 1 with one line per problem, 0 with a one-line summary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	DATA_FILES,
	formatIssue,
	parseJsonFile,
	validateDataset,
	type DataFileKey,
	type DatasetInput,
	type ValidationIssue
} from '../src/lib/data/validate';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const input: DatasetInput = {};
const issues: ValidationIssue[] = [];
const counts: string[] = [];
for (const [key, file] of Object.entries(DATA_FILES) as [DataFileKey, string][]) {
	const path = join(ROOT, file);
	if (!existsSync(path)) {
		issues.push({ file, id: '(file)', path: '', message: 'file not found' });
		continue;
	}
	const parsed = parseJsonFile(file, readFileSync(path, 'utf8'));
	if (!parsed.ok) {
		issues.push(parsed.issue);
		continue;
	}
	input[key] = parsed.value;
	const v = parsed.value as { features?: unknown };
	const n = Array.isArray(v) ? v.length : Array.isArray(v?.features) ? v.features.length : 0;
	counts.push(`${n} ${key}`);
}
issues.push(...validateDataset(input));

if (issues.length > 0) {
	for (const issue of issues) console.error(formatIssue(issue));
	console.error(`${issues.length} problem${issues.length === 1 ? '' : 's'} in geodata/`);
	process.exit(1);
}
console.log(`geodata/ is valid: ${counts.join(', ')}`);
