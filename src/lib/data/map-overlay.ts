/**
 * The GeoJSON the map draws over the basemap, built once from the checked data. The dataset
 * worker builds it beside its checks, so the geometry code (turf) never loads in the page.
 */
import bbox from '@turf/bbox';
import type { AtlasData, MapOverlay } from './dataset-protocol';
import {
	recruitmentLabelPoints,
	toMapIncidents,
	toMapPlaces,
	toRecruitmentAreas,
	toUncertaintyAreas
} from './map-features';

export function buildMapOverlay({ incidents, places, regions }: AtlasData): MapOverlay {
	const mapIncidents = toMapIncidents(incidents);
	const recruitment = toRecruitmentAreas(regions);
	const [w, s, e, n] = bbox(mapIncidents);
	return {
		incidents: mapIncidents,
		places: toMapPlaces(places, incidents),
		uncertainty: toUncertaintyAreas(incidents, places, regions),
		recruitment,
		recruitmentLabels: recruitmentLabelPoints(recruitment),
		bounds: [
			[w, s],
			[e, n]
		]
	};
}
