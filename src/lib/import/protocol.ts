/**
 * The messages between the page and the import worker (import.worker.ts). Types only: the
 * page loads no parser or validator by importing this.
 */
import type { AssembledDataset, DatasetKind, DatasetMeta } from './datasets';
import type { RowError } from './record';
import type { ColumnMapping, Layout } from './rows';
import type { EncodingChoice } from './csv-stream';
import type { TileFilters } from '$lib/tiles/expressions';

export type ImportOptions = {
	name: string;
	encoding: EncodingChoice;
	/** The layout to read the file as; custom needs a mapping. */
	kind: DatasetKind;
	mapping?: ColumnMapping;
};

/** What the first bytes of a file say, for the import dialog's choices. */
export type FilePeek = {
	kind: DatasetKind;
	encoding: Exclude<EncodingChoice, 'auto'>;
	header: string[];
	/** The mapping remembered for this header set, else one guessed from its names. */
	mapping: Partial<ColumnMapping>;
	remembered: boolean;
	layout: Layout | 'geojson';
};

export type ImportProgress = { bytes: number; total: number; rows: number; rejected: number };

/** How far an export is: rows read of the dataset's rows. */
export type ExportProgress = { rows: number; total: number };

/** An export's file: GeoJSON, or CSV with the page's links for its `link`/`view_link` columns. */
export type ExportFormat =
	{ kind: 'geojson' } | { kind: 'csv'; links: { pageUrl: string; viewLink: string } };

export type ImportOutcome =
	| {
			ok: true;
			meta: DatasetMeta;
			/** Reading, checking and storing, start to commit (the worker's clock). */
			seconds: number;
			/** Rejected rows (at most {@link MAX_REPORTED_ERRORS}), for the list and the report. */
			errors: RowError[];
			errorCount: number;
	  }
	| {
			ok: false;
			cancelled: boolean;
			message: string;
			errors: RowError[];
			errorCount: number;
	  };

export const MAX_REPORTED_ERRORS = 100_000;

export type ImportRequest =
	| { type: 'peek'; file: File; encoding: EncodingChoice }
	| { type: 'import'; file: File; options: ImportOptions }
	| { type: 'cancel' }
	| { type: 'load' }
	| { type: 'rename'; id: string; name: string }
	| { type: 'set-visible'; id: string; visible: boolean }
	| { type: 'delete'; id: string }
	/**
	 * The dataset as a Blob (GeoJSON in the Atlas's schema, or CSV), whole or only the rows a
	 * tiled dataset shows under `filters`; `cancel` stops it.
	 */
	| {
			type: 'export';
			id: string;
			filters?: TileFilters;
			/** GeoJSON (the default) or CSV, which needs the links its rows carry. */
			format?: ExportFormat;
	  };

export type ImportResponse =
	| { type: 'progress'; seq: number; progress: ImportProgress | ExportProgress }
	| { type: 'done'; seq: number; value: unknown }
	| { type: 'failed'; seq: number; message: string };

/**
 * What `load` answers: the live datasets assembled into Atlas records, up to
 * {@link MAX_SHOWN_ROWS} rows in all, and those stored but too large to show beside them.
 */
export type LoadedDatasets = { shown: AssembledDataset[]; tooLarge: DatasetMeta[] };

/**
 * Imported rows the page holds at most: beyond this, one GeoJSON layer and the panel's lists
 * stall the page (measured; see README). A larger dataset is kept, listed and exportable
 * later by a tiled layer, but not drawn.
 */
export const MAX_SHOWN_ROWS = 150_000;
export type { ImportOutcome as Outcome };
