/**
 * Turns one parsed CSV row (header name → cell) into an imported incident or the reasons it
 * cannot be one. One mapper per layout: ACLED, GTD, and any CSV through a column mapping.
 * Pure: the worker calls these for every row; the tests call them directly.
 */
import type { Category, LocationPrecision } from '$lib/data/schema';
import { addDays, parseLooseDate } from './dates';
import {
	ACLED_GEO_NOTE,
	ACLED_GEO_PRECISION,
	ACLED_TIME_PRECISION,
	GTD_SPECIFICITY,
	GTD_SPECIFICITY_NOTE
} from './precision';
import type { ColumnMapping } from './mapping';
import { checkRecord, clip, type ImportedIncident, type RowError, type RowResult } from './record';

export type { RowResult };

export type Layout = 'acled' | 'gtd' | 'custom';
export type Row = Record<string, string | undefined>;

export { MAPPING_FIELDS, REQUIRED_FIELDS, type ColumnMapping } from './mapping';

const ACLED_REQUIRED = ['event_date', 'latitude', 'longitude', 'event_type'];
const GTD_REQUIRED = ['iyear', 'imonth', 'iday', 'latitude', 'longitude'];

/** The layout a header says the file has: ACLED and GTD by their own column names. */
export function detectLayout(header: readonly string[]): Layout {
	const has = (cols: string[]) => cols.every((c) => header.includes(c));
	if (has(ACLED_REQUIRED)) return 'acled';
	if (has(GTD_REQUIRED)) return 'gtd';
	return 'custom';
}

/** A mapping guessed from common header names, for the mapping step to start from. */
export function guessMapping(header: readonly string[]): Partial<ColumnMapping> {
	const find = (...names: string[]) =>
		header.find((h) =>
			names.includes(
				h
					.trim()
					.toLowerCase()
					.replace(/[\s-]+/g, '_')
			)
		);
	const guess: Partial<ColumnMapping> = {
		latitude: find('latitude', 'lat', 'y'),
		longitude: find('longitude', 'lon', 'lng', 'long', 'x'),
		date: find('date', 'event_date', 'day', 'when'),
		title: find('title', 'name', 'event', 'description', 'headline'),
		place: find('place', 'location', 'city', 'town'),
		actors: find('actors', 'actor', 'group', 'perpetrator'),
		notes: find('notes', 'summary', 'comment', 'details')
	};
	return Object.fromEntries(Object.entries(guess).filter(([, v]) => v !== undefined));
}

/** A header set's key, for remembering its mapping: the names in order. */
export function headerKey(header: readonly string[]): string {
	return JSON.stringify(header);
}

const cell = (row: Row, key: string) => (row[key] ?? '').trim();

/** A number from a cell, or the reason it is not one. */
function numberIn(
	row: Row,
	column: string,
	line: number,
	errors: RowError[],
	opts: { required: boolean }
): number | null {
	const raw = cell(row, column);
	if (raw === '') {
		if (opts.required) errors.push({ line, column, reason: 'is empty' });
		return null;
	}
	const n = Number(raw);
	if (!Number.isFinite(n) || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw)) {
		errors.push({ line, column, reason: `${quote(raw)} is not a number` });
		return null;
	}
	return n;
}

/** A cell quoted for an error message, cut short and with controls made visible. */
export function quote(raw: string): string {
	const short = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
	// eslint-disable-next-line no-control-regex -- control characters are what this shows
	return `'${short.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

function coordinates(
	row: Row,
	latColumn: string,
	lonColumn: string,
	line: number,
	errors: RowError[]
): { lat: number; lon: number } | null {
	const lat = numberIn(row, latColumn, line, errors, { required: true });
	const lon = numberIn(row, lonColumn, line, errors, { required: true });
	if (lat !== null && (lat < -90 || lat > 90))
		errors.push({ line, column: latColumn, reason: `${lat} is outside -90..90` });
	if (lon !== null && (lon < -180 || lon > 180))
		errors.push({ line, column: lonColumn, reason: `${lon} is outside -180..180` });
	if (lat === null || lon === null || errors.length) return null;
	return { lat, lon };
}

/** The Atlas category an ACLED event type (and sub-type) is. */
export function acledCategory(eventType: string, subType: string): Category {
	const t = eventType.toLowerCase();
	if (t.startsWith('strategic')) return /arrest/i.test(subType) ? 'arrest' : 'report';
	if (t.startsWith('battles') || t.startsWith('explosions') || t.startsWith('violence'))
		return 'attack';
	return 'report';
}

const present = (...values: string[]) => values.filter((v) => v !== '').map(clip);

function finish(
	candidate: Omit<ImportedIncident, 'row'>,
	line: number,
	errors: RowError[],
	column: (field: string) => string
): RowResult {
	if (errors.length) return { ok: false, errors };
	return checkRecord({ ...candidate, row: line }, column);
}

export function mapAcledRow(row: Row, line: number): RowResult {
	const errors: RowError[] = [];
	const point = coordinates(row, 'latitude', 'longitude', line, errors);
	const rawDate = cell(row, 'event_date');
	const day = parseLooseDate(rawDate);
	if (!day || day.precision !== 'day')
		errors.push({
			line,
			column: 'event_date',
			reason: rawDate ? `${quote(rawDate)} is not a date` : 'is empty'
		});
	const tp = cell(row, 'time_precision') || '1';
	const timeKind = ACLED_TIME_PRECISION[tp as keyof typeof ACLED_TIME_PRECISION];
	if (!timeKind)
		errors.push({ line, column: 'time_precision', reason: `${quote(tp)} is not 1, 2 or 3` });
	const gp = cell(row, 'geo_precision') || '1';
	const precision: LocationPrecision | undefined = ACLED_GEO_PRECISION[gp];
	if (!precision)
		errors.push({ line, column: 'geo_precision', reason: `${quote(gp)} is not 1, 2 or 3` });
	const fatalities = numberIn(row, 'fatalities', line, errors, { required: false });
	if (!point || !day || !timeKind || !precision) return { ok: false, errors };
	const location = cell(row, 'location') || cell(row, 'admin1') || cell(row, 'country');
	const subType = cell(row, 'sub_event_type');
	const eventType = cell(row, 'event_type');
	const dates =
		timeKind === 'day'
			? { date: day.date, date_precision: 'day' as const }
			: timeKind === 'month'
				? { date: day.date.slice(0, 7), date_precision: 'month' as const }
				: weekDates(day.date);
	return finish(
		{
			...point,
			title: clip(`${subType || eventType || 'Event'}${location ? ` in ${location}` : ''}`),
			...dates,
			date_text: clip(
				timeKind === 'day' ? rawDate : `${rawDate} (ACLED time_precision ${tp}: ${timeKind} known)`
			),
			place_name: clip(location || 'Unnamed location'),
			location_precision: precision,
			location_note: ACLED_GEO_NOTE[gp],
			category: acledCategory(eventType, subType),
			status: 'reported',
			actors: present(cell(row, 'actor1'), cell(row, 'actor2')),
			fatalities: fatalities === null ? null : Math.max(0, Math.round(fatalities)),
			excerpt: clip(cell(row, 'notes')),
			...(cell(row, 'source') ? { cited_as: clip(cell(row, 'source')) } : {})
		},
		line,
		errors,
		(f) => ACLED_COLUMN[f] ?? f
	);
}

const ACLED_COLUMN: Record<string, string> = {
	lat: 'latitude',
	lon: 'longitude',
	date: 'event_date',
	title: 'sub_event_type',
	place_name: 'location',
	excerpt: 'notes',
	actors: 'actor1',
	cited_as: 'source'
};

/**
 * A week-precision ACLED date: the week is bounded by three days either side of the day
 * given, kept as day bounds inside a month (or a two-month span when the week crosses one).
 */
function weekDates(day: string) {
	const from = addDays(day, -3);
	const to = addDays(day, 3);
	return {
		date: from.slice(0, 7),
		date_precision: 'month' as const,
		...(to.slice(0, 7) !== from.slice(0, 7) ? { date_end: to.slice(0, 7) } : {}),
		date_not_before: from,
		date_not_after: to
	};
}

export function mapGtdRow(row: Row, line: number): RowResult {
	const errors: RowError[] = [];
	const point = coordinates(row, 'latitude', 'longitude', line, errors);
	const year = numberIn(row, 'iyear', line, errors, { required: true });
	const month = numberIn(row, 'imonth', line, errors, { required: false }) ?? 0;
	const day = numberIn(row, 'iday', line, errors, { required: false }) ?? 0;
	if (year !== null && (!Number.isInteger(year) || year < 1900 || year > 2100))
		errors.push({ line, column: 'iyear', reason: `${year} is not a year` });
	if (!Number.isInteger(month) || month < 0 || month > 12)
		errors.push({
			line,
			column: 'imonth',
			reason: `${month} is not a month (1-12, or 0 for unknown)`
		});
	if (!Number.isInteger(day) || day < 0 || day > 31)
		errors.push({ line, column: 'iday', reason: `${day} is not a day (1-31, or 0 for unknown)` });
	const spec = cell(row, 'specificity') || '1';
	const precision = GTD_SPECIFICITY[spec];
	if (!precision) errors.push({ line, column: 'specificity', reason: `${quote(spec)} is not 1-5` });
	const nkill = numberIn(row, 'nkill', line, errors, { required: false });
	if (!point || year === null || !precision || errors.length) return { ok: false, errors };
	const mm = String(month).padStart(2, '0');
	const dd = String(day).padStart(2, '0');
	const date =
		month === 0
			? { date: String(year), date_precision: 'year' as const }
			: day === 0
				? { date: `${year}-${mm}`, date_precision: 'month' as const }
				: { date: `${year}-${mm}-${dd}`, date_precision: 'day' as const };
	const approx = cell(row, 'approxdate');
	const city = cell(row, 'city');
	const place = [city, cell(row, 'provstate'), cell(row, 'country_txt')].find(
		(v) => v && v.toLowerCase() !== 'unknown'
	);
	const group = cell(row, 'gname');
	const claimed = cell(row, 'claimed') === '1';
	const attack = cell(row, 'attacktype1_txt');
	return finish(
		{
			...point,
			title: clip(`${attack || 'Attack'}${place ? ` in ${place}` : ''}`),
			...date,
			date_text: clip(approx || date.date),
			place_name: clip(place || 'Unnamed location'),
			location_precision: precision,
			location_note: GTD_SPECIFICITY_NOTE[spec],
			category: 'attack',
			status: claimed ? 'claimed' : 'reported',
			...(claimed && group ? { attributed_by: clip(group) } : {}),
			actors: present(group.toLowerCase() === 'unknown' ? '' : group),
			fatalities: nkill === null ? null : Math.max(0, Math.round(nkill)),
			excerpt: clip(cell(row, 'summary')),
			...(cell(row, 'scite1') ? { cited_as: clip(cell(row, 'scite1')) } : {})
		},
		line,
		errors,
		(f) => GTD_COLUMN[f] ?? f
	);
}

const GTD_COLUMN: Record<string, string> = {
	lat: 'latitude',
	lon: 'longitude',
	date: 'iyear/imonth/iday',
	title: 'attacktype1_txt',
	place_name: 'city',
	excerpt: 'summary',
	actors: 'gname',
	cited_as: 'scite1'
};

export function mapCustomRow(row: Row, line: number, mapping: ColumnMapping): RowResult {
	const errors: RowError[] = [];
	const point = coordinates(row, mapping.latitude, mapping.longitude, line, errors);
	const rawDate = cell(row, mapping.date);
	const date = parseLooseDate(rawDate);
	if (!date)
		errors.push({
			line,
			column: mapping.date,
			reason: rawDate
				? `${quote(rawDate)} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)`
				: 'is empty'
		});
	const title = cell(row, mapping.title);
	if (!title) errors.push({ line, column: mapping.title, reason: 'is empty' });
	if (!point || !date) return { ok: false, errors };
	const place = mapping.place ? cell(row, mapping.place) : '';
	const actors = mapping.actors ? cell(row, mapping.actors).split(/\s*;\s*/) : [];
	const column: Record<string, string | undefined> = {
		lat: mapping.latitude,
		lon: mapping.longitude,
		date: mapping.date,
		title: mapping.title,
		place_name: mapping.place,
		actors: mapping.actors,
		excerpt: mapping.notes
	};
	return finish(
		{
			...point,
			title: clip(title),
			date: date.date,
			date_precision: date.precision,
			date_text: clip(rawDate),
			place_name: clip(place || `${point.lat.toFixed(4)}, ${point.lon.toFixed(4)}`),
			location_precision: 'site',
			location_note: 'The file gives coordinates and no precision: drawn at the point given',
			category: 'report',
			status: 'reported',
			actors: present(...actors).slice(0, 20),
			fatalities: null,
			excerpt: clip(mapping.notes ? cell(row, mapping.notes) : '')
		},
		line,
		errors,
		(f) => column[f] ?? f
	);
}
