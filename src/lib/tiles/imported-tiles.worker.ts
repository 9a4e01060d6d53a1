/**
 * The imported-tiles worker: builds an imported dataset's tile index (event-index.ts) from
 * the rows the import stored in IndexedDB, or from the index kept from an earlier session,
 * and answers the map's tile requests with encoded tiles, transferred to the page. Started
 * only when a large imported dataset is shown; never touches the DOM.
 */
import { familyOf } from '$lib/data/symbology';
import { incidentId } from '$lib/import/ids';
import { openImportDb, type ImportDatabase } from '$lib/import/store';
import { EventTileIndex } from './event-index';
import { tileEventFilter } from './expressions';
import type { ImportedTilesRequest, ImportedTilesResponse, OpenTiming } from './imported-protocol';
import { importedTileSetName } from './imported-name';
import { dropIndexesExcept, loadIndex, openIndexDb, saveIndex } from './index-store';
import { TILE_KINDS, TILE_STATUSES } from './rows';
import type { TileSetMeta } from './schema';

type Opened = { index: EventTileIndex; meta: TileSetMeta; timing: OpenTiming };

const opened = new Map<string, Promise<Opened>>();
let importDb: Promise<ImportDatabase> | null = null;

const post = (response: ImportedTilesResponse, transfer: Transferable[] = []) =>
	postMessage(response, { transfer });

addEventListener('message', async (event: MessageEvent<ImportedTilesRequest>) => {
	const request = event.data;
	const { seq } = request;
	try {
		if (request.type === 'open') {
			const { meta, timing } = await open(request.dataset);
			post({ type: 'opened', seq, meta, timing });
		} else if (request.type === 'tile') {
			const { index } = await open(request.dataset);
			const { z, x, y } = request;
			const n = Math.pow(2, z);
			const bytes = z >= 0 && x >= 0 && y >= 0 && x < n && y < n ? index.tile(z, x, y) : null;
			// A fresh buffer of exactly the tile's bytes, handed over rather than copied.
			const data = bytes ? (bytes.slice().buffer as ArrayBuffer) : null;
			post({ type: 'tile', seq, data }, data ? [data] : []);
		} else if (request.type === 'search') {
			const { index, meta } = await open(request.dataset);
			const keep = tileEventFilter(meta, request.filters);
			post({ type: 'found', seq, ...index.search(request.query, keep, request.limit) });
		} else if (request.type === 'close') {
			opened.delete(request.dataset);
			post({ type: 'closed', seq });
		}
	} catch (error) {
		// A failed build is forgotten, so the next request tries again; a failed tile or search is not.
		if (request.type === 'open') opened.delete(request.dataset);
		post({ type: 'failed', seq, message: error instanceof Error ? error.message : String(error) });
	}
});

function open(dataset: string): Promise<Opened> {
	let entry = opened.get(dataset);
	if (!entry) {
		entry = build(dataset);
		opened.set(dataset, entry);
		entry.catch(() => opened.delete(dataset));
	}
	return entry;
}

async function build(dataset: string): Promise<Opened> {
	const started = performance.now();
	const db = await (importDb ??= openImportDb());
	const stored = await db.get('datasets', dataset);
	if (!stored) throw new Error('this browser holds no imported dataset by that name');
	const prefix = incidentId(dataset, 0).slice(0, -1);
	const indexes = await openIndexDb().catch(() => null);
	const columns = indexes ? await loadIndex(indexes, dataset, stored.importedAt) : null;
	let index: EventTileIndex;
	let readMs: number;
	let source: OpenTiming['source'];
	if (columns) {
		readMs = performance.now() - started;
		index = EventTileIndex.fromColumns(prefix, columns);
		source = 'stored index';
	} else {
		index = new EventTileIndex(prefix, stored.rows);
		const range = IDBKeyRange.bound([dataset, -Infinity], [dataset, Infinity]);
		let cursor = await db.transaction('chunks').store.openCursor(range);
		while (cursor) {
			for (const r of cursor.value.records) {
				index.add({
					row: r.row,
					lon: r.lon,
					lat: r.lat,
					date: r.date,
					year: Number(r.date.slice(0, 4)),
					title: r.title,
					kind: TILE_KINDS.indexOf(familyOf(r.category)),
					status: TILE_STATUSES.indexOf(r.status)
				});
			}
			cursor = await cursor.continue();
		}
		readMs = performance.now() - started;
		source = 'imported rows';
	}
	const builtAt = performance.now();
	index.finish();
	const timing: OpenTiming = { source, readMs, buildMs: performance.now() - builtAt };
	if (indexes && !columns) {
		// Kept for the next session; a failure (quota) only costs a rebuild then.
		const live = (await db.getAllKeys('datasets')) as string[];
		await dropIndexesExcept(indexes, live).catch(() => undefined);
		await saveIndex(indexes, dataset, stored.importedAt, index.columns()).catch(() => undefined);
	}
	const meta = index.meta({
		name: importedTileSetName(dataset),
		title: stored.name,
		kinds: TILE_KINDS,
		statuses: TILE_STATUSES
	});
	return { index, meta, timing };
}
