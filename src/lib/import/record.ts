/**
 * What one accepted row of an imported file becomes: an Atlas-shaped incident without the
 * ids, place slug and citation source, which are given when the dataset is assembled
 * (see to-atlas.ts). One zod schema checks every row from every kind of file, so an ACLED
 * row, a GTD row, a mapped CSV row and a GeoJSON feature all meet the same contract.
 */
import { z } from 'zod';
import {
	AttributionStatus,
	Category,
	DatePrecision,
	DateQualifier,
	LocationPrecision,
	Season,
	isDateAtPrecision
} from '$lib/data/schema';

/** Longest text kept from one cell; longer cells are cut (and the row says so). */
export const MAX_TEXT = 4000;

const Text = z.string().max(MAX_TEXT);

export const ImportedIncident = z
	.object({
		/** 1-based line in the file (CSV) or feature number (GeoJSON). */
		row: z.number().int().positive(),
		lon: z.number().min(-180).max(180),
		lat: z.number().min(-90).max(90),
		title: Text.min(1),
		date: z.string(),
		date_precision: DatePrecision,
		season: Season.optional(),
		date_qualifier: DateQualifier.optional(),
		date_end: z.string().optional(),
		date_not_before: z.string().optional(),
		date_not_after: z.string().optional(),
		date_text: Text.min(1),
		place_name: Text.min(1),
		location_precision: LocationPrecision,
		location_note: Text.optional(),
		category: Category,
		status: AttributionStatus,
		attributed_by: Text.optional(),
		actors: z.array(Text.min(1)).max(20),
		fatalities: z.number().int().nonnegative().nullable(),
		/** The row's own words (ACLED notes, GTD summary): the excerpt it is cited by. */
		excerpt: Text,
		/** The row's own source field (ACLED `source`, GTD `scite1`), as printed. */
		cited_as: Text.optional()
	})
	.superRefine((r, ctx) => {
		if (!isDateAtPrecision(r.date, r.date_precision))
			ctx.addIssue({
				code: 'custom',
				path: ['date'],
				message: `"${r.date}" is not a valid date at precision "${r.date_precision}"`
			});
	});

export type ImportedIncident = z.infer<typeof ImportedIncident>;

/** A rejected row: where, which column, why. */
export type RowError = { line: number; column: string; reason: string };

export type RowResult = { ok: true; record: ImportedIncident } | { ok: false; errors: RowError[] };

/** Checks a mapped row; zod's issues become row errors naming the column. */
export function checkRecord(
	candidate: Omit<ImportedIncident, 'row'> & { row: number },
	column: (field: string) => string
): RowResult {
	const parsed = ImportedIncident.safeParse(candidate);
	if (parsed.success) return { ok: true, record: parsed.data };
	return {
		ok: false,
		errors: parsed.error.issues.map((issue) => ({
			line: candidate.row,
			column: column(String(issue.path[0] ?? '')),
			reason: issue.message
		}))
	};
}

/** Cuts a cell to {@link MAX_TEXT} characters (a 100 kB cell is kept readable, not whole). */
export function clip(text: string): string {
	return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
