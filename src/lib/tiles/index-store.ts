/**
 * Built tile indexes kept between sessions, in their own IndexedDB database (apart from the
 * imported rows, whose schema the import owns). An entry is the index's columns, keyed by
 * dataset and tagged with the import's time: a dataset imported again under the same id, or
 * deleted, never reads a stale index. It is only a cache: losing it costs one rebuild.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { EventColumns } from './event-index';

export const INDEX_DB_NAME = 'incident-atlas-tile-indexes';

interface IndexDb extends DBSchema {
	indexes: { key: string; value: { dataset: string; importedAt: string; columns: EventColumns } };
}

export type IndexDatabase = IDBPDatabase<IndexDb>;

export function openIndexDb(): Promise<IndexDatabase> {
	return openDB<IndexDb>(INDEX_DB_NAME, 1, {
		upgrade(db) {
			db.createObjectStore('indexes', { keyPath: 'dataset' });
		}
	});
}

export async function loadIndex(
	db: IndexDatabase,
	dataset: string,
	importedAt: string
): Promise<EventColumns | null> {
	const entry = await db.get('indexes', dataset);
	return entry && entry.importedAt === importedAt ? entry.columns : null;
}

export async function saveIndex(
	db: IndexDatabase,
	dataset: string,
	importedAt: string,
	columns: EventColumns
): Promise<void> {
	await db.put('indexes', { dataset, importedAt, columns });
}

/** Drops the indexes of datasets no longer stored. */
export async function dropIndexesExcept(db: IndexDatabase, live: readonly string[]) {
	const keep = new Set(live);
	for (const key of await db.getAllKeys('indexes'))
		if (!keep.has(key)) await db.delete('indexes', key);
}
