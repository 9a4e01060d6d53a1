/**
 * Admin-1 areas (oblasts) as the panel shows them: a recruitment area's evidence, the
 * places and incidents inside it, and the slug that names it in a link.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { compareIncidents } from './dates';
import { indexById } from './incidents';
import type { IncidentFeature, PlaceFeature, RegionFeature } from './schema';

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

/**
 * The incidents inside a region, in date order: those whose place lies in it (its `admin1`),
 * and those known to a site or a town whose point falls inside its polygon. A point that
 * stands for a whole region or country (Kazakhstan's is drawn in Qaraghandy oblast) says
 * nothing about which oblast the event was in, so it never counts by its position alone.
 */
export function incidentsInArea(
	incidents: readonly IncidentFeature[],
	places: readonly PlaceFeature[],
	region: RegionFeature
): IncidentFeature[] {
	const placeById = indexById(places);
	const id = region.properties.id;
	return incidents
		.filter((f) => {
			const place = placeById.get(f.properties.place);
			if (place?.properties.admin1 === id) return true;
			// Placed in another known area: its point cannot be in this one too.
			if (place?.properties.admin1) return false;
			const precise =
				f.properties.location_precision === 'site' || f.properties.location_precision === 'town';
			return precise && booleanPointInPolygon(f.geometry.coordinates, region.geometry);
		})
		.sort(compareIncidents);
}
