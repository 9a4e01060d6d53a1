/**
 * Which imported datasets are drawn as tiles made in the browser, and how links name them.
 * Tiny and dependency-free: the page start, the import worker and the Datasets choice all
 * read it without loading the tiles code.
 *
 * The threshold: below it an imported dataset is one GeoJSON layer like the reports (every
 * view works on its incidents); above it that layer's cost grows with the rows (a year toggle
 * reloads the whole source: about 0.4 s at 100k rows on software GL, 4 s at 1M) while tiles
 * stay flat, so the dataset is drawn as tiles instead (see README, "Imported datasets as
 * tiles").
 */
export const TILED_IMPORT_ROWS = 20_000;

const PREFIX = 'import-';

export const isTiledImport = (rows: number) => rows > TILED_IMPORT_ROWS;

/** The tile set name of an imported dataset in links: `tiles=import-<dataset id>`. */
export const importedTileSetName = (datasetId: string) => `${PREFIX}${datasetId}`;

/** The dataset id a tile set name stands for, or null when it names a published set. */
export function importedDatasetOf(name: string): string | null {
	const id = name.startsWith(PREFIX) ? name.slice(PREFIX.length) : '';
	return /^[a-z0-9]+$/.test(id) ? id : null;
}
