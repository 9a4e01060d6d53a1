/**
 * Where imported datasets live: IndexedDB, through `idb`. Rows are written in chunks while
 * the import runs, under a staging entry; the dataset becomes live only when one
 * strict-durability transaction removes the staging entry and writes its description. Until
 * then nothing reads those chunks, so a reload, a closed tab or a crash mid-import leaves
 * the stored datasets as they were (the next start deletes the abandoned chunks).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DatasetMeta } from './datasets';
import type { ImportedIncident } from './record';
import type { ColumnMapping } from './rows';

export { DB_NAME } from './stored';
import { DB_NAME } from './stored';

interface ImportDb extends DBSchema {
	/** Live datasets only: a dataset is here once its import committed. */
	datasets: { key: string; value: DatasetMeta };
	/** Imports under way (or abandoned by a crash): their chunks are not live. */
	staging: { key: string; value: { id: string; startedAt: string } };
	chunks: {
		key: [string, number];
		value: { dataset: string; chunk: number; records: ImportedIncident[] };
	};
	/** The column mapping last used for a header set (key: the header names, in order). */
	mappings: { key: string; value: { header: string; mapping: ColumnMapping } };
}

export type ImportDatabase = IDBPDatabase<ImportDb>;

export function openImportDb(): Promise<ImportDatabase> {
	return openDB<ImportDb>(DB_NAME, 1, {
		upgrade(db) {
			db.createObjectStore('datasets', { keyPath: 'id' });
			db.createObjectStore('staging', { keyPath: 'id' });
			db.createObjectStore('chunks', { keyPath: ['dataset', 'chunk'] });
			db.createObjectStore('mappings', { keyPath: 'header' });
		}
	});
}

const chunkRange = (dataset: string) =>
	IDBKeyRange.bound([dataset, -Infinity], [dataset, Infinity]);

export async function beginStaging(db: ImportDatabase, id: string): Promise<void> {
	await db.put('staging', { id, startedAt: new Date().toISOString() });
}

export async function stageChunk(
	db: ImportDatabase,
	dataset: string,
	chunk: number,
	records: ImportedIncident[]
): Promise<void> {
	await db.put('chunks', { dataset, chunk, records });
}

/** Makes a staged dataset live: one strict transaction, all or nothing. */
export async function commitDataset(db: ImportDatabase, meta: DatasetMeta): Promise<void> {
	const tx = db.transaction(['staging', 'datasets'], 'readwrite', { durability: 'strict' });
	await Promise.all([
		tx.objectStore('staging').delete(meta.id),
		tx.objectStore('datasets').put(meta),
		tx.done
	]);
}

/** Drops a staged (cancelled, failed or abandoned) import's chunks. */
export async function discardStaging(db: ImportDatabase, id: string): Promise<void> {
	const tx = db.transaction(['staging', 'chunks'], 'readwrite');
	await Promise.all([
		tx.objectStore('chunks').delete(chunkRange(id)),
		tx.objectStore('staging').delete(id),
		tx.done
	]);
}

/** Deletes what a crash or a closed tab left half-imported. */
export async function discardAbandoned(db: ImportDatabase): Promise<void> {
	for (const id of await db.getAllKeys('staging')) await discardStaging(db, id);
}

export async function listDatasets(db: ImportDatabase): Promise<DatasetMeta[]> {
	const all = await db.getAll('datasets');
	return all.sort((a, b) => a.importedAt.localeCompare(b.importedAt));
}

export async function readRecords(db: ImportDatabase, id: string): Promise<ImportedIncident[]> {
	const chunks = await db.getAll('chunks', chunkRange(id));
	return chunks.flatMap((c) => c.records);
}

/** A live dataset's rows a chunk at a time, in the order they were imported. */
export async function* recordChunks(
	db: ImportDatabase,
	id: string
): AsyncGenerator<ImportedIncident[]> {
	// One read per chunk, each in its own transaction: the reader may take its time between.
	for (const key of await db.getAllKeys('chunks', chunkRange(id))) {
		const chunk = await db.get('chunks', key);
		if (chunk) yield chunk.records;
	}
}

export async function getDataset(db: ImportDatabase, id: string): Promise<DatasetMeta | undefined> {
	return db.get('datasets', id);
}

export async function deleteDataset(db: ImportDatabase, id: string): Promise<void> {
	const tx = db.transaction(['datasets', 'chunks'], 'readwrite', { durability: 'strict' });
	await Promise.all([
		tx.objectStore('datasets').delete(id),
		tx.objectStore('chunks').delete(chunkRange(id)),
		tx.done
	]);
}

export async function updateDataset(
	db: ImportDatabase,
	id: string,
	patch: Partial<Pick<DatasetMeta, 'name' | 'visible'>>
): Promise<DatasetMeta | undefined> {
	const tx = db.transaction('datasets', 'readwrite', { durability: 'strict' });
	const meta = await tx.store.get(id);
	if (meta) await tx.store.put({ ...meta, ...patch });
	await tx.done;
	return meta && { ...meta, ...patch };
}

export async function saveMapping(db: ImportDatabase, header: string, mapping: ColumnMapping) {
	await db.put('mappings', { header, mapping });
}

export async function loadMapping(db: ImportDatabase, header: string) {
	return (await db.get('mappings', header))?.mapping;
}
