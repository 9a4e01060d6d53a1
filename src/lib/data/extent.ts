/**
 * The extent the offline basemap covers, [west, south, east, north] in degrees: Central
 * Asia, the Middle East and southern Russia. Boundaries are clipped to it when built
 * (scripts/build-boundaries.ts), the map keeps the view near it, and the validator rejects
 * any point outside it, where the map would draw it over nothing.
 */
export const BASEMAP_BBOX: readonly [west: number, south: number, east: number, north: number] = [
	20, 10, 100, 62
];

/** True when a [lon, lat] position lies inside (or on the edge of) the basemap's extent. */
export function insideBasemap([lon, lat]: readonly number[]): boolean {
	const [west, south, east, north] = BASEMAP_BBOX;
	return lon >= west && lon <= east && lat >= south && lat <= north;
}
