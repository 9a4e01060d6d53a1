/**
 * Turns the validated collections into the flat GeoJSON the map draws: one point per
 * incident with the few properties its layers filter and style on, and the areas that
 * show where an incident is only known to a town, region or country. Pure and tested;
 * the map module only hands these to MapLibre.
 */
import circle from '@turf/circle';
import pointOnFeature from '@turf/point-on-feature';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { formatIncidentDate, incidentYear } from './dates';
import { compareIncidents } from './dates';
import { indexById } from './incidents';
import type { IncidentFeature, LocationPrecision, PlaceFeature, RegionFeature } from './schema';
import { familyOf, iconName, type CategoryFamily } from './symbology';

export type MapIncidentProps = {
	id: string;
	place: string;
	year: number;
	title: string;
	date_label: string;
	family: CategoryFamily;
	status: string;
	icon: string;
	precision: LocationPrecision;
	/** Pixel offset from the place's point, so incidents at one place never cover each other. */
	offset: [number, number];
};

export type MapPlaceProps = { id: string; name: string; kind: string; count: number };

export type UncertaintyProps = {
	id: string;
	year: number;
	family: CategoryFamily;
	status: string;
	precision: LocationPrecision;
	label: string;
};

export type RecruitmentProps = { id: string; name: string; year: number };

/** Spacing of markers around a shared place, in pixels between neighbouring centres. */
export const MARKER_SPACING = 17;

/**
 * Offsets that fan n markers out around their place: none for one marker, a ring for a
 * few, and further rings outward for many, so that no two markers overlap.
 */
export function fanOffsets(n: number, spacing = MARKER_SPACING): [number, number][] {
	if (n <= 1) return n === 1 ? [[0, 0]] : [];
	const out: [number, number][] = [];
	let ring = 1;
	while (out.length < n) {
		const radius = spacing * (ring === 1 ? Math.max(1, n / (2 * Math.PI)) : ring);
		const capacity = Math.max(3, Math.floor((2 * Math.PI * radius) / spacing));
		const take = Math.min(capacity, n - out.length);
		for (let i = 0; i < take; i++) {
			// Start at 12 o'clock and go clockwise, like reading a clock face.
			const angle = -Math.PI / 2 + (2 * Math.PI * i) / take;
			out.push([
				Math.round(radius * Math.cos(angle) * 10) / 10,
				Math.round(radius * Math.sin(angle) * 10) / 10
			]);
		}
		ring++;
	}
	return out;
}

export function toMapIncidents(
	incidents: readonly IncidentFeature[]
): FeatureCollection<Point, MapIncidentProps> {
	const byPlace = new Map<string, IncidentFeature[]>();
	for (const f of incidents) {
		const list = byPlace.get(f.properties.place) ?? [];
		list.push(f);
		byPlace.set(f.properties.place, list);
	}
	const features: Feature<Point, MapIncidentProps>[] = [];
	for (const group of byPlace.values()) {
		// Offsets follow date order, so the fan reads clockwise from the earliest incident.
		const sorted = [...group].sort(compareIncidents);
		const offsets = fanOffsets(sorted.length);
		sorted.forEach((f, i) => {
			const p = f.properties;
			const family = familyOf(p.category);
			features.push({
				type: 'Feature',
				id: p.id,
				geometry: { type: 'Point', coordinates: [...f.geometry.coordinates] },
				properties: {
					id: p.id,
					place: p.place,
					year: incidentYear(p),
					title: p.title,
					date_label: formatIncidentDate(p),
					family,
					status: p.status,
					icon: iconName(family, p.status),
					precision: p.location_precision,
					offset: offsets[i]
				}
			});
		});
	}
	return { type: 'FeatureCollection', features };
}

export function toMapPlaces(
	places: readonly PlaceFeature[],
	incidents: readonly IncidentFeature[]
): FeatureCollection<Point, MapPlaceProps> {
	const counts = new Map<string, number>();
	for (const f of incidents)
		counts.set(f.properties.place, (counts.get(f.properties.place) ?? 0) + 1);
	return {
		type: 'FeatureCollection',
		features: places.map((p) => ({
			type: 'Feature',
			id: p.properties.id,
			geometry: { type: 'Point', coordinates: [...p.geometry.coordinates] },
			properties: {
				id: p.properties.id,
				name: p.properties.name,
				kind: p.properties.kind,
				count: counts.get(p.properties.id) ?? 0
			}
		}))
	};
}

/** Radius of the circle drawn for a point known only to a town or a vaguer region. */
export const UNCERTAINTY_RADIUS_KM: Partial<Record<LocationPrecision, number>> = {
	town: 15,
	region: 100
};

/**
 * Areas of location uncertainty: for an incident placed only to a region, the admin-1
 * polygon its place lies in when that polygon is the place itself; otherwise a circle
 * sized by the precision. Exact sites get none: their dot is honest as it is. Nor do
 * country-level records: a circle would suggest a region the source never names, so the
 * panel states their precision in words instead.
 */
export function toUncertaintyAreas(
	incidents: readonly IncidentFeature[],
	places: readonly PlaceFeature[],
	regions: readonly RegionFeature[]
): FeatureCollection<Polygon | MultiPolygon, UncertaintyProps> {
	const placeById = indexById(places);
	const regionById = indexById(regions);
	const features: Feature<Polygon | MultiPolygon, UncertaintyProps>[] = [];
	for (const f of incidents) {
		const p = f.properties;
		if (p.location_precision === 'site' || p.location_precision === 'country') continue;
		const place = placeById.get(p.place);
		const region =
			place && place.properties.kind === 'admin1' && place.properties.admin1
				? regionById.get(place.properties.admin1)
				: undefined;
		const base = {
			id: p.id,
			year: incidentYear(p),
			family: familyOf(p.category),
			status: p.status,
			precision: p.location_precision
		};
		if (p.location_precision === 'region' && region) {
			features.push({
				type: 'Feature',
				id: p.id,
				geometry: region.geometry,
				properties: { ...base, label: region.properties.name }
			});
			continue;
		}
		const radius = UNCERTAINTY_RADIUS_KM[p.location_precision] ?? UNCERTAINTY_RADIUS_KM.town!;
		const ring = circle(f.geometry.coordinates, radius, { steps: 48, units: 'kilometers' });
		features.push({
			type: 'Feature',
			id: p.id,
			geometry: ring.geometry,
			properties: { ...base, label: `within about ${radius} km` }
		});
	}
	return { type: 'FeatureCollection', features };
}

/** The polygons a source names as recruitment areas, one feature per area and year. */
export function toRecruitmentAreas(
	regions: readonly RegionFeature[]
): FeatureCollection<Polygon | MultiPolygon, RecruitmentProps> {
	const features: Feature<Polygon | MultiPolygon, RecruitmentProps>[] = [];
	for (const r of regions) {
		for (const mark of r.properties.recruitment ?? []) {
			features.push({
				type: 'Feature',
				geometry: r.geometry,
				properties: { id: r.properties.id, name: r.properties.name, year: mark.year }
			});
		}
	}
	return { type: 'FeatureCollection', features };
}

/** One label point per recruitment area (MultiPolygons would otherwise repeat the label). */
export function recruitmentLabelPoints(
	areas: FeatureCollection<Polygon | MultiPolygon, RecruitmentProps>
): FeatureCollection<Point, RecruitmentProps> {
	return {
		type: 'FeatureCollection',
		features: areas.features.map((a) => ({
			type: 'Feature',
			geometry: pointOnFeature(a).geometry,
			properties: a.properties
		}))
	};
}
