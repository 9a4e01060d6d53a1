/**
 * Checks the shipped dataset when the site is built, so a first load needs no validator.
 *
 * `vite build` runs `readDataset` (the dataset worker's own code: every schema, reference and
 * meaning check, then the map's overlay) on `geodata/`, fails with one line per problem if
 * any, and ships the result as one JSON asset. The page imports `virtual:checked-data`: the
 * asset's URL and the SHA-256 of its bytes. It uses the asset only when the bytes it receives
 * hash to that digest; otherwise (a host serving other files than the build checked, no
 * `crypto.subtle` on plain http) it checks the raw files in the worker as before
 * (src/lib/data/load.ts). `vite dev` always takes the worker path, so an edited file's
 * problems show in the page.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import type { DatasetResult, FileSource } from '../../src/lib/data/dataset-protocol.ts';
import { DATA_FILES, formatIssue, type DataFileKey } from '../../src/lib/data/issues.ts';

const VIRTUAL_ID = 'virtual:checked-data';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

/** What the build ships: the checked data as JSON text, and the SHA-256 (hex) of its bytes. */
export type CheckedData = { json: string; sha256: string };

type ReadDataset = (files: Record<DataFileKey, FileSource>) => Promise<DatasetResult>;

/** Runs the dataset checks on the files' texts; throws with every problem, one per line. */
export async function checkDataset(root: string, readDataset: ReadDataset): Promise<CheckedData> {
	const files = Object.fromEntries(
		Object.entries(DATA_FILES).map(([key, file]) => [
			key,
			{ text: readFileSync(join(root, file), 'utf8') }
		])
	) as Record<DataFileKey, FileSource>;
	const result = await readDataset(files);
	if (!result.ok) {
		const lines = result.issues.map(formatIssue);
		throw new Error(`${lines.length} problem(s) in geodata/:\n${lines.join('\n')}`);
	}
	const json = JSON.stringify(result.data);
	return { json, sha256: createHash('sha256').update(json, 'utf8').digest('hex') };
}

export function checkedData(): Plugin {
	let root = process.cwd();
	let serve = true;
	let checked: Promise<CheckedData> | undefined;

	async function runCheck(): Promise<CheckedData> {
		// The checker imports $lib modules and turf: load it with Vite's module runner, with
		// nothing of this project's config (no SvelteKit plugin) but the $lib alias.
		const { module } = await runnerImport<{ readDataset: ReadDataset }>(
			resolve(root, 'src/lib/data/read-dataset.ts'),
			{
				configFile: false,
				root,
				logLevel: 'silent',
				resolve: { alias: { $lib: resolve(root, 'src/lib') } }
			}
		);
		return checkDataset(root, module.readDataset);
	}

	return {
		name: 'incident-atlas:checked-data',
		configResolved(config) {
			root = config.root;
			serve = config.command === 'serve';
		},
		resolveId(id) {
			return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
		},
		async load(id) {
			if (id !== RESOLVED_ID) return undefined;
			if (serve) return 'export const checked = null;';
			checked ??= runCheck();
			let data: CheckedData;
			try {
				data = await checked;
			} catch (error) {
				this.error(error instanceof Error ? error.message : String(error));
			}
			for (const file of Object.values(DATA_FILES)) this.addWatchFile(join(root, file));
			// Written where Vite can import it as a file, so it is emitted as a hashed asset.
			const dir = join(root, '.svelte-kit', 'checked-data');
			mkdirSync(dir, { recursive: true });
			const path = join(dir, 'atlas-data.json');
			writeFileSync(path, data.json);
			return [
				`import url from ${JSON.stringify(path + '?url&no-inline')};`,
				`export const checked = { url, sha256: ${JSON.stringify(data.sha256)} };`
			].join('\n');
		}
	};
}
