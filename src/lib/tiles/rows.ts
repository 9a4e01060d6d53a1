/**
 * A minimal row mapper for the tiles: ACLED and GTD CSV rows (and the Atlas's own GeoJSON
 * properties) to {@link TileEvent}s. Only what the tiles need (position, date, year, kind,
 * status, a title and an id). The import feature maps these layouts in full for the app;
 * this is kept small and apart so the two can be unified.
 *
 * Kinds are the Atlas's category families, statuses its attribution statuses, so the legend's
 * kind and status filters apply to tiled data unchanged:
 *   - ACLED `event_type`: Battles, Explosions/Remote violence and Violence against civilians →
 *     violence; Strategic developments → state-action; Protests, Riots and anything else →
 *     statements. Status: reported.
 *   - GTD: every row is an attack → violence; `claimed` = 1 → claimed, else reported.
 */
import { FAMILIES, STATUSES, familyOf } from '$lib/data/symbology';
import type { TileEvent } from './schema';
import type { Category } from '$lib/data/schema';

export const TILE_KINDS: readonly string[] = FAMILIES.map((f) => f.id);
export const TILE_STATUSES: readonly string[] = STATUSES.map((s) => s.id);

export type TileRowLayout = 'acled' | 'gtd';

/** The layout of a CSV by its header, or null when it is neither ACLED nor GTD. */
export function detectTileRowLayout(header: readonly string[]): TileRowLayout | null {
	const has = (...names: string[]) => names.every((n) => header.includes(n));
	if (has('event_id_cnty', 'event_date', 'event_type', 'latitude', 'longitude')) return 'acled';
	if (has('eventid', 'iyear', 'imonth', 'iday', 'latitude', 'longitude')) return 'gtd';
	return null;
}

const ACLED_KINDS: Record<string, string> = {
	battles: 'violence',
	'explosions/remote violence': 'violence',
	'violence against civilians': 'violence',
	'strategic developments': 'state-action',
	protests: 'statements',
	riots: 'statements'
};

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december'
];

const pad = (n: number) => String(n).padStart(2, '0');

/** ACLED dates: ISO (2014-03-12) or "12 March 2014"; null when neither. */
function acledDate(text: string): string | null {
	const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	if (iso) return iso[0];
	const long = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(text.trim());
	if (!long) return null;
	const month = MONTHS.indexOf(long[2].toLowerCase());
	return month < 0 ? null : `${long[3]}-${pad(month + 1)}-${pad(Number(long[1]))}`;
}

function position(lat: string | undefined, lon: string | undefined): [number, number] | null {
	const y = Number(lat);
	const x = Number(lon);
	if (!lat?.trim() || !lon?.trim() || !Number.isFinite(x) || !Number.isFinite(y)) return null;
	if (x < -180 || x > 180 || y < -85 || y > 85) return null;
	return [x, y];
}

/** One CSV row (by column name) as a tile event, or null when it has no position or year. */
export function tileEventFromRow(
	layout: TileRowLayout,
	row: Readonly<Record<string, string | undefined>>
): TileEvent | null {
	const at = position(row.latitude, row.longitude);
	if (!at) return null;
	if (layout === 'acled') {
		const date = acledDate(row.event_date ?? '');
		if (!date) return null;
		const kind = ACLED_KINDS[(row.event_type ?? '').trim().toLowerCase()] ?? 'statements';
		const what = row.sub_event_type || row.event_type || 'Event';
		return {
			id: (row.event_id_cnty ?? '').trim(),
			lon: at[0],
			lat: at[1],
			date,
			year: Number(date.slice(0, 4)),
			title: row.location ? `${what} — ${row.location}` : what,
			kind: TILE_KINDS.indexOf(kind),
			status: TILE_STATUSES.indexOf('reported')
		};
	}
	const year = Number(row.iyear);
	if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
	const month = Number(row.imonth);
	const day = Number(row.iday);
	const date =
		month >= 1 && month <= 12
			? day >= 1 && day <= 31
				? `${year}-${pad(month)}-${pad(day)}`
				: `${year}-${pad(month)}`
			: String(year);
	const what = row.attacktype1_txt || 'Attack';
	return {
		id: (row.eventid ?? '').trim(),
		lon: at[0],
		lat: at[1],
		date,
		year,
		title: row.city ? `${what} — ${row.city}` : what,
		kind: TILE_KINDS.indexOf('violence'),
		status: TILE_STATUSES.indexOf(row.claimed?.trim() === '1' ? 'claimed' : 'reported')
	};
}

/** An Atlas incident feature (incidents.geojson) as a tile event, or null without a point. */
export function tileEventFromAtlasFeature(feature: {
	geometry?: { type?: string; coordinates?: unknown } | null;
	properties?: Record<string, unknown> | null;
}): TileEvent | null {
	const p = feature.properties ?? {};
	const c = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
	if (!Array.isArray(c)) return null;
	const at = position(String(c[1]), String(c[0]));
	const date = typeof p.date === 'string' ? p.date : '';
	const year = Number(date.slice(0, 4));
	if (!at || !/^\d{4}/.test(date)) return null;
	let kind: number;
	try {
		kind = TILE_KINDS.indexOf(familyOf(p.category as Category));
	} catch {
		return null;
	}
	const status = TILE_STATUSES.indexOf(String(p.status));
	if (status < 0) return null;
	return {
		id: String(p.id ?? ''),
		lon: at[0],
		lat: at[1],
		date,
		year,
		title: String(p.title ?? ''),
		kind,
		status
	};
}
