/**
 * Meaning checks: what a record that fits its schema can still get wrong. Each returns the
 * problems it finds as messages, never throws, and assumes only the shape the zod schema
 * guarantees. `validateDataset` runs them and names file, id and field for each.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import kinks from '@turf/kinks';
import type { Polygon, Position } from 'geojson';
import { BASEMAP_BBOX, insideBasemap } from './extent';
import { quote } from './issues';

/** A problem inside a record: the field path below the record, and what is wrong. */
export interface Problem {
	path: string;
	message: string;
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

// ---------------------------------------------------------------------------------- text

/** Fields that hold prose quoted or written over several lines: they may use \n and \t. */
export function allowsLineBreaks(field: string): boolean {
	return field === 'summary' || field === 'excerpt' || /(^|_)note$/.test(field);
}

const EMBEDDINGS = new Set([0x202a, 0x202b, 0x202d, 0x202e]); // LRE RLE LRO RLO, closed by PDF
const PDF = 0x202c;
const ISOLATES = new Set([0x2066, 0x2067, 0x2068]); // LRI RLI FSI, closed by PDI
const PDI = 0x2069;

/**
 * What makes a string unsafe to show: control characters (but \n and \t where `multiline`),
 * lone surrogates, and bidi embeddings, overrides or isolates not closed, in order, within
 * the string (an open override reverses whatever is shown after it). One message per kind.
 */
export function textProblems(text: string, multiline: boolean): string[] {
	let control: string | undefined;
	let surrogate: string | undefined;
	let bidi: string | undefined;
	const open: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) i++;
			else surrogate ??= `has a lone surrogate ${hex(c)} at position ${i}`;
		} else if (c >= 0xdc00 && c <= 0xdfff) {
			surrogate ??= `has a lone surrogate ${hex(c)} at position ${i}`;
		} else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
			if (!(multiline && (c === 0x0a || c === 0x09))) {
				const allowed = multiline ? ' (only \\n and \\t are allowed here)' : '';
				control ??= `has a control character ${hex(c)} at position ${i}${allowed}`;
			}
		} else if (EMBEDDINGS.has(c) || ISOLATES.has(c)) {
			open.push(c);
		} else if (c === PDF || c === PDI) {
			const opener = open.at(-1);
			const matches = opener !== undefined && (c === PDF ? EMBEDDINGS : ISOLATES).has(opener);
			if (matches) open.pop();
			else bidi ??= `has a bidi control ${hex(c)} at position ${i} that closes nothing`;
		}
	}
	if (open.length > 0) {
		bidi ??= `has a bidi control ${hex(open[0])} that is never closed (it would reorder the text after it)`;
	}
	return [control, surrogate, bidi].filter((m): m is string => m !== undefined);
}

/** Every string in a value (object, array or string), with its path, checked by its field name. */
export function checkTextIn(value: unknown, path = ''): Problem[] {
	const problems: Problem[] = [];
	const walk = (v: unknown, at: string, field: string) => {
		if (typeof v === 'string') {
			for (const message of textProblems(v, allowsLineBreaks(field))) {
				problems.push({ path: at, message });
			}
		} else if (Array.isArray(v)) {
			v.forEach((item, i) => walk(item, `${at}[${i}]`, field));
		} else if (typeof v === 'object' && v !== null) {
			for (const [key, item] of Object.entries(v))
				walk(item, at === '' ? key : `${at}.${key}`, key);
		}
	};
	walk(value, path, path.split('.').at(-1) ?? '');
	return problems;
}

// ---------------------------------------------------------------------------------- points

const [WEST, SOUTH, EAST, NORTH] = BASEMAP_BBOX;
const EXTENT_TEXT = `longitude ${WEST}..${EAST}, latitude ${SOUTH}..${NORTH}`;

export function pointProblems(position: Position, path: string): Problem[] {
	if (insideBasemap(position)) return [];
	const swapped = insideBasemap([position[1], position[0]])
		? ' (are longitude and latitude swapped?)'
		: '';
	return [
		{
			path,
			message: `${quote(position)} is outside the basemap (${EXTENT_TEXT})${swapped}`
		}
	];
}

/** An incident sits on its place's point: the panel lists it there and the map fans it out there. */
export function samePointProblems(incident: Position, place: Position, placeId: string): Problem[] {
	if (incident[0] === place[0] && incident[1] === place[1]) return [];
	const swapped =
		incident[0] === place[1] && incident[1] === place[0]
			? ' (are longitude and latitude swapped?)'
			: '';
	return [
		{
			path: 'geometry.coordinates',
			message: `${quote(incident)} is not the point of its place ${quote(placeId)}, ${quote(place)}${swapped}`
		}
	];
}

// ---------------------------------------------------------------------------------- polygons

/** Twice the signed area of a ring by the shoelace formula: positive when counterclockwise. */
function signedArea2(ring: Position[]): number {
	let s = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	}
	return s;
}

/**
 * One polygon's rings (shell first, then holes), at `path` ("geometry.coordinates" or
 * "geometry.coordinates[2]"): closed, RFC 7946 winding, no segment across the antimeridian,
 * inside the basemap, holes inside their shell, and no edge crossing another.
 */
export function polygonProblems(rings: Position[][], path: string): Problem[] {
	const problems: Problem[] = [];
	let closed = true;
	rings.forEach((ring, ri) => {
		const at = `${path}[${ri}]`;
		const [a, b] = [ring[0], ring[ring.length - 1]];
		if (a[0] !== b[0] || a[1] !== b[1]) {
			closed = false;
			problems.push({ path: at, message: 'ring is not closed (first != last position)' });
		} else if (signedArea2(ring) > 0 !== (ri === 0)) {
			const want = ri === 0 ? 'counterclockwise' : 'clockwise';
			problems.push({ path: at, message: `ring must be ${want} (RFC 7946)` });
		}
		const jump = ring.findIndex((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
		if (jump > 0) {
			problems.push({
				path: `${at}[${jump}]`,
				message: `edge from ${quote(ring[jump - 1])} jumps over 180° of longitude (crosses the antimeridian); split the polygon there (RFC 7946 §3.1.9)`
			});
		}
		const outside = ring.findIndex((p) => !insideBasemap(p));
		if (outside >= 0) problems.push(...pointProblems(ring[outside], `${at}[${outside}]`));
	});
	// The rest needs closed rings.
	if (!closed) return problems;
	const shell: Polygon = { type: 'Polygon', coordinates: [rings[0]] };
	rings.slice(1).forEach((hole, h) => {
		const out = hole.findIndex((p) => !booleanPointInPolygon(p, shell));
		if (out >= 0) {
			problems.push({
				path: `${path}[${h + 1}][${out}]`,
				message: `hole reaches outside its shell at ${quote(hole[out])}`
			});
		}
	});
	const crossings = kinks({ type: 'Polygon', coordinates: rings }).features;
	if (crossings.length > 0) {
		const at = crossings[0].geometry.coordinates.map((n) => Number(n.toFixed(6)));
		const more = crossings.length > 1 ? ` (and ${crossings.length - 1} more)` : '';
		problems.push({ path, message: `edges cross each other at ${quote(at)}${more}` });
	}
	return problems;
}
