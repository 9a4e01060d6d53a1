/**
 * The dashboard state in the URL hash, so a view can be cited as a link:
 *
 *   #map=<zoom>/<lat>/<lon>[/<bearing>[/<pitch>]]&place=<id> | &incident=<id>&off=<year>,<year>
 *     &kind-off=<family>,…&status-off=<status>,…&from=<YYYY-MM>&to=<YYYY-MM>[&within=1]
 *     &source=<id>&actor=<slug>&view-actor=<slug>&area=<slug>
 *
 * `actor=` is a filter (only incidents naming that actor); `view-actor=` and `area=` open the
 * panel's view of an actor or of an admin-1 area (its id as a slug, e.g. `kz-at`).
 *
 * A published tile set adds `tiles=<name>` (the dataset shown), `cell=<z>/<x>/<y>` (a cell
 * of the 8 px grid at zoom z, opened in the panel) and `pick=<id>` (one event in that cell).
 *
 * `source` is the source view (every excerpt from one report), opened over the selection,
 * so Back from a source returns to the place or incident it was opened from.
 * `map=` is exactly what MapLibre writes with `hash: 'map'`, so the map and this module
 * can share one hash. Parsing is defensive: the hash is attacker-controlled text (anyone
 * can send a link), so every piece is validated on its own and a bad piece falls back
 * to its default without spoiling the others.
 */
import type { TimeRange } from '$lib/timeline/period';

export type View = { zoom: number; lat: number; lon: number; bearing?: number; pitch?: number };
export type Selection = { kind: 'place' | 'incident'; id: string } | null;
/** A cell of a tile set's 8 px grid: column x and row y at zoom z (64 cells per tile side). */
export type CellRef = { z: number; x: number; y: number };
/**
 * `hiddenYears` is sorted ascending without duplicates. `hiddenKinds` (category families)
 * and `hiddenStatuses` are sorted slugs, present only when a link switches some off; which
 * values exist is the dashboard's business, not the codec's.
 */
export type UrlState = {
	view: View | null;
	selection: Selection;
	hiddenYears: number[];
	hiddenKinds?: string[];
	hiddenStatuses?: string[];
	/** A time range in whole months (both ends inclusive); absent when none is set. */
	range?: TimeRange | null;
	/** The source whose excerpts the panel lists, if a citation was opened. */
	source?: string | null;
	/** Explore: the actor filter, and the actor or area the panel shows (slugs). */
	onlyActor?: string | null;
	actorView?: string | null;
	area?: string | null;
	/** A published tile set shown instead of the reports, its open cell and picked event. */
	tiles?: string | null;
	cell?: CellRef | null;
	pick?: string | null;
};

// Limits as MapLibre enforces them: zoom within the widest min/max zoom it allows,
// bearing as its hash handler accepts, pitch up to its maxPitch threshold.
const ZOOM_MIN = 0;
const ZOOM_MAX = 24;
const PITCH_MAX = 180;
const YEAR_MIN = 1000;
const YEAR_MAX = 9999;
const SLUG_MAX = 100;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// A plain decimal as MapLibre prints it (it may print tiny values as 1e-7). Rejects what
// `Number` would also accept but no map ever writes: '', ' ', '0x10', 'Infinity'.
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
// Longer than any number MapLibre writes; keeps hostile input from reaching Number().
const NUMBER_MAX_CHARS = 32;

export function isSlug(s: string): boolean {
	return s.length <= SLUG_MAX && SLUG.test(s);
}

export function emptyUrlState(): UrlState {
	return { view: null, selection: null, hiddenYears: [] };
}

/** decodeURIComponent that returns null instead of throwing on a malformed %-sequence. */
function safeDecode(s: string): string | null {
	try {
		return decodeURIComponent(s);
	} catch {
		return null;
	}
}

function parseNumber(s: string): number | null {
	if (s.length > NUMBER_MAX_CHARS || !DECIMAL.test(s)) return null;
	const n = Number(s);
	if (!Number.isFinite(n)) return null;
	// '-0' is a valid spelling of zero; normalise it so equal views compare equal.
	return n === 0 ? 0 : n;
}

const inRange = (n: number, min: number, max: number) => n >= min && n <= max;

/** True when every field of `v` is a finite number within MapLibre's limits. */
function isValidView(v: View): boolean {
	return (
		Number.isFinite(v.zoom) &&
		inRange(v.zoom, ZOOM_MIN, ZOOM_MAX) &&
		Number.isFinite(v.lat) &&
		inRange(v.lat, -90, 90) &&
		Number.isFinite(v.lon) &&
		// Out-of-range longitudes are rejected rather than wrapped: no link we write has
		// one, so such a value means the link was mangled, and guessing would mislead.
		inRange(v.lon, -180, 180) &&
		(v.bearing === undefined || (Number.isFinite(v.bearing) && inRange(v.bearing, -180, 180))) &&
		(v.pitch === undefined || (Number.isFinite(v.pitch) && inRange(v.pitch, 0, PITCH_MAX)))
	);
}

/** Parses MapLibre's `zoom/lat/lon[/bearing[/pitch]]`; null if any part is unusable. */
function parseView(s: string): View | null {
	const parts = s.split('/', 6);
	if (parts.length < 3 || parts.length > 5) return null;
	const nums = parts.map(parseNumber);
	if (nums.some((n) => n === null)) return null;
	const [zoom, lat, lon, bearing, pitch] = nums as number[];
	const view: View = { zoom, lat, lon };
	// Zero bearing/pitch is the default; leaving it out keeps equal views deep-equal.
	if (bearing) view.bearing = bearing;
	if (pitch) view.pitch = pitch;
	return isValidView(view) ? view : null;
}

function parseYears(s: string): number[] {
	const years = new Set<number>();
	// A hostile link may repeat the list endlessly; only 9000 distinct years exist anyway.
	for (const part of s.split(',', 20000)) {
		if (!/^\d{4}$/.test(part)) continue;
		const y = Number(part);
		if (inRange(y, YEAR_MIN, YEAR_MAX)) years.add(y);
	}
	return [...years].sort((a, b) => a - b);
}

/**
 * Reads the dashboard state from a location hash, with or without the leading '#'.
 * Never throws. Unknown parameters are ignored; for a repeated parameter the first
 * occurrence counts (as with URLSearchParams.get, which MapLibre uses). If both
 * `incident` and `place` are valid, the incident wins: it implies its place.
 */
export function parseHash(hash: string): UrlState {
	const state = emptyUrlState();
	if (typeof hash !== 'string') return state;
	const params = new Map<string, string>();
	for (const pair of (hash.startsWith('#') ? hash.slice(1) : hash).split('&')) {
		const eq = pair.indexOf('=');
		const key = eq < 0 ? pair : pair.slice(0, eq);
		// Only short keys can be ours; skip decoding anything else.
		if (key.length > 24) continue;
		const name = safeDecode(key);
		if (name === null || params.has(name)) continue;
		const value = safeDecode(eq < 0 ? '' : pair.slice(eq + 1));
		// A value that cannot be decoded is dropped, not guessed at; the key stays taken
		// so a later duplicate cannot override a link that was visibly tampered with.
		params.set(name, value ?? '\u0000');
	}

	const map = params.get('map');
	if (map !== undefined) state.view = parseView(map);

	const incident = params.get('incident');
	const place = params.get('place');
	if (incident !== undefined && isSlug(incident)) {
		state.selection = { kind: 'incident', id: incident };
	} else if (place !== undefined && isSlug(place)) {
		state.selection = { kind: 'place', id: place };
	}

	const off = params.get('off');
	if (off !== undefined) state.hiddenYears = parseYears(off);
	const kinds = parseSlugList(params.get('kind-off'));
	if (kinds.length) state.hiddenKinds = kinds;
	const statuses = parseSlugList(params.get('status-off'));
	if (statuses.length) state.hiddenStatuses = statuses;
	const range = parseRange(params.get('from'), params.get('to'), params.get('within'));
	if (range) state.range = range;
	const source = params.get('source');
	if (source !== undefined && isSlug(source)) state.source = source;
	for (const [key, field] of EXPLORE_PARAMS) {
		const value = params.get(key);
		if (value !== undefined && isSlug(value)) state[field] = value;
	}
	const tiles = params.get('tiles');
	if (tiles !== undefined && isSlug(tiles) && tiles.length <= 60) {
		state.tiles = tiles;
		const cell = parseCell(params.get('cell'));
		if (cell) {
			state.cell = cell;
			const pick = params.get('pick');
			if (pick !== undefined && isEventId(pick)) state.pick = pick;
		}
	}
	return state;
}

/** Cells exist up to zoom 10 (raw points are picked within zoom 10's grid). */
const CELL_ZOOM_MAX = 10;
const CELLS_PER_TILE_SIDE = 64;

/** `z/x/y` of a cell; null unless all three are whole numbers within the grid. */
function parseCell(s: string | undefined): CellRef | null {
	const match = s === undefined ? null : /^(\d{1,2})\/(\d{1,7})\/(\d{1,7})$/.exec(s);
	if (!match) return null;
	const [z, x, y] = match.slice(1).map(Number);
	return isValidCell({ z, x, y }) ? { z, x, y } : null;
}

function isValidCell(c: CellRef): boolean {
	const side = Math.pow(2, c.z) * CELLS_PER_TILE_SIDE;
	return (
		[c.z, c.x, c.y].every(Number.isInteger) &&
		inRange(c.z, 0, CELL_ZOOM_MAX) &&
		inRange(c.x, 0, side - 1) &&
		inRange(c.y, 0, side - 1)
	);
}

/** Event ids as datasets spell them (ACLED `SYN12`, GTD `201309190004`): short, plain. */
export function isEventId(s: string): boolean {
	return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(s);
}

/** The explore parameters, each one slug: URL key and UrlState field. */
const EXPLORE_PARAMS = [
	['actor', 'onlyActor'],
	['view-actor', 'actorView'],
	['area', 'area']
] as const;

/** A month as `YYYY-MM` to its month index (year × 12 + month − 1); null if not one. */
function parseMonth(s: string | undefined): number | null {
	const match = s === undefined ? null : /^(\d{4})-(\d{2})$/.exec(s);
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	if (!inRange(year, YEAR_MIN, YEAR_MAX) || !inRange(month, 1, 12)) return null;
	return year * 12 + month - 1;
}

function formatMonth(index: number): string {
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * `from` and `to` as a range; both must be valid months with from ≤ to, or there is no
 * range at all (half a range would silently filter by a guess).
 */
function parseRange(
	from: string | undefined,
	to: string | undefined,
	within: string | undefined
): TimeRange | null {
	const a = parseMonth(from);
	const b = parseMonth(to);
	if (a === null || b === null || a > b) return null;
	return { from: a, to: b, within: within === '1' };
}

function isValidRange(r: TimeRange): boolean {
	const ok = (n: number) => Number.isInteger(n) && inRange(n, YEAR_MIN * 12, YEAR_MAX * 12 + 11);
	return ok(r.from) && ok(r.to) && r.from <= r.to;
}

/** A comma-separated list of slugs, sorted and deduplicated; anything else is dropped. */
function parseSlugList(value: string | undefined): string[] {
	if (value === undefined || value.length > 2000) return [];
	return [...new Set(value.split(',').filter(isSlug))].sort();
}

/** `x` rounded to `digits` decimals, printed without trailing zeros and never as "-0". */
function formatFixed(x: number, digits: number): string {
	const m = Math.pow(10, digits);
	// Math.round(x * m) / m as MapLibre does, so our digits match the ones it writes.
	const r = Math.round(x * m) / m || 0;
	const s = r.toFixed(digits);
	return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Decimals MapLibre keeps for lat/lon at a zoom: enough for half a pixel (Mercator). */
function coordinateDigits(zoom: number): number {
	return Math.max(0, Math.ceil((zoom * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));
}

/** The `zoom/lat/lon[/bearing[/pitch]]` text MapLibre writes for a view. */
function viewParts(v: View): {
	zoom: string;
	lat: string;
	lon: string;
	bearing?: string;
	pitch?: string;
} {
	const zoom = formatFixed(v.zoom, 2);
	const digits = coordinateDigits(Number(zoom));
	const parts: ReturnType<typeof viewParts> = {
		zoom,
		lat: formatFixed(v.lat, digits),
		lon: formatFixed(v.lon, digits)
	};
	const bearing = formatFixed(v.bearing ?? 0, 1);
	const pitch = formatFixed(v.pitch ?? 0, 0);
	// MapLibre writes bearing whenever pitch is set, as pitch is positional (zoom/lat/lon/b/p).
	if (bearing !== '0' || pitch !== '0') parts.bearing = bearing;
	if (pitch !== '0') parts.pitch = pitch;
	return parts;
}

/** A view rounded exactly as {@link formatHash} writes it, i.e. what a link round-trips to. */
export function roundView(v: View): View {
	const p = viewParts(v);
	const out: View = { zoom: Number(p.zoom), lat: Number(p.lat), lon: Number(p.lon) };
	if (p.bearing !== undefined && p.bearing !== '0') out.bearing = Number(p.bearing);
	if (p.pitch !== undefined) out.pitch = Number(p.pitch);
	return out;
}

/**
 * The hash for a state, e.g. `#map=5/47.1/51.9&incident=atyrau-bombs&off=2010,2012`,
 * or '' when there is nothing to record. Parts that could not be read back (an invalid
 * view, a non-slug id, an impossible year) are left out rather than written.
 */
export function formatHash(state: UrlState): string {
	const parts: string[] = [];
	if (state.view && isValidView(state.view)) {
		const v = viewParts(state.view);
		const tail = [v.bearing, v.pitch].filter((x) => x !== undefined);
		parts.push(`map=${[v.zoom, v.lat, v.lon, ...tail].join('/')}`);
	}
	if (state.selection && isSlug(state.selection.id)) {
		parts.push(`${state.selection.kind}=${state.selection.id}`);
	}
	const years = [...new Set(state.hiddenYears)]
		.filter((y) => Number.isInteger(y) && inRange(y, YEAR_MIN, YEAR_MAX))
		.sort((a, b) => a - b);
	if (years.length) parts.push(`off=${years.join(',')}`);
	for (const [key, list] of [
		['kind-off', state.hiddenKinds],
		['status-off', state.hiddenStatuses]
	] as const) {
		const values = [...new Set(list ?? [])].filter(isSlug).sort();
		if (values.length) parts.push(`${key}=${values.join(',')}`);
	}
	if (state.range && isValidRange(state.range)) {
		parts.push(`from=${formatMonth(state.range.from)}`, `to=${formatMonth(state.range.to)}`);
		if (state.range.within) parts.push('within=1');
	}
	if (state.source && isSlug(state.source)) parts.push(`source=${state.source}`);
	for (const [key, field] of EXPLORE_PARAMS) {
		const value = state[field];
		if (value && isSlug(value)) parts.push(`${key}=${value}`);
	}
	if (state.tiles && isSlug(state.tiles)) {
		parts.push(`tiles=${state.tiles}`);
		if (state.cell && isValidCell(state.cell)) {
			parts.push(`cell=${state.cell.z}/${state.cell.x}/${state.cell.y}`);
			if (state.pick && isEventId(state.pick)) parts.push(`pick=${state.pick}`);
		}
	}
	return parts.length ? `#${parts.join('&')}` : '';
}

/**
 * True when both links show the same thing (selection and source view), so moving between
 * them replaces the history entry instead of adding one.
 */
export function sameEntry(a: HistoryEntry, b: HistoryEntry): boolean {
	const same = (x: string | null | undefined, y: string | null | undefined) =>
		(x ?? null) === (y ?? null);
	return (
		sameSelection(a.selection, b.selection) &&
		same(a.source, b.source) &&
		same(a.actorView, b.actorView) &&
		same(a.area, b.area) &&
		same(a.tiles, b.tiles) &&
		same(cellText(a.cell), cellText(b.cell)) &&
		same(a.pick, b.pick)
	);
}

const cellText = (c: CellRef | null | undefined) => (c ? `${c.z}/${c.x}/${c.y}` : null);

/**
 * What a history entry shows: the selection and any view opened over it (source, actor, area),
 * or the tile set with its open cell and picked event.
 */
export type HistoryEntry = Pick<
	UrlState,
	'selection' | 'source' | 'actorView' | 'area' | 'tiles' | 'cell' | 'pick'
>;

/** True when both select the same thing, or both select nothing. */
export function sameSelection(a: Selection, b: Selection): boolean {
	if (a === null || b === null) return a === b;
	return a.kind === b.kind && a.id === b.id;
}
