/**
 * Admin-1 areas (oblasts) as the panel shows them: a recruitment area's evidence, the
 * places inside it, and the slug that names it in a link. The incidents inside an area are
 * in ./area-incidents, apart, so that its geometry code loads only with the area view.
 */
import type { PlaceFeature, RegionFeature } from './schema';

/** A region id as a URL slug: "KZ.AT" → "kz-at". */
export function areaSlug(regionId: string): string {
	return regionId
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** "Aktobe oblast", "Baghdad governorate": the name with its kind, unless it already says so. */
export function areaLabel(region: RegionFeature): string {
	const { name, kind } = region.properties;
	return name.toLowerCase().includes(kind.toLowerCase()) ? name : `${name} ${kind}`;
}

/** Regions a source names as recruitment areas, ordered by name. */
export function recruitmentAreas(regions: readonly RegionFeature[]): RegionFeature[] {
	return regions
		.filter((r) => r.properties.recruitment?.length)
		.sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'en'));
}

/** The years a region is named as a recruitment area, ascending and distinct. */
export function recruitmentYears(region: RegionFeature): number[] {
	return [...new Set((region.properties.recruitment ?? []).map((m) => m.year))].sort(
		(a, b) => a - b
	);
}

/** The places whose admin-1 area is the region, ordered by name. */
export function placesInArea(
	places: readonly PlaceFeature[],
	region: RegionFeature
): PlaceFeature[] {
	return places
		.filter((p) => p.properties.admin1 === region.properties.id)
		.sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'en'));
}
