import { describe, expect, it } from 'vitest';
import { isTileSetName } from './schema';
import {
	TILED_IMPORT_ROWS,
	importedDatasetOf,
	importedTileSetName,
	isTiledImport
} from './imported-name';

describe('imported tile set names', () => {
	it('round-trip a dataset id through a link-safe tile set name', () => {
		const name = importedTileSetName('gw6212fd');
		expect(name).toBe('import-gw6212fd');
		expect(isTileSetName(name)).toBe(true);
		expect(importedDatasetOf(name)).toBe('gw6212fd');
	});

	it('leave published tile set names alone', () => {
		expect(importedDatasetOf('bench-1m')).toBeNull();
		expect(importedDatasetOf('import-')).toBeNull();
		expect(importedDatasetOf('import-a-b')).toBeNull();
	});

	it('draw a dataset as tiles only above the threshold', () => {
		expect(isTiledImport(TILED_IMPORT_ROWS)).toBe(false);
		expect(isTiledImport(TILED_IMPORT_ROWS + 1)).toBe(true);
	});
});
