/**
 * The page's side of the import worker: one worker for the page's life, created on first
 * use, and typed calls that resolve with the worker's reply. Loaded lazily (with the import
 * dialog, or at start only when a dataset is stored), so it costs the first load nothing.
 */
import { mayHaveStoredDatasets } from './stored';
import type { DatasetMeta } from './datasets';
import type { TileFilters } from '$lib/tiles/expressions';
import type {
	ExportFormat,
	ExportProgress,
	FilePeek,
	ImportOptions,
	ImportOutcome,
	ImportProgress,
	ImportRequest,
	ImportResponse,
	LoadedDatasets
} from './protocol';

type Pending = {
	resolve: (value: unknown) => void;
	reject: (error: Error) => void;
	onProgress?: (p: never) => void;
};

export class ImportClient {
	private readonly worker: Worker;
	private seq = 0;
	private readonly pending = new Map<number, Pending>();

	constructor() {
		this.worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
		this.worker.addEventListener('message', (event: MessageEvent<ImportResponse>) => {
			const r = event.data;
			const p = this.pending.get(r.seq);
			if (!p) return;
			if (r.type === 'progress') return p.onProgress?.(r.progress as never);
			this.pending.delete(r.seq);
			if (r.type === 'done') p.resolve(r.value);
			else p.reject(new Error(r.message));
		});
		this.worker.addEventListener('error', (event) => {
			event.preventDefault();
			const error = new Error(
				`The importer could not run${event.message ? `: ${event.message}` : ''}`
			);
			for (const p of this.pending.values()) p.reject(error);
			this.pending.clear();
		});
	}

	private call<T>(request: ImportRequest, onProgress?: Pending['onProgress']): Promise<T> {
		const seq = ++this.seq;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject, onProgress });
			this.worker.postMessage({ ...request, seq });
		});
	}

	peek(file: File, encoding: ImportOptions['encoding'] = 'auto'): Promise<FilePeek> {
		return this.call({ type: 'peek', file, encoding });
	}

	import(file: File, options: ImportOptions, onProgress: (p: ImportProgress) => void) {
		return this.call<ImportOutcome>({ type: 'import', file, options }, onProgress);
	}

	/**
	 * The dataset as a GeoJSON file, written in the worker chunk by chunk: whole, or with
	 * `filters` only the rows a tiled dataset shows under them. `cancel` stops it.
	 */
	export(
		id: string,
		onProgress: (p: ExportProgress) => void,
		filters?: TileFilters,
		format?: ExportFormat
	): Promise<Blob> {
		return this.call<Blob>({ type: 'export', id, filters, format }, onProgress);
	}

	cancel(): void {
		this.worker.postMessage({ type: 'cancel', seq: 0 });
	}

	load(): Promise<LoadedDatasets> {
		return this.call({ type: 'load' });
	}

	rename(id: string, name: string): Promise<DatasetMeta | undefined> {
		return this.call({ type: 'rename', id, name });
	}

	setVisible(id: string, visible: boolean): Promise<DatasetMeta | undefined> {
		return this.call({ type: 'set-visible', id, visible });
	}

	delete(id: string): Promise<void> {
		return this.call({ type: 'delete', id });
	}
}

let client: ImportClient | null = null;

export function importClient(): ImportClient {
	return (client ??= new ImportClient());
}

/**
 * The stored datasets, or none without starting the worker when this browser has never
 * stored one (`indexedDB.databases()` is cheap; older browsers without it always check).
 */
export async function loadStoredDatasets(): Promise<LoadedDatasets> {
	return (await mayHaveStoredDatasets()) ? importClient().load() : { shown: [], tooLarge: [] };
}

/**
 * Asks the browser to keep the data (not evict it under pressure) and says whether there is
 * room for a file of `bytes`: stored rows take roughly the file's size again.
 */
export async function checkStorage(bytes: number): Promise<{ ok: boolean; message?: string }> {
	const storage = navigator.storage;
	if (!storage?.estimate) return { ok: true };
	await storage.persist?.().catch(() => false);
	const { quota, usage } = await storage.estimate();
	if (quota === undefined || usage === undefined) return { ok: true };
	const free = quota - usage;
	const need = bytes * 1.5;
	if (free >= need) return { ok: true };
	const mb = (n: number) => `${Math.round(n / 1e6)} MB`;
	return {
		ok: false,
		message: `Not enough storage: this import needs about ${mb(need)} and the browser allows ${mb(free)} more. Delete a dataset or free disk space.`
	};
}
