/**
 * The page's side of the imported-tiles worker: opens a large imported dataset as a tile set
 * (the worker builds its index) and fetches its tiles one by one, for the map's protocol
 * handler and the cell panel alike. Loaded lazily, only when such a dataset is shown.
 */
import type { ImportedTilesRequest, ImportedTilesResponse, OpenTiming } from './imported-protocol';
import type { TileFilters } from './expressions';
import type { TileEvent, TileSetMeta } from './schema';
import type { TileArchive } from './source';

type Pending = { resolve: (r: ImportedTilesResponse) => void; reject: (e: Error) => void };

/** Distributive Omit, so each request keeps its own fields. */
type Body<T> = T extends unknown ? Omit<T, 'seq'> : never;

class ImportedTilesWorker {
	private readonly worker = new Worker(new URL('./imported-tiles.worker.ts', import.meta.url), {
		type: 'module'
	});
	private seq = 0;
	private readonly pending = new Map<number, Pending>();

	constructor() {
		this.worker.addEventListener('message', (event: MessageEvent<ImportedTilesResponse>) => {
			const p = this.pending.get(event.data.seq);
			if (!p) return;
			this.pending.delete(event.data.seq);
			if (event.data.type === 'failed') p.reject(new Error(event.data.message));
			else p.resolve(event.data);
		});
		this.worker.addEventListener('error', (event) => {
			event.preventDefault();
			const error = new Error(
				`The tile worker could not run${event.message ? `: ${event.message}` : ''}`
			);
			for (const p of this.pending.values()) p.reject(error);
			this.pending.clear();
		});
	}

	call(request: Body<ImportedTilesRequest>, signal?: AbortSignal): Promise<ImportedTilesResponse> {
		const seq = ++this.seq;
		return new Promise((resolve, reject) => {
			if (signal?.aborted)
				return reject(new DOMException('The tile is no longer needed', 'AbortError'));
			this.pending.set(seq, { resolve, reject });
			// The worker answers anyway; an aborted request only stops waiting for it.
			signal?.addEventListener('abort', () => {
				if (this.pending.delete(seq))
					reject(new DOMException('The tile is no longer needed', 'AbortError'));
			});
			this.worker.postMessage({ ...request, seq } as ImportedTilesRequest);
		});
	}
}

let worker: ImportedTilesWorker | null = null;

/** One imported dataset's tiles, read through the worker. */
export class ImportedTileArchive implements TileArchive {
	constructor(
		private readonly tiles: ImportedTilesWorker,
		readonly dataset: string
	) {}

	async getZxy(z: number, x: number, y: number, signal?: AbortSignal) {
		const r = await this.tiles.call({ type: 'tile', dataset: this.dataset, z, x, y }, signal);
		return r.type === 'tile' && r.data ? { data: r.data } : undefined;
	}

	/** Events whose title holds `query` under the filters: how many, and the first `limit` by date. */
	async search(
		query: string,
		filters: TileFilters,
		limit: number,
		signal?: AbortSignal
	): Promise<{ total: number; events: TileEvent[] }> {
		const r = await this.tiles.call(
			{ type: 'search', dataset: this.dataset, query, filters, limit },
			signal
		);
		if (r.type !== 'found') throw new Error('the tile worker answered out of turn');
		return { total: r.total, events: r.events };
	}
}

export type OpenedImport = {
	meta: TileSetMeta;
	archive: ImportedTileArchive;
	/** The tile URL template the map's protocol answers (see map/tiled-layer.ts). */
	tileUrl: string;
	timing: OpenTiming;
};

/** Opens imported dataset `dataset` as a tile set: resolves once its index is built. */
export async function openImportedTileSet(dataset: string): Promise<OpenedImport> {
	worker ??= new ImportedTilesWorker();
	const r = await worker.call({ type: 'open', dataset });
	if (r.type !== 'opened') throw new Error('the tile worker answered out of turn');
	return {
		meta: r.meta,
		archive: new ImportedTileArchive(worker, dataset),
		tileUrl: `atlas-import://${dataset}/{z}/{x}/{y}`,
		timing: r.timing
	};
}
