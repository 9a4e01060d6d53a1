/**
 * What a data problem looks like, wherever it is found (the `validate:data` script, the
 * browser at load, an import): the file, the record's id, the field and what is wrong.
 * No zod here: the page imports this to show problems without loading the validator.
 */

export interface ValidationIssue {
	/** Path of the file relative to the project, e.g. "geodata/incidents.geojson". */
	file: string;
	/** The record's id, its index ("features[3]") when it has none, or "(file)". */
	id: string;
	/** Field path inside the record, e.g. "properties.date"; "" for the whole record. */
	path: string;
	message: string;
}

export const DATA_FILES = {
	incidents: 'geodata/incidents.geojson',
	places: 'geodata/places.geojson',
	regions: 'geodata/regions.geojson',
	sources: 'geodata/sources.json'
} as const;

export type DataFileKey = keyof typeof DATA_FILES;

/** The `id` of a problem with a whole file rather than one record. */
export const FILE_LEVEL = '(file)';

/** How to list every problem, when a message can show only the first few. */
export const VALIDATE_COMMAND = 'npm run validate:data';

export function formatIssue(issue: ValidationIssue): string {
	return [issue.file, issue.id, issue.path, issue.message].filter((s) => s !== '').join(': ');
}

/**
 * Control characters, bidi controls and lone surrogates: anything that could move, hide or
 * garble text around it (in a terminal, a log or a page).
 */
const UNPRINTABLE =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A value from the data, safe to quote inside a message: unprintable characters become
 * `\u{…}` escapes and a long value is cut to `max` characters.
 */
export function printable(value: string, max = 60): string {
	const chars = value.length > max ? Array.from(value) : [];
	// Cut by code point, so a cut never splits a surrogate pair.
	const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : value;
	return cut.replace(UNPRINTABLE, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`);
}

/** A data value quoted for a message: `"value"`, escaped and shortened. */
export function quote(value: unknown): string {
	if (typeof value === 'string') return `"${printable(value)}"`;
	const json = JSON.stringify(value);
	return json === undefined ? String(value) : printable(json);
}

/** The files named by a list of problems, in the order they first appear. */
export function filesOf(issues: readonly ValidationIssue[]): string[] {
	return [...new Set(issues.map((i) => i.file))];
}

/** The first `limit` problems to show, and how many are left unshown. */
export function firstIssues(
	issues: readonly ValidationIssue[],
	limit = 5
): { shown: ValidationIssue[]; more: number } {
	return { shown: issues.slice(0, limit), more: Math.max(0, issues.length - limit) };
}
