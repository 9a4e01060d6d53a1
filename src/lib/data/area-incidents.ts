/** Which incidents lie inside an admin-1 area; used by the area view, loaded with it. */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { compareIncidents } from './dates';
import { indexById } from './incidents';
import type { IncidentFeature, PlaceFeature, RegionFeature } from './schema';

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
