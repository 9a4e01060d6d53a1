/**
 * How incidents are drawn, as data: the colour family of each category and the shape of
 * each attribution status. The map draws icons from this and the legend explains it, so
 * the two cannot disagree.
 */
import type { AttributionStatus, Category, LocationPrecision } from './schema';

export type CategoryFamily = 'violence' | 'claims' | 'state-action' | 'statements';

export const FAMILIES: readonly {
	id: CategoryFamily;
	label: string;
	colour: string;
	categories: readonly Category[];
}[] = [
	{
		id: 'violence',
		label: 'Attacks and operations',
		colour: '#c0392b',
		categories: ['attack', 'security-operation', 'leader-killed']
	},
	{
		id: 'claims',
		label: 'Claims, threats, propaganda',
		colour: '#7d3c98',
		categories: ['claim', 'threat', 'propaganda', 'founding']
	},
	{
		id: 'state-action',
		label: 'Courts, bans, arrests, laws',
		colour: '#1f5f99',
		categories: ['court-ruling', 'ban', 'arrest', 'legislation']
	},
	{
		id: 'statements',
		label: 'Statements and reports',
		colour: '#b9770e',
		categories: ['statement', 'report']
	}
];

export type StatusShape = 'circle' | 'diamond' | 'ring' | 'square';

export const STATUSES: readonly {
	id: AttributionStatus;
	label: string;
	shape: StatusShape;
	explanation: string;
}[] = [
	{
		id: 'reported',
		label: 'Reported',
		shape: 'circle',
		explanation: 'stated by the source as fact'
	},
	{
		id: 'claimed',
		label: 'Claimed',
		shape: 'diamond',
		explanation: 'claimed by the group itself'
	},
	{
		id: 'alleged',
		label: 'Alleged',
		shape: 'ring',
		explanation: 'alleged by prosecutors or officials'
	},
	{ id: 'ruled', label: 'Ruled', shape: 'square', explanation: 'established by a court ruling' }
];

const familyByCategory = new Map<Category, CategoryFamily>(
	FAMILIES.flatMap((f) => f.categories.map((c) => [c, f.id] as const))
);

export function familyOf(category: Category): CategoryFamily {
	const family = familyByCategory.get(category);
	if (!family) throw new Error(`category "${category}" has no colour family`);
	return family;
}

export function colourOf(family: CategoryFamily): string {
	return FAMILIES.find((f) => f.id === family)!.colour;
}

export function shapeOf(status: AttributionStatus): StatusShape {
	return STATUSES.find((s) => s.id === status)!.shape;
}

/** Name of the map image for an incident marker. */
export function iconName(family: CategoryFamily, status: AttributionStatus): string {
	return `incident-${family}-${status}`;
}

export const CATEGORY_LABELS: Record<Category, string> = {
	attack: 'Attack',
	'security-operation': 'Security operation',
	claim: 'Claim of responsibility',
	threat: 'Threat',
	propaganda: 'Propaganda',
	founding: 'Founding',
	'court-ruling': 'Court ruling',
	ban: 'Ban',
	arrest: 'Arrest',
	legislation: 'Legislation',
	statement: 'Official statement',
	'leader-killed': 'Leader killed',
	report: 'Report'
};

export const PRECISION_LABELS = {
	site: 'exact site',
	town: 'town or city',
	region: 'region only',
	country: 'country only'
} as const;

/** The switchable overlay layers, in legend order. */
export const OVERLAYS = [
	{ id: 'incidents', label: 'Incidents' },
	{ id: 'places', label: 'Places' },
	{ id: 'recruitment', label: 'Recruitment areas (2014 report)' },
	{ id: 'uncertainty', label: 'Location uncertainty' }
] as const;
export type OverlayKey = (typeof OVERLAYS)[number]['id'];

/** Zooms at which marker offsets are computed; between them the lower one applies. */
export const OFFSET_ZOOMS = [2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * The two numeric properties that hold a marker's pixel offset at a zoom, e.g. "o5x" and "o5y".
 * Numbers, not one [x, y] array: MapLibre re-reads GeoJSON properties from its own encoded tiles
 * on some paths, where nested arrays come back as JSON text and break `icon-offset`.
 */
export const offsetKeys = (zoom: number): [`o${number}x`, `o${number}y`] => [
	`o${zoom}x`,
	`o${zoom}y`
];

/** Marker offsets lie within ±this many pixels (the map's offset expression spans this range). */
export const MAX_MARKER_OFFSET = 4096;

/**
 * The offset MapLibre applies at a map zoom: that of the highest stop not above it. Here, not
 * in map-features.ts, so the map module can read offsets without the geometry code.
 */
export function offsetAt(
	props: { [key: `o${number}${'x' | 'y'}`]: number },
	zoom: number
): [number, number] {
	const stop = [...OFFSET_ZOOMS].reverse().find((z) => z <= Math.floor(zoom)) ?? OFFSET_ZOOMS[0];
	const [x, y] = offsetKeys(stop);
	return [props[x], props[y]];
}

/** Radius of the circle drawn for a point known only to a town or a vaguer region. */
export const UNCERTAINTY_RADIUS_KM: Partial<Record<LocationPrecision, number>> = {
	town: 15,
	region: 100
};
