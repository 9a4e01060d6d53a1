/**
 * An imported dataset written back out, a chunk of rows at a time, so the import worker can
 * export a dataset of a million rows without holding its text whole: each chunk's text
 * becomes a Blob part. As GeoJSON in the Atlas's own schema (what the dashboard's "Export
 * GeoJSON" writes and what import reads), or as the dashboard's CSV (same columns, one
 * citation group: the dataset). Pure.
 */
import { familyOf } from '$lib/data/symbology';
import {
	CSV_BOM,
	CSV_EOL,
	csvHeader,
	csvRow,
	incidentCsvRow,
	type CsvContext
} from '$lib/export/csv';
import { yearShown, type TileFilters } from '$lib/tiles/expressions';
import type { DatasetAssembler } from './datasets';
import type { ImportedIncident } from './record';

export const GEOJSON_HEAD = '{"type":"FeatureCollection","features":[\n';
export const GEOJSON_TAIL = '\n]}\n';

/** The features of one chunk of rows, each on a line, comma-separated from any before. */
export function featuresText(
	assembler: DatasetAssembler,
	records: readonly ImportedIncident[],
	first: boolean
): string {
	if (!records.length) return '';
	const lines = records.map((r) => JSON.stringify(assembler.incident(r)));
	return (first ? '' : ',\n') + lines.join(',\n');
}

/** Where the rows' links point: the page without its hash, and the view exported from. */
export type ExportLinks = Pick<CsvContext, 'pageUrl' | 'viewLink'>;

/** An imported row has one citation, the dataset itself. */
const IMPORTED_CITATIONS = 1;

/** The start of a CSV export: the BOM and the header. */
export const CSV_HEAD = `${CSV_BOM}${csvRow(csvHeader(IMPORTED_CITATIONS))}${CSV_EOL}`;

/** The CSV records of one chunk of rows, each ending in CRLF. */
export function csvRowsText(
	assembler: DatasetAssembler,
	records: readonly ImportedIncident[],
	links: ExportLinks
): string {
	const ctx: CsvContext = {
		placeById: { get: (id) => assembler.place(id) },
		sourceById: { get: (id) => (id === assembler.source.id ? assembler.source : undefined) },
		...links
	};
	let text = '';
	for (const r of records)
		text += incidentCsvRow(assembler.incident(r), ctx, IMPORTED_CITATIONS) + CSV_EOL;
	return text;
}

/** A file name for a dataset: its name in lowercase letters, digits and dashes. */
export function exportFileName(name: string, ext: 'geojson' | 'csv' = 'geojson'): string {
	const slug = name
		.normalize('NFKD')
		.toLowerCase()
		.replace(/\.(csv|geojson|json)$/, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return `${slug || 'dataset'}.${ext}`;
}

/**
 * Which stored rows a tiled dataset shows under the filters, as its map counts them: by the
 * year of the row's date (a time range takes whole years, see tiles/expressions.ts), its
 * kind and its status. So an export of "what is shown" holds what the map and panel count.
 */
export function tileFilterPredicate(filters: TileFilters): (r: ImportedIncident) => boolean {
	const years = new Set(filters.hiddenYears);
	const kinds = new Set(filters.hiddenKinds);
	const statuses = new Set(filters.hiddenStatuses);
	return (r) =>
		yearShown(Number(r.date.slice(0, 4)), years, filters.range) &&
		!kinds.has(familyOf(r.category)) &&
		!statuses.has(r.status);
}
