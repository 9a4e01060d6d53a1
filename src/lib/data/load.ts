/**
 * Loads the dataset the build ships (hashed, same-origin assets), and only data that passed
 * every check of `npm run validate:data`.
 *
 * `vite build` runs those checks and ships their result as one file with its SHA-256
 * (scripts/lib/checked-data-plugin.ts): when the bytes received hash to it, the page uses
 * them as they are, with no validator loaded. Otherwise (dev, a host serving files other than
 * the build checked, no `crypto.subtle` on plain http) a module worker fetches, parses and
 * checks the raw files (dataset.worker.ts), and the page gets the data or every problem.
 */
import { checked } from 'virtual:checked-data';
import incidentsUrl from '$geodata/incidents.geojson?url';
import placesUrl from '$geodata/places.geojson?url';
import regionsUrl from '$geodata/regions.geojson?url';
// Small enough to be inlined as a data: URL otherwise; kept a file so it loads like the rest.
import sourcesUrl from '$geodata/sources.json?url&no-inline';
import type { AtlasData, DatasetRequest, DatasetResponse, DatasetResult } from './dataset-protocol';

export type { AtlasData, DatasetResult };

/** The data the build checked, or null when there is none or its bytes are not what was checked. */
export async function readCheckedData(
	build: { url: string; sha256: string } | null = checked
): Promise<AtlasData | null> {
	if (!build || !globalThis.crypto?.subtle) return null;
	try {
		const response = await fetch(new URL(build.url, document.baseURI));
		if (!response.ok) return null;
		const bytes = await response.arrayBuffer();
		const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
		const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
		return hex === build.sha256 ? (JSON.parse(new TextDecoder().decode(bytes)) as AtlasData) : null;
	} catch {
		// Unreachable or unreadable: the worker reads the raw files and says what is wrong.
		return null;
	}
}

/** The built-in dataset: as the build checked it when it arrives intact, else checked here. */
export async function loadAtlasData(): Promise<DatasetResult> {
	const data = await readCheckedData();
	return data ? { ok: true, data } : checkInWorker();
}

/**
 * Checks the shipped dataset in a worker. Resolves with the data or its problems; rejects
 * only when the checker itself cannot run (its script failed to load, or it crashed).
 */
function checkInWorker(): Promise<DatasetResult> {
	const worker = new Worker(new URL('./dataset.worker.ts', import.meta.url), { type: 'module' });
	// The worker resolves URLs against its own script, so hand it absolute ones.
	const url = (path: string) => ({ url: new URL(path, document.baseURI).href });
	const request: DatasetRequest = {
		type: 'check-dataset',
		files: {
			incidents: url(incidentsUrl),
			places: url(placesUrl),
			regions: url(regionsUrl),
			sources: url(sourcesUrl)
		}
	};
	return new Promise<DatasetResult>((resolve, reject) => {
		worker.addEventListener('message', (event: MessageEvent<DatasetResponse>) => {
			const response = event.data;
			if (response.type === 'dataset-checked') resolve(response.result);
			else reject(new Error(`The data checker failed: ${response.message}`));
		});
		worker.addEventListener('error', (event) => {
			// Reported here, as the page's own error, rather than again as an uncaught one.
			event.preventDefault();
			const detail = event.message ? `: ${event.message}` : ' (its script did not load)';
			reject(new Error(`The data checker could not run${detail}`));
		});
		worker.addEventListener('messageerror', () =>
			reject(new Error('The data checker sent a reply that could not be read'))
		);
		worker.postMessage(request);
	}).finally(() => worker.terminate());
}
