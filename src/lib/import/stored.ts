/**
 * The IndexedDB database's name, apart from the store so the page can check for it at start
 * without loading idb or the import worker.
 */
export const DB_NAME = 'incident-atlas-imports';

/**
 * False only when this browser surely holds no imported dataset (`indexedDB.databases()` is
 * cheap and lists none by our name); true when it may (or when the browser cannot tell).
 */
export async function mayHaveStoredDatasets(): Promise<boolean> {
	if (typeof indexedDB === 'undefined') return false;
	if (typeof indexedDB.databases !== 'function') return true;
	return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}
