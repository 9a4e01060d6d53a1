/**
 * Shows a published tile set (`static/tiles/<name>.pmtiles`, listed in `tiles/index.json`)
 * in the dashboard, or the reports again. The reader loads on first use.
 */
import type { Dashboard } from '$lib/state/dashboard.svelte';
import type { UrlState } from '$lib/state/url';
import { importedDatasetOf } from './imported-name';
import { isTileSetName } from './schema';

/** Where a tile set's archive is served: beside the app, under tiles/. */
export function tileSetUrl(name: string): string {
	return new URL(`tiles/${name}.pmtiles`, document.baseURI).href;
}

/**
 * Opens tile set `name` (null: back to the reports) and applies `state`'s filters and cell
 * to it once its years are known. A missing or foreign archive leaves the reports shown and
 * says why in `dashboard.tilesError`.
 */
export async function showTileSet(
	dashboard: Dashboard,
	name: string | null,
	state?: UrlState
): Promise<void> {
	dashboard.tilesError = null;
	if (!name) {
		dashboard.showTiles(null, state);
		return;
	}
	if (!isTileSetName(name)) {
		dashboard.tilesError = `“${name}” is not a dataset name.`;
		return;
	}
	if (dashboard.tiles?.name === name) {
		if (state) dashboard.restore(state);
		return;
	}
	const dataset = importedDatasetOf(name);
	if (dataset) return showImported(dashboard, name, dataset, state);
	const url = tileSetUrl(name);
	try {
		const { openTileSet } = await import('./reader');
		const { archive, meta } = await openTileSet(url);
		dashboard.showTiles({ name, url, meta, archive }, state);
	} catch (error) {
		dashboard.tilesError = `The dataset “${name}” could not be opened: ${
			error instanceof Error ? error.message : String(error)
		}`;
	}
}

/** A large imported dataset, as tiles its worker makes in the browser (imported.ts). */
async function showImported(
	dashboard: Dashboard,
	name: string,
	dataset: string,
	state?: UrlState
): Promise<void> {
	try {
		const { openImportedTileSet } = await import('./imported');
		const { meta, archive, tileUrl, timing } = await openImportedTileSet(dataset);
		// For the benchmark (bench:scale): how the index was had, and what it took.
		performance.mark('atlas:imported-tiles-open', { detail: timing });
		dashboard.showTiles({ name, url: tileUrl, meta, archive, tileUrl }, state);
	} catch (error) {
		dashboard.tilesError = `The imported dataset could not be shown: ${
			error instanceof Error ? error.message : String(error)
		}`;
	}
}
