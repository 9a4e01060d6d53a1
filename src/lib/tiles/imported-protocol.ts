/**
 * The messages between the page (imported.ts) and the imported-tiles worker. Types only.
 */
import type { TileFilters } from './expressions';
import type { TileEvent, TileSetMeta } from './schema';

export type ImportedTilesRequest =
	| { type: 'open'; seq: number; dataset: string }
	| { type: 'tile'; seq: number; dataset: string; z: number; x: number; y: number }
	| { type: 'close'; seq: number; dataset: string }
	/** Events whose title holds `query`, under the filters: the count and the first `limit`. */
	| {
			type: 'search';
			seq: number;
			dataset: string;
			query: string;
			filters: TileFilters;
			limit: number;
	  };

/** How opening went: where the index came from and how long each step took. */
export type OpenTiming = {
	source: 'stored index' | 'imported rows';
	readMs: number;
	buildMs: number;
};

export type ImportedTilesResponse =
	| { type: 'opened'; seq: number; meta: TileSetMeta; timing: OpenTiming }
	/** `data` is transferred, not copied; null when the tile holds nothing. */
	| { type: 'tile'; seq: number; data: ArrayBuffer | null }
	| { type: 'closed'; seq: number }
	| { type: 'found'; seq: number; total: number; events: TileEvent[] }
	| { type: 'failed'; seq: number; message: string };
