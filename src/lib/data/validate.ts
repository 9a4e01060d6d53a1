/**
 * Checks the dataset files in `geodata/` against the schemas, against each other and for
 * meaning (src/lib/data/checks.ts). Pure: takes already-parsed JSON and returns every problem
 * found, never throws, so one bad record is reported by file, id and field instead of hiding
 * the rest. The same function runs in `npm run validate:data` and in the browser at load.
 */
import type { Position } from 'geojson';
import type { ZodType, z } from 'zod';
import {
	checkTextIn,
	pointProblems,
	polygonProblems,
	samePointProblems,
	type Problem
} from './checks';
import {
	DATA_FILES,
	FILE_LEVEL,
	printable,
	quote,
	type DataFileKey,
	type ValidationIssue
} from './issues';
import { IncidentFeature, PlaceFeature, RegionFeature, SourceDocument } from './schema';

export {
	DATA_FILES,
	FILE_LEVEL,
	formatIssue,
	type DataFileKey,
	type ValidationIssue
} from './issues';

/** Parsed file contents; a file left undefined could not be read and is skipped in cross-checks. */
export type DatasetInput = Partial<Record<DataFileKey, unknown>>;

/**
 * Parses one file's text. A syntax error becomes an issue naming the file and, where the
 * engine reports a position, its line and column. A leading byte-order mark is tolerated.
 */
export function parseJsonFile(
	file: string,
	text: string
): { ok: true; value: unknown } | { ok: false; issue: ValidationIssue } {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch (error) {
		return {
			ok: false,
			issue: { file, id: FILE_LEVEL, path: '', message: jsonErrorMessage(body, error) }
		};
	}
}

/** A JSON.parse error as "not valid JSON at line L, column C: <engine message>". */
export function jsonErrorMessage(text: string, error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	if (text.trim() === '') return 'not valid JSON: the file is empty';
	const lineCol = /line (\d+) column (\d+)/.exec(message);
	if (lineCol) return `not valid JSON at line ${lineCol[1]}, column ${lineCol[2]}: ${message}`;
	const pos = /position (\d+)/.exec(message);
	if (pos) {
		const before = text.slice(0, Number(pos[1]));
		const line = before.split('\n').length;
		const column = before.length - before.lastIndexOf('\n');
		return `not valid JSON at line ${line}, column ${column}: ${message}`;
	}
	return `not valid JSON: ${message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
	return path
		.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`))
		.join('');
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A record's own id: its properties.id, else its GeoJSON id; null when it has none. */
function recordKey(record: unknown): string | null {
	if (!isRecord(record)) return null;
	const p = record.properties;
	if (isRecord(p) && typeof p.id === 'string' && p.id !== '') return p.id;
	const id = record.id;
	if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id);
	return null;
}

interface Checked {
	/** The record's name in messages: its id made printable, or its index ("features[3]"). */
	id: string;
	/** Its id exactly as written, for matching references and duplicates; null when it has none. */
	key: string | null;
	record: Record<string, unknown> | null;
	valid: boolean;
}

/** The value at a path inside a record, or undefined. */
function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
	let v = record;
	for (const key of path) v = isRecord(v) || Array.isArray(v) ? (v as never)[key] : undefined;
	return v;
}

/** zod's message, except that a value outside an enum or literal is quoted beside the allowed ones. */
function zodMessage(issue: z.core.$ZodIssue, record: unknown): string {
	if (issue.code !== 'invalid_value') return issue.message;
	const allowed = issue.values.map((v) => quote(v));
	const got = quote(valueAt(record, issue.path));
	return allowed.length === 1
		? `must be ${allowed[0]}, not ${got}`
		: `${got} is not one of ${allowed.join(', ')}`;
}

/** Validates each element with `schema`, naming failures by record; returns what was seen. */
function checkEach(
	file: string,
	list: unknown[],
	label: string,
	schema: ZodType,
	issues: ValidationIssue[]
): Checked[] {
	return list.map((record, index) => {
		const key = recordKey(record);
		const id = key === null ? `${label}[${index}]` : printable(key);
		const result = schema.safeParse(record);
		if (!result.success) {
			for (const e of result.error.issues) {
				issues.push({ file, id, path: formatPath(e.path), message: zodMessage(e, record) });
			}
		}
		return { id, key, record: isRecord(record) ? record : null, valid: result.success };
	});
}

/** The features of a FeatureCollection, or null (with an issue) when it is not one. */
function featuresOf(file: string, value: unknown, issues: ValidationIssue[]): unknown[] | null {
	const fail = (path: string, message: string) => {
		issues.push({ file, id: FILE_LEVEL, path, message });
		return null;
	};
	if (!isRecord(value)) return fail('', 'expected a GeoJSON FeatureCollection object');
	if (value.type !== 'FeatureCollection')
		return fail('type', `expected "FeatureCollection", got ${JSON.stringify(value.type)}`);
	if (!Array.isArray(value.features)) return fail('features', 'expected an array of features');
	return value.features;
}

/** RFC 7946 members the zod schemas strip silently: `bbox` shape and type-changing members (§7.1). */
const FORBIDDEN_MEMBERS: Record<string, string[]> = {
	FeatureCollection: ['coordinates', 'geometries', 'geometry', 'properties'],
	Feature: ['coordinates', 'geometries', 'features'],
	geometry: ['properties', 'geometry', 'features', 'geometries']
};

function checkMembers(
	file: string,
	id: string,
	path: string,
	value: unknown,
	kind: keyof typeof FORBIDDEN_MEMBERS,
	issues: ValidationIssue[]
): void {
	if (!isRecord(value)) return;
	const at = (member: string) => (path === '' ? member : `${path}.${member}`);
	const bbox = value.bbox;
	if (
		bbox !== undefined &&
		!(
			Array.isArray(bbox) &&
			(bbox.length === 4 || bbox.length === 6) &&
			bbox.every((n) => typeof n === 'number' && Number.isFinite(n))
		)
	) {
		issues.push({ file, id, path: at('bbox'), message: 'bbox must be an array of 4 or 6 numbers' });
	}
	for (const member of FORBIDDEN_MEMBERS[kind]) {
		if (member in value) {
			const what = kind === 'geometry' ? 'a geometry' : `a ${kind}`;
			issues.push({ file, id, path: at(member), message: `${what} must not have "${member}"` });
		}
	}
}

function checkUniqueIds(
	file: string,
	seen: Checked[],
	field: string,
	issues: ValidationIssue[]
): void {
	const first = new Map<string, number>();
	seen.forEach((c, i) => {
		if (c.key === null) return;
		const at = first.get(c.key);
		if (at === undefined) first.set(c.key, i);
		else
			issues.push({ file, id: c.id, path: field, message: `duplicate id (first at index ${at})` });
	});
}

/** A GeoJSON `id` that disagrees with properties.id makes map selection and links disagree. */
function checkFeatureIds(file: string, seen: Checked[], issues: ValidationIssue[]): void {
	for (const c of seen) {
		const gid = c.record?.id;
		const props = c.record?.properties;
		if (gid !== undefined && isRecord(props) && props.id !== undefined && gid !== props.id) {
			issues.push({
				file,
				id: c.id,
				path: 'id',
				message: `feature id ${quote(gid)} differs from properties.id`
			});
		}
	}
}

function props(c: Checked): Record<string, unknown> {
	const p = c.record?.properties;
	return isRecord(p) ? p : {};
}

/** The positions of a record's Point geometry, when the schema accepted it. */
function pointOf(c: Checked): Position | null {
	const g = c.record?.geometry;
	return c.valid && isRecord(g) && g.type === 'Point' ? (g.coordinates as Position) : null;
}

function report(file: string, id: string, problems: Problem[], issues: ValidationIssue[]): void {
	for (const p of problems) issues.push({ file, id, path: p.path, message: p.message });
}

/** Text, extent and (for regions) polygon checks on each record of one file. */
function checkMeaning(
	key: 'incidents' | 'places' | 'regions',
	seen: Checked[],
	issues: ValidationIssue[]
): void {
	const file = DATA_FILES[key];
	for (const c of seen) {
		if (!c.record) continue;
		report(file, c.id, checkTextIn(c.record.properties, 'properties'), issues);
		if (!c.valid) continue;
		const point = pointOf(c);
		if (point) report(file, c.id, pointProblems(point, 'geometry.coordinates'), issues);
		const g = c.record.geometry;
		if (key === 'regions' && isRecord(g)) {
			const polygons =
				g.type === 'Polygon'
					? [{ rings: g.coordinates as Position[][], path: 'geometry.coordinates' }]
					: (g.coordinates as Position[][][]).map((rings, i) => ({
							rings,
							path: `geometry.coordinates[${i}]`
						}));
			for (const { rings, path } of polygons)
				report(file, c.id, polygonProblems(rings, path), issues);
		}
	}
}

/** Every problem in the dataset: schema violations per record, references between files, meaning. */
export function validateDataset(input: DatasetInput): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	const collection = (key: 'incidents' | 'places' | 'regions', schema: ZodType) => {
		if (!(key in input)) return null;
		const file = DATA_FILES[key];
		const features = featuresOf(file, input[key], issues);
		if (!features) return null;
		if (key === 'incidents' && features.length === 0) {
			issues.push({ file, id: FILE_LEVEL, path: '', message: 'has no incidents' });
		}
		checkMembers(file, FILE_LEVEL, '', input[key], 'FeatureCollection', issues);
		const seen = checkEach(file, features, 'features', schema, issues);
		for (const c of seen) {
			checkMembers(file, c.id, '', c.record, 'Feature', issues);
			checkMembers(file, c.id, 'geometry', c.record?.geometry, 'geometry', issues);
		}
		checkUniqueIds(file, seen, 'properties.id', issues);
		checkFeatureIds(file, seen, issues);
		checkMeaning(key, seen, issues);
		return seen;
	};
	const incidents = collection('incidents', IncidentFeature);
	const places = collection('places', PlaceFeature);
	const regions = collection('regions', RegionFeature);
	let sources: Checked[] | null = null;
	if ('sources' in input) {
		const file = DATA_FILES.sources;
		if (Array.isArray(input.sources)) {
			if (input.sources.length === 0) {
				issues.push({
					file,
					id: FILE_LEVEL,
					path: '',
					message: 'has no sources, so no citation can name one'
				});
			}
			sources = checkEach(file, input.sources, 'sources', SourceDocument, issues);
			checkUniqueIds(file, sources, 'id', issues);
			for (const c of sources) if (c.record) report(file, c.id, checkTextIn(c.record), issues);
		} else {
			issues.push({
				file,
				id: FILE_LEVEL,
				path: '',
				message: 'expected an array of source documents'
			});
		}
	}

	const ids = (list: Checked[] | null) => (list ? new Set(list.map((c) => c.key)) : null);
	const placeIds = ids(places);
	const regionIds = ids(regions);
	const sourceIds = ids(sources);
	const incidentIds = ids(incidents);
	const regionCountry = new Map((regions ?? []).map((r) => [r.key, props(r).country]));
	const placePoint = new Map((places ?? []).map((c) => [c.key, pointOf(c)]));

	const cite = (file: string, id: string, path: string, source: unknown) => {
		if (sourceIds && typeof source === 'string' && !sourceIds.has(source)) {
			issues.push({
				file,
				id,
				path,
				message: `source ${quote(source)} is not in ${DATA_FILES.sources}`
			});
		}
	};

	for (const c of incidents ?? []) {
		const p = props(c);
		const file = DATA_FILES.incidents;
		if (placeIds && typeof p.place === 'string' && !placeIds.has(p.place)) {
			issues.push({
				file,
				id: c.id,
				path: 'properties.place',
				message: `place ${quote(p.place)} is not in ${DATA_FILES.places}`
			});
		}
		const here = pointOf(c);
		const there = typeof p.place === 'string' ? placePoint.get(p.place) : null;
		if (here && there) report(file, c.id, samePointProblems(here, there, String(p.place)), issues);
		if (Array.isArray(p.sources)) {
			p.sources.forEach((s, i) =>
				cite(file, c.id, `properties.sources[${i}].source`, isRecord(s) ? s.source : undefined)
			);
		}
		if (Array.isArray(p.conflicts_with)) {
			p.conflicts_with.forEach((other, i) => {
				const path = `properties.conflicts_with[${i}]`;
				if (other === p.id) {
					issues.push({ file, id: c.id, path, message: 'an incident cannot conflict with itself' });
				} else if (incidentIds && typeof other === 'string' && !incidentIds.has(other)) {
					issues.push({ file, id: c.id, path, message: `incident ${quote(other)} does not exist` });
				}
			});
		}
	}

	for (const c of places ?? []) {
		const p = props(c);
		if (!regionIds || typeof p.admin1 !== 'string') continue;
		const file = DATA_FILES.places;
		if (!regionIds.has(p.admin1)) {
			issues.push({
				file,
				id: c.id,
				path: 'properties.admin1',
				message: `admin-1 region ${quote(p.admin1)} is not in ${DATA_FILES.regions}`
			});
		} else if (p.country !== null && regionCountry.get(p.admin1) !== p.country) {
			issues.push({
				file,
				id: c.id,
				path: 'properties.country',
				message: `${quote(p.country)} differs from the country of region ${quote(p.admin1)} (${quote(regionCountry.get(p.admin1))})`
			});
		}
	}

	for (const c of regions ?? []) {
		const marks = props(c).recruitment;
		if (!Array.isArray(marks)) continue;
		marks.forEach((m, i) =>
			cite(
				DATA_FILES.regions,
				c.id,
				`properties.recruitment[${i}].source`,
				isRecord(m) ? m.source : undefined
			)
		);
	}
	return issues;
}
