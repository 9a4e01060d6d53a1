/**
 * Loads the dataset the build ships (hashed, same-origin assets). A module worker fetches,
 * parses and validates every file (dataset.worker.ts) with the same checks as
 * `npm run validate:data`, so the validator never weighs on the page's own bundle, and the
 * page gets either data that passed every check or the list of problems.
 */
import incidentsUrl from '$geodata/incidents.geojson?url';
import placesUrl from '$geodata/places.geojson?url';
import regionsUrl from '$geodata/regions.geojson?url';
// Small enough to be inlined as a data: URL otherwise; kept a file so it loads like the rest.
import sourcesUrl from '$geodata/sources.json?url&no-inline';
import type { AtlasData, DatasetRequest, DatasetResponse, DatasetResult } from './dataset-protocol';

export type { AtlasData, DatasetResult };

/**
 * Checks the shipped dataset in a worker. Resolves with the data or its problems; rejects
 * only when the checker itself cannot run (its script failed to load, or it crashed).
 */
export function loadAtlasData(): Promise<DatasetResult> {
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
