/**
 * The map's style: an offline reference basemap (Natural Earth countries, seas and
 * Kazakhstan's 2010-2014 oblasts, labelled in Latin and Cyrillic from self-hosted Noto
 * Sans) and the dashboard's overlay layers. Only type imports from maplibre-gl here, so the
 * style can be built and checked without a browser.
 */
import { BASEMAP_PART_KEY, type BasemapPart } from './basemap';
import type {
	ExpressionSpecification,
	FilterSpecification,
	LayerSpecification,
	Map as MapLibreMap,
	SourceSpecification,
	StyleSpecification
} from 'maplibre-gl';
import {
	FAMILIES,
	MAX_MARKER_OFFSET,
	OFFSET_ZOOMS,
	offsetKeys,
	type OverlayKey
} from '$lib/data/symbology';
import type { TimeRange } from '$lib/timeline/period';
import { FONT_BOLD, FONT_REGULAR, fontFaces } from './fonts';
import { PALETTE } from './palette';

export { PALETTE };

/**
 * For setFilter, setLayoutProperty and setPaintProperty on the Atlas's own layers. MapLibre
 * validates each call against the style spec otherwise, which cost a year toggle ~45 ms of
 * main thread; the expressions are compiled by unit tests instead (style.spec.ts,
 * style-filters.spec.ts, tiles/tileset.spec.ts), as the whole style is.
 */
export const TRUSTED = { validate: false } as const;

/**
 * Shows or hides one of the Atlas's layers, only when that changes it. MapLibre compares the
 * new value with the layer's own property, which is unset on a layer never hidden, so setting
 * 'visible' there made it re-tile the layer's whole source: every overlay source, after every
 * first load, when the dashboard applied its legend's toggles (300-650 ms to the map's idle).
 */
export function setLayerVisible(map: MapLibreMap, layer: string, visible: boolean): void {
	const want = visible ? 'visible' : 'none';
	if ((map.getLayoutProperty(layer, 'visibility') ?? 'visible') === want) return;
	map.setLayoutProperty(layer, 'visibility', want, TRUSTED);
}

/**
 * Adds the Atlas's own sources and layers to a map whose style has loaded, in one update.
 * `map.addSource`/`map.addLayer` validate each call against a serialisation of the whole
 * style, data included; these are ours and validated by the unit tests instead.
 */
export function addOwnLayers(
	map: MapLibreMap,
	sources: Record<string, SourceSpecification>,
	layers: LayerSpecification[]
): void {
	for (const [id, spec] of Object.entries(sources)) map.style.addSource(id, spec, TRUSTED);
	for (const layer of layers) map.style.addLayer(layer, undefined, TRUSTED);
	map._update(true);
}

/** The switchable overlay groups, in legend order, with the layers each one controls. */
export const OVERLAY_LAYERS: Record<OverlayKey, readonly string[]> = {
	incidents: ['incident-halo', 'incident-hover', 'incident-venue', 'incident-markers'],
	places: ['place-dots', 'place-dot-selected', 'place-labels'],
	recruitment: [
		'recruitment-fill',
		'recruitment-outline',
		'recruitment-outline-selected',
		'recruitment-labels'
	],
	uncertainty: ['uncertainty-fill', 'uncertainty-outline', 'uncertainty-outline-selected']
};

/** Layers drawn per incident: they follow the year, kind and status filters. */
export const INCIDENT_FILTERED_LAYERS = [
	'incident-markers',
	'uncertainty-fill',
	'uncertainty-outline'
] as const;

/** The ring round records with no venue: the incident filter, narrowed to those records. */
export const VENUE_LAYER = 'incident-venue';
export function venueFilter(incidents: FilterSpecification): FilterSpecification {
	return ['all', incidents, ['has', 'venue']] as FilterSpecification;
}
/** Layers tied to a year only, such as the 2014 recruitment areas. */
export const YEAR_FILTERED_LAYERS = [
	'recruitment-fill',
	'recruitment-outline',
	'recruitment-labels'
] as const;

/**
 * Layers drawn over the selected (or hovered) features only: each is filtered to them, rather
 * than styled by a feature-state width or opacity on the main layer. A data-driven width or
 * opacity makes MapLibre link one more WebGL program on first load, and on software GL each
 * costs tens of milliseconds of main thread. Each entry names the features it keeps: the
 * selected area, the selected incidents, or the hovered incident.
 */
export const SELECTION_LAYERS = {
	'recruitment-outline-selected': 'area',
	'uncertainty-outline-selected': 'selected',
	'incident-halo': 'selected',
	'incident-hover': 'hovered',
	'place-dot-selected': 'place'
} as const;

/** Images of a place's dot: with incidents, without, and selected (see icons.ts). */
export const PLACE_DOT = {
	busy: 'place-dot',
	quiet: 'place-dot-quiet',
	selected: 'place-dot-selected'
};

/** Keeps the features of `filter` whose id is one of `ids` (none when `ids` is empty). */
export function selectedOnly(filter: FilterSpecification, ids: readonly string[]) {
	return [
		'all',
		filter,
		['in', ['to-string', ['get', 'id']], ['literal', [...ids]]]
	] as FilterSpecification;
}

export type MapFilters = {
	hiddenYears: readonly number[];
	hiddenKinds: readonly string[];
	hiddenStatuses: readonly string[];
	/** The timeline's range, matched against each feature's `start`/`end` months. */
	range?: TimeRange | null;
	/** Slug of the actor whose incidents alone are shown, if any. */
	onlyActor?: string | null;
};

/** The layers a pointer can pick an incident or place from. */
export const PICKABLE_LAYERS = ['incident-markers', 'place-dots'] as const;

/** A filter that keeps features whose `year` is not switched off. */
export function yearFilter(hiddenYears: readonly number[]): ExpressionSpecification {
	return ['!', ['in', ['get', 'year'], ['literal', [...hiddenYears]]]];
}

/**
 * A filter that keeps features whose months (`start`..`end`) overlap the range, or lie
 * entirely within it; every feature when there is no range.
 */
export function rangeFilter(range: TimeRange | null | undefined): ExpressionSpecification {
	if (!range) return ['literal', true];
	const start: ExpressionSpecification = ['get', 'start'];
	const end: ExpressionSpecification = ['get', 'end'];
	return range.within
		? ['all', ['>=', start, range.from], ['<=', end, range.to]]
		: ['all', ['<=', start, range.to], ['>=', end, range.from]];
}

/** Keeps incident features whose year, colour family and status are all switched on. */
export function incidentFilter(f: MapFilters): FilterSpecification {
	return [
		'all',
		yearFilter(f.hiddenYears),
		['!', ['in', ['get', 'family'], ['literal', [...f.hiddenKinds]]]],
		['!', ['in', ['get', 'status'], ['literal', [...f.hiddenStatuses]]]],
		rangeFilter(f.range),
		...actorFilter(f.onlyActor)
	];
}

/** The calendar years whose whole-year period meets the range (overlapping or within). */
export function yearsMeetingRange(range: TimeRange): number[] {
	const years: number[] = [];
	for (let y = Math.floor(range.from / 12); y <= Math.floor(range.to / 12); y++) {
		const [start, end] = [y * 12, y * 12 + 11];
		if (!range.within || (start >= range.from && end <= range.to)) years.push(y);
	}
	return years;
}

/**
 * Keeps areas tied to a year (recruitment) whose year is on and meets the range. The range
 * becomes a list of years, so stepping a range within a year leaves this filter unchanged
 * and MapLibre does not re-tile the large oblast polygons on every step. Given the years the
 * areas have (`areaYears`), only those years are named, so switching a year with no areas
 * (2011) leaves it unchanged too.
 */
export function yearAreaFilter(f: MapFilters, areaYears?: readonly number[]): FilterSpecification {
	const relevant = (years: readonly number[]) =>
		areaYears ? years.filter((y) => areaYears.includes(y)) : years;
	const years = yearFilter(relevant(f.hiddenYears));
	if (!f.range) return years;
	return ['all', years, ['in', ['get', 'year'], ['literal', relevant(yearsMeetingRange(f.range))]]];
}

/** Keeps incidents naming the actor: `actors` is `|slug1|slug2|`, so `|slug|` matches whole slugs. */
function actorFilter(slug: string | null | undefined): ExpressionSpecification[] {
	return slug ? [['in', `|${slug}|`, ['get', 'actors']]] : [];
}

/** The basemap's one source. */
export const BASEMAP_SOURCE = 'basemap';

/** The basemap file's absolute URL (the worker fetches it, so it must be absolute). */
export function basemapUrl(origin: string, base = ''): string {
	return new URL(`${base}/basemap/basemap.geojson`, origin).href;
}

/** A basemap layer's filter: its part of the one source, and `extra` if given. */
function partFilter(
	part: BasemapPart,
	extra?: ExpressionSpecification
): { source: string; filter: ExpressionSpecification } {
	const own: ExpressionSpecification = ['==', ['get', BASEMAP_PART_KEY], part];
	return { source: BASEMAP_SOURCE, filter: extra ? ['all', own, extra] : own };
}

/**
 * [x, y] from the two numeric properties of one zoom. Expressions cannot build an array from
 * values, but `interpolate` blends array outputs linearly: blending over y between two rows that
 * are each blended over x gives exactly [x, y] for any offset within ±MAX_MARKER_OFFSET.
 */
function offsetPair(zoom: number): ExpressionSpecification {
	const [x, y] = offsetKeys(zoom);
	const m = MAX_MARKER_OFFSET;
	const row = (rowY: number): ExpressionSpecification => [
		'interpolate',
		['linear'],
		['get', x],
		-m,
		['literal', [-m, rowY]],
		m,
		['literal', [m, rowY]]
	];
	return ['interpolate', ['linear'], ['get', y], -m, row(-m), m, row(m)];
}

/**
 * A marker's pixel offset at the current zoom, read from its per-zoom properties. Layout is
 * evaluated per integer tile zoom, so a step matches what MapLibre can draw.
 */
const markerOffset: ExpressionSpecification = [
	'step',
	['zoom'],
	offsetPair(OFFSET_ZOOMS[0]),
	...OFFSET_ZOOMS.slice(1).flatMap((z) => [z, offsetPair(z)])
] as ExpressionSpecification;

const isSelected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/** `#rrggbb` at an opacity, as `rgba()`. */
export function withAlpha(hex: string, alpha: number): string {
	const n = parseInt(hex.slice(1), 16);
	return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

const isHovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

/**
 * A fill's paint: `colour` at one opacity when selected, another when hovered, else by the
 * first of `cases` (`[test, opacity]`) that holds, else `fallback`. The opacity lives in the
 * colour and the edge is left to an outline layer: the basemap's land is drawn the same way,
 * so both share one WebGL program.
 */
function stateFill(
	colour: string,
	opacity: {
		selected: number;
		hovered: number;
		fallback: number;
		cases?: readonly (readonly [ExpressionSpecification, number])[];
	}
) {
	const { selected, hovered, fallback, cases = [] } = opacity;
	return {
		'fill-color': [
			'case',
			isSelected,
			withAlpha(colour, selected),
			isHovered,
			withAlpha(colour, hovered),
			...cases.flatMap(([test, a]) => [test, withAlpha(colour, a)]),
			withAlpha(colour, fallback)
		] as ExpressionSpecification,
		'fill-antialias': false
	};
}

/** The basemap alone: what a bare MapLibre page with the same style would draw. */
export function basemapStyle(origin: string, url: string): StyleSpecification {
	return {
		version: 8,
		name: 'Incident Atlas reference',
		'font-faces': fontFaces(origin),
		sources: { [BASEMAP_SOURCE]: { type: 'geojson', data: url } },
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': PALETTE.water } },
			{
				id: 'land',
				type: 'fill',
				...partFilter('countries'),
				paint: {
					'fill-color': ['case', ['==', ['get', 'iso_a3'], 'KAZ'], PALETTE.focusLand, PALETTE.land],
					'fill-antialias': false
				}
			},
			{ id: 'water', type: 'fill', ...partFilter('water'), paint: { 'fill-color': PALETTE.water } },
			{
				id: 'oblast-lines',
				type: 'line',
				...partFilter('oblasts'),
				paint: {
					'line-color': PALETTE.oblast,
					'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 7, 1.4],
					'line-dasharray': [3, 2]
				}
			},
			{
				id: 'coastline',
				type: 'line',
				...partFilter('country-lines', ['==', ['get', 'kind'], 'coast']),
				paint: { 'line-color': PALETTE.coast, 'line-width': 0.8 }
			},
			{
				id: 'country-borders',
				type: 'line',
				...partFilter('country-lines', ['==', ['get', 'kind'], 'border']),
				paint: {
					'line-color': PALETTE.border,
					'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.8, 8, 2]
				}
			},
			{
				id: 'water-labels',
				type: 'symbol',
				...partFilter('water-labels'),
				layout: {
					'text-field': [
						'format',
						['get', 'name'],
						{},
						'\n',
						{},
						['get', 'name_ru'],
						{ 'font-scale': 0.8 }
					],
					'text-font': [FONT_REGULAR],
					'text-size': 12,
					'text-letter-spacing': 0.08
				},
				paint: {
					'text-color': PALETTE.waterLabel,
					'text-halo-color': 'rgba(201,219,229,0.8)',
					'text-halo-width': 1
				}
			},
			{
				id: 'oblast-labels',
				type: 'symbol',
				...partFilter('oblast-labels'),
				minzoom: 4.2,
				layout: {
					'text-field': [
						'format',
						['get', 'name'],
						{},
						'\n',
						{},
						['coalesce', ['get', 'name_kk'], ''],
						{ 'font-scale': 0.85 }
					],
					'text-font': [FONT_REGULAR],
					'text-size': 11,
					'text-padding': 4
				},
				paint: {
					'text-color': '#85796a',
					'text-halo-color': PALETTE.halo,
					'text-halo-width': 1.2
				}
			},
			{
				id: 'country-labels',
				type: 'symbol',
				...partFilter('country-labels'),
				layout: {
					'text-field': ['upcase', ['get', 'name']],
					'text-font': [FONT_BOLD],
					'text-size': ['interpolate', ['linear'], ['get', 'area_km2'], 10000, 10, 2000000, 15],
					'text-letter-spacing': 0.12,
					'text-max-width': 8,
					'symbol-sort-key': ['-', 0, ['get', 'area_km2']]
				},
				paint: {
					'text-color': PALETTE.label,
					'text-halo-color': PALETTE.halo,
					'text-halo-width': 1.4
				}
			}
		]
	};
}

export type OverlayData = {
	incidents: GeoJSON.FeatureCollection;
	places: GeoJSON.FeatureCollection;
	uncertainty: GeoJSON.FeatureCollection;
	recruitment: GeoJSON.FeatureCollection;
	recruitmentLabels: GeoJSON.FeatureCollection;
};

/** The dashboard's own sources, keyed so feature-state can address features by id. */
export function overlaySources(data: OverlayData): Record<string, SourceSpecification> {
	return {
		incidents: { type: 'geojson', data: data.incidents, promoteId: 'id' },
		places: { type: 'geojson', data: data.places, promoteId: 'id' },
		uncertainty: { type: 'geojson', data: data.uncertainty, promoteId: 'id' },
		recruitment: { type: 'geojson', data: data.recruitment, promoteId: 'id' },
		'recruitment-labels': { type: 'geojson', data: data.recruitmentLabels }
	};
}

export function overlayLayers(filters: MapFilters): LayerSpecification[] {
	const years = yearAreaFilter(filters);
	const incidents = incidentFilter(filters);
	return [
		{
			id: 'recruitment-fill',
			type: 'fill',
			source: 'recruitment',
			filter: years,
			// Lighter where the oblast is our reading of a vaguer phrase, not the source's naming.
			paint: stateFill(PALETTE.recruitment, {
				selected: 0.3,
				hovered: 0.24,
				cases: [[['==', ['get', 'reading'], 'interpreted'], 0.07]],
				fallback: 0.16
			})
		},
		{
			id: 'recruitment-outline',
			type: 'line',
			source: 'recruitment',
			filter: years,
			paint: {
				'line-color': PALETTE.recruitment,
				'line-width': 1.6,
				'line-opacity': 0.85
			}
		},
		{
			id: 'recruitment-outline-selected',
			type: 'line',
			source: 'recruitment',
			filter: selectedOnly(years, []),
			paint: {
				'line-color': PALETTE.recruitment,
				'line-width': 3.2,
				'line-opacity': 0.85
			}
		},
		{
			id: 'recruitment-labels',
			type: 'symbol',
			source: 'recruitment-labels',
			filter: years,
			minzoom: 3.5,
			layout: {
				'text-field': ['get', 'label'],
				'text-font': [FONT_REGULAR],
				'text-size': 10,
				'text-offset': [0, 1.6]
			},
			paint: {
				'text-color': '#a04000',
				'text-halo-color': PALETTE.halo,
				'text-halo-width': 1.2
			}
		},
		{
			id: 'uncertainty-fill',
			type: 'fill',
			source: 'uncertainty',
			filter: incidents,
			paint: stateFill(PALETTE.uncertainty, { selected: 0.14, hovered: 0.1, fallback: 0.035 })
		},
		{
			id: 'uncertainty-outline',
			type: 'line',
			source: 'uncertainty',
			filter: incidents,
			paint: {
				'line-color': PALETTE.uncertainty,
				'line-width': 0.8,
				'line-opacity': 0.45,
				'line-dasharray': [2, 2]
			}
		},
		{
			id: 'uncertainty-outline-selected',
			type: 'line',
			source: 'uncertainty',
			filter: selectedOnly(incidents, []),
			paint: {
				'line-color': PALETTE.uncertainty,
				'line-width': 1.6,
				'line-opacity': 0.9,
				'line-dasharray': [1, 1]
			}
		},
		// Dots are images, like the markers, so they share the markers' WebGL program instead of
		// linking a circle program of their own; the selected place's dot is drawn over them.
		{
			id: 'place-dots',
			type: 'symbol',
			source: 'places',
			layout: {
				'icon-image': ['case', ['>', ['get', 'count'], 0], PLACE_DOT.busy, PLACE_DOT.quiet],
				'icon-allow-overlap': true,
				'icon-ignore-placement': true
			}
		},
		{
			id: 'place-dot-selected',
			type: 'symbol',
			source: 'places',
			filter: selectedOnly(['literal', true], []),
			layout: {
				'icon-image': PLACE_DOT.selected,
				'icon-allow-overlap': true,
				'icon-ignore-placement': true
			}
		},
		// Below the markers, so labels are placed after them and avoid them.
		{
			id: 'place-labels',
			type: 'symbol',
			source: 'places',
			layout: {
				// A country-level record sits at the country's centre: say so, or it reads as a town.
				'text-field': [
					'case',
					['==', ['get', 'kind'], 'country'],
					['concat', ['get', 'name'], '\n(country-level)'],
					['get', 'name']
				],
				'text-font': [FONT_BOLD],
				'text-size': ['case', ['>', ['get', 'count'], 0], 12.5, 11],
				'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
				// Clear of the place's fan of markers: its first ring's radius (MARKER_SPACING px
				// times n/2π, at least one spacing) plus half a marker, in ems of the label size.
				'text-radial-offset': [
					'case',
					['>', ['get', 'count'], 1],
					['+', 1.2, ['*', 1.4, ['max', 1, ['/', ['get', 'count'], 2 * Math.PI]]]],
					1.2
				],
				'text-justify': 'auto',
				'symbol-sort-key': ['-', 0, ['get', 'count']]
			},
			paint: {
				'text-color': PALETTE.place,
				'text-halo-color': PALETTE.halo,
				'text-halo-width': 1.6
			}
		},
		// Halos round the selected incidents and (fainter) the hovered one.
		...(
			[
				['incident-halo', 1],
				['incident-hover', 0.55]
			] as const
		).map(([id, opacity]): LayerSpecification => ({
			id,
			type: 'symbol',
			source: 'incidents',
			filter: selectedOnly(incidents, []),
			layout: {
				'icon-image': 'incident-halo',
				'icon-offset': markerOffset,
				'icon-allow-overlap': true,
				'icon-ignore-placement': true
			},
			paint: { 'icon-opacity': opacity }
		})),
		{
			// A dashed ring round records posted online or with no venue given: their marker
			// stands at the place they refer to, not where they happened.
			id: VENUE_LAYER,
			type: 'symbol',
			source: 'incidents',
			filter: venueFilter(incidents),
			layout: {
				'icon-image': 'incident-unplaced',
				'icon-offset': markerOffset,
				'icon-allow-overlap': true,
				'icon-ignore-placement': true
			}
		},
		{
			id: 'incident-markers',
			type: 'symbol',
			source: 'incidents',
			filter: incidents,
			layout: {
				'icon-image': ['get', 'icon'],
				'icon-offset': markerOffset,
				// Markers always draw, and take part in collision so the labels placed after
				// them (every label layer is below this one) make way: markers win over labels.
				'icon-allow-overlap': true,
				'icon-ignore-placement': false,
				'symbol-sort-key': ['get', 'year']
			}
		}
	];
}

/** Colours of the incident families, for the icons drawn at runtime. */
export const FAMILY_COLOURS = Object.fromEntries(FAMILIES.map((f) => [f.id, f.colour]));
