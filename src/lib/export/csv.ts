/**
 * The incidents a reader sees, as a CSV file a spreadsheet opens safely: UTF-8 with a BOM
 * (so Excel reads Cyrillic), RFC 4180 quoting and CRLF line ends, and every text cell that a
 * spreadsheet could run as a formula neutralised (OWASP "CSV Injection").
 *
 * One row per incident. Citations are flattened into numbered column groups
 * `citation_N_source_title`, `citation_N_outlet`, `citation_N_date`, `citation_N_cited_as`,
 * `citation_N_excerpt`, N = 1 … the most citations any exported incident has; cells of
 * groups an incident does not fill are empty. Lists (actors, conflicts_with) are joined
 * with "; ".
 */
import { formatIncidentDate } from '$lib/data/dates';
import type { IncidentFeature, PlaceFeature, SourceDocument } from '$lib/data/schema';

/** Lookups by id: a Map, or anything with its `get` (an imported dataset's assembler). */
type ById<T> = Pick<ReadonlyMap<string, T>, 'get'>;

export type CsvContext = {
	placeById: ById<PlaceFeature>;
	sourceById: ById<SourceDocument>;
	/** The page's address without its hash, e.g. `https://example.org/`. */
	pageUrl: string;
	/** The link of the view the export was made from (filters and all). */
	viewLink: string;
};

/** The fixed columns, in order; the citation groups follow them. */
export const CSV_COLUMNS = [
	'id',
	'title',
	'date',
	'date_end',
	'date_not_before',
	'date_not_after',
	'date_label',
	'date_precision',
	'date_text',
	'place',
	'place_id',
	'latitude',
	'longitude',
	'location_precision',
	'venue',
	'location_note',
	'category',
	'status',
	'attributed_by',
	'actors',
	'fatalities',
	'fatalities_text',
	'summary',
	'conflicts_with',
	'link',
	'view_link'
] as const;

export const CITATION_FIELDS = ['source_title', 'outlet', 'date', 'cited_as', 'excerpt'] as const;

// What a spreadsheet may read as the start of a formula (OWASP): = + - @, tab, CR, NUL.
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\u0000']);

/** True when the text, after any leading whitespace or NULs, starts with a trigger. */
function startsAsFormula(text: string): boolean {
	for (const c of text) {
		if (TRIGGERS.has(c)) return true;
		if (c.trim() !== '') return false;
	}
	return false;
}

/**
 * A text cell made inert: one starting with a formula trigger, or with whitespace and then
 * a trigger (some readers trim before evaluating), gets a leading single quote, which
 * spreadsheets show as text. Only the cell's start matters: inside an RFC 4180 quoted cell
 * a later line is still the same cell, where no formula can begin, so multi-line cells are
 * judged by their first character like any other (unlike PapaParse's `escapeFormulae`,
 * which misses a multi-line cell that starts with a trigger).
 */
export function neutraliseFormula(text: string): string {
	return startsAsFormula(text) ? `'${text}` : text;
}

/** One field, quoted when RFC 4180 requires it (comma, quote, CR or LF) or it has edge spaces. */
export function csvField(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	// Numbers are ours (coordinates, counts), never a formula: written as they are.
	const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
	return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row, fields joined by commas. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
	return values.map(csvField).join(',');
}

/** The header of an export with `citations` citation groups. */
export function csvHeader(citations: number): string[] {
	const header: string[] = [...CSV_COLUMNS];
	for (let n = 1; n <= citations; n++) {
		for (const field of CITATION_FIELDS) header.push(`citation_${n}_${field}`);
	}
	return header;
}

/** An incident's own link: the page with the incident selected. */
export function incidentLink(pageUrl: string, id: string): string {
	return `${pageUrl}#incident=${encodeURIComponent(id)}`;
}

/** BOM first, so spreadsheets take the file as UTF-8; CRLF between records (RFC 4180). */
export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/** One incident's record, with `citations` citation groups (empty where it has fewer). */
export function incidentCsvRow(f: IncidentFeature, ctx: CsvContext, citations: number): string {
	const p = f.properties;
	const [lon, lat] = f.geometry.coordinates;
	const row: (string | number | null | undefined)[] = [
		p.id,
		p.title,
		p.date,
		p.date_end,
		p.date_not_before,
		p.date_not_after,
		formatIncidentDate(p),
		p.date_precision,
		p.date_text,
		ctx.placeById.get(p.place)?.properties.name ?? p.place,
		p.place,
		lat,
		lon,
		p.location_precision,
		p.venue,
		p.location_note,
		p.category,
		p.status,
		p.attributed_by,
		p.actors.join('; '),
		p.fatalities,
		p.fatalities_text,
		p.summary,
		p.conflicts_with?.join('; '),
		incidentLink(ctx.pageUrl, p.id),
		ctx.viewLink
	];
	for (let n = 0; n < citations; n++) {
		const c = p.sources[n];
		const source = c ? ctx.sourceById.get(c.source) : undefined;
		if (!c) row.push(...CITATION_FIELDS.map(() => ''));
		else
			row.push(
				source?.title ?? c.source,
				source?.outlet,
				source ? (source.published_iso ?? source.published) : undefined,
				c.cited_as,
				c.excerpt
			);
	}
	return csvRow(row);
}

/** The CSV text (with BOM) of the given incidents, in the order given. */
export function incidentsCsv(incidents: readonly IncidentFeature[], ctx: CsvContext): string {
	const citations = Math.max(1, ...incidents.map((f) => f.properties.sources.length));
	const lines = [csvRow(csvHeader(citations))];
	for (const f of incidents) lines.push(incidentCsvRow(f, ctx, citations));
	return `${CSV_BOM}${lines.join(CSV_EOL)}${CSV_EOL}`;
}
