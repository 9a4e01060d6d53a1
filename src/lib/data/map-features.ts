/**
 * Turns the validated collections into the flat GeoJSON the map draws: one point per
 * incident with the few properties its layers filter and style on, and the areas that
 * show where an incident is only known to a town, region or country. Pure and tested;
 * the map module only hands these to MapLibre.
 */
import circle from '@turf/circle';
import pointOnFeature from '@turf/point-on-feature';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { actorKey, actorSlugsOf, buildActorIndex } from './actors';
import { areaLabel } from './areas';
import { compareIncidents, formatIncidentDate, incidentYear } from './dates';
import { indexById } from './incidents';
import type {
	IncidentFeature,
	LocationPrecision,
	PlaceFeature,
	RegionFeature,
	Venue
} from './schema';
import {
	UNCERTAINTY_RADIUS_KM,
	OFFSET_ZOOMS,
	familyOf,
	iconName,
	offsetAt,
	offsetKeys,
	type CategoryFamily
} from './symbology';
import { incidentPeriod } from '$lib/timeline/period';

export { OFFSET_ZOOMS, offsetAt, offsetKeys };

/**
 * The months an incident may fall in (month indices, see `incidentPeriod`), so the map's
 * time-range filter is an expression over properties, never a source rebuild. A date that
 * cannot be read gets -1/-1, which no range reaches.
 */
export type PeriodProps = { start: number; end: number };

function periodProps(p: IncidentFeature['properties']): PeriodProps {
	const period = incidentPeriod(p);
	return period ? { start: period.startMonth, end: period.endMonth } : { start: -1, end: -1 };
}

export type MapIncidentProps = PeriodProps & {
	id: string;
	place: string;
	year: number;
	title: string;
	date_label: string;
	family: CategoryFamily;
	status: string;
	icon: string;
	precision: LocationPrecision;
	/** Set only for records posted online or with no venue given: drawn with a dashed ring. */
	venue?: Venue;
	/** The slugs of the actors it names, as `|slug1|slug2|`, for the actor filter. */
	actors: string;
	/**
	 * Pixel offset from the incident's point at each zoom of {@link OFFSET_ZOOMS} (`o2x`, `o2y`
	 * for zoom 2, …), so that no marker covers another: markers at one place fan out around it,
	 * and places close enough for their fans to touch share one fan until zoomed apart.
	 */
	[offsetKey: `o${number}${'x' | 'y'}`]: number;
};

export type MapPlaceProps = { id: string; name: string; kind: string; count: number };

export type UncertaintyProps = PeriodProps & {
	id: string;
	year: number;
	family: CategoryFamily;
	status: string;
	precision: LocationPrecision;
	label: string;
	/** As {@link MapIncidentProps.actors}: the area follows the actor filter with its marker. */
	actors: string;
};

export type RecruitmentProps = {
	id: string;
	name: string;
	year: number;
	/** The source's words for when recruits came from here ("in the past", "now"), or "". */
	period: string;
	reading: 'named' | 'interpreted';
	/** The map label: the period in the source's words, and "our reading" where interpreted. */
	label: string;
	/** The area with its kind ("Aktobe oblast"), for the map's tooltip. */
	area_name: string;
};

/**
 * "Recruitment “now” · 2014 report"; an interpreted area says so on a second line, so the
 * oblast is never taken for the source's own naming.
 */
export function recruitmentLabel(mark: {
	year: number;
	period?: string;
	reading?: 'named' | 'interpreted';
}): string {
	const period = mark.period ? ` “${mark.period}”` : '';
	const head = `Recruitment${period} · ${mark.year} report`;
	return mark.reading === 'interpreted' ? `${head}\n(the oblast is our reading)` : head;
}

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

/** Web Mercator pixel position at a zoom, with MapLibre's 512-pixel world at zoom 0. */
export function projectToPixels([lon, lat]: readonly number[], zoom: number): [number, number] {
	const size = 512 * 2 ** zoom;
	const sin = Math.sin((lat * Math.PI) / 180);
	return [
		((lon + 180) / 360) * size,
		(0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size
	];
}

function fanRadius(n: number): number {
	return Math.max(0, ...fanOffsets(n).map(([x, y]) => Math.hypot(x, y)));
}

type FanGroup = { centre: [number, number]; incidents: IncidentFeature[] };

/**
 * Offsets at one zoom. Each place starts as its own fan; two fans that would touch merge
 * into one around their incident-weighted centre, until no two touch.
 */
export function offsetsAtZoom(
	incidents: readonly IncidentFeature[],
	zoom: number
): Map<string, [number, number]> {
	const byPlace = new Map<string, IncidentFeature[]>();
	for (const f of incidents) {
		const list = byPlace.get(f.properties.place);
		if (list) list.push(f);
		else byPlace.set(f.properties.place, [f]);
	}
	let groups: FanGroup[] = [...byPlace.values()].map((list) => ({
		centre: projectToPixels(list[0].geometry.coordinates, zoom),
		incidents: list
	}));
	for (let merged = true; merged;) {
		merged = false;
		search: for (let i = 0; i < groups.length; i++) {
			for (let j = i + 1; j < groups.length; j++) {
				const [a, b] = [groups[i], groups[j]];
				const gap = fanRadius(a.incidents.length) + fanRadius(b.incidents.length) + MARKER_SPACING;
				if (Math.hypot(a.centre[0] - b.centre[0], a.centre[1] - b.centre[1]) >= gap) continue;
				const [na, nb] = [a.incidents.length, b.incidents.length];
				const union: FanGroup = {
					centre: [
						(a.centre[0] * na + b.centre[0] * nb) / (na + nb),
						(a.centre[1] * na + b.centre[1] * nb) / (na + nb)
					],
					incidents: [...a.incidents, ...b.incidents]
				};
				groups = [...groups.filter((g) => g !== a && g !== b), union];
				merged = true;
				break search;
			}
		}
	}
	const offsets = new Map<string, [number, number]>();
	for (const group of groups) {
		// Fans follow date order, so they read clockwise from the earliest incident.
		const sorted = [...group.incidents].sort(compareIncidents);
		const ring = fanOffsets(sorted.length);
		sorted.forEach((f, i) => {
			const [x, y] = projectToPixels(f.geometry.coordinates, zoom);
			offsets.set(f.properties.id, [
				Math.round((ring[i][0] + group.centre[0] - x) * 10) / 10,
				Math.round((ring[i][1] + group.centre[1] - y) * 10) / 10
			]);
		});
	}
	return offsets;
}

export function toMapIncidents(
	incidents: readonly IncidentFeature[]
): FeatureCollection<Point, MapIncidentProps> {
	const byZoom = OFFSET_ZOOMS.map((z) => [z, offsetsAtZoom(incidents, z)] as const);
	const actors = buildActorIndex(incidents);
	return {
		type: 'FeatureCollection',
		features: incidents.map((f) => {
			const p = f.properties;
			const family = familyOf(p.category);
			const props: MapIncidentProps = {
				id: p.id,
				place: p.place,
				year: incidentYear(p),
				title: p.title,
				date_label: formatIncidentDate(p),
				family,
				status: p.status,
				icon: iconName(family, p.status),
				precision: p.location_precision,
				...periodProps(p),
				...(p.venue && { venue: p.venue }),
				actors: actorKey(actorSlugsOf(actors, f))
			};
			for (const [z, offsets] of byZoom) {
				const [x, y] = offsetKeys(z);
				[props[x], props[y]] = offsets.get(p.id)!;
			}
			return {
				type: 'Feature',
				id: p.id,
				geometry: { type: 'Point', coordinates: [...f.geometry.coordinates] },
				properties: props
			};
		})
	};
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

export { UNCERTAINTY_RADIUS_KM };

/**
 * Areas of location uncertainty: for an incident placed only to a region, the admin-1
 * polygon its place lies in when that polygon is the place itself; otherwise a circle
 * sized by the precision. Exact sites get none: their dot is honest as it is. Nor do
 * country-level records: a circle would suggest a region the source never names, so the
 * panel states their precision in words instead. Nor do records posted online or whose
 * venue is not given: their point is the place they refer to, so any circle around it would
 * claim a precision for where they happened that nobody has.
 */
export function toUncertaintyAreas(
	incidents: readonly IncidentFeature[],
	places: readonly PlaceFeature[],
	regions: readonly RegionFeature[]
): FeatureCollection<Polygon | MultiPolygon, UncertaintyProps> {
	const placeById = indexById(places);
	const regionById = indexById(regions);
	const actors = buildActorIndex(incidents);
	const features: Feature<Polygon | MultiPolygon, UncertaintyProps>[] = [];
	for (const f of incidents) {
		const p = f.properties;
		if (p.location_precision === 'site' || p.location_precision === 'country' || p.venue) continue;
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
			precision: p.location_precision,
			...periodProps(p),
			actors: actorKey(actorSlugsOf(actors, f))
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
			const reading = mark.reading ?? 'named';
			features.push({
				type: 'Feature',
				geometry: r.geometry,
				properties: {
					id: r.properties.id,
					name: r.properties.name,
					year: mark.year,
					period: mark.period ?? '',
					reading,
					label: recruitmentLabel({ ...mark, reading }),
					area_name: areaLabel(r)
				}
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
