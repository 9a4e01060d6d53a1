/**
 * Imported datasets on the map: one GeoJSON source and one circle layer per dataset, in the
 * dataset's colour, filtered by the same expressions as the reports' markers, and the area
 * of uncertainty of a selected imported incident. Small functions over a map, so a later
 * tiled source (vector tiles for a million points) can replace `addImportedLayer` alone.
 */
import type {
	FilterSpecification,
	GeoJSONSource,
	ExpressionSpecification,
	Map as MapLibreMap
} from 'maplibre-gl';
import type { ImportedLayer } from '$lib/data/dataset-protocol';
import { UNCERTAINTY_RADIUS_KM } from '$lib/data/symbology';
import { PALETTE } from './palette';
import { TRUSTED, setLayerVisible } from './style';

import { importedLayerId, importedSourceId } from './imported-ids';

const UNCERTAINTY_SOURCE = 'imported-uncertainty';

const isSelected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const isHovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

/**
 * Adds a dataset's source and marker layer below the reports' markers. Precision shows in the
 * stroke: a filled dot for a site or town, a ring for a region or a whole country.
 */
export function addImportedLayer(
	map: MapLibreMap,
	layer: ImportedLayer,
	filter: FilterSpecification,
	beforeId?: string
): void {
	const id = layer.meta.id;
	map.addSource(importedSourceId(id), { type: 'geojson', data: layer.map, promoteId: 'id' });
	const vague: ExpressionSpecification = [
		'in',
		['get', 'precision'],
		['literal', ['region', 'country']]
	];
	map.addLayer(
		{
			id: importedLayerId(id),
			type: 'circle',
			source: importedSourceId(id),
			filter,
			layout: { visibility: layer.meta.visible ? 'visible' : 'none' },
			paint: {
				'circle-radius': [
					'interpolate',
					['linear'],
					['zoom'],
					3,
					['case', isSelected, 6, 2.5],
					10,
					['case', isSelected, 9, 6]
				],
				'circle-color': layer.meta.colour,
				'circle-opacity': ['case', vague, 0, 0.75],
				'circle-stroke-color': ['case', vague, layer.meta.colour, PALETTE.halo],
				'circle-stroke-width': ['case', isSelected, 2.5, isHovered, 2, vague, 1.5, 0.5]
			}
		},
		beforeId && map.getLayer(beforeId) ? beforeId : undefined
	);
}

export function setImportedVisible(map: MapLibreMap, dataset: string, visible: boolean): void {
	const layer = importedLayerId(dataset);
	if (map.getLayer(layer)) setLayerVisible(map, layer, visible);
}

export function setImportedFilter(
	map: MapLibreMap,
	datasets: readonly string[],
	filter: FilterSpecification
): void {
	for (const id of datasets) {
		const layer = importedLayerId(id);
		if (map.getLayer(layer)) map.setFilter(layer, filter, TRUSTED);
	}
}

/** The source holding the selected imported incident's area of uncertainty, added once. */
export function addImportedUncertainty(map: MapLibreMap, beforeId?: string): void {
	map.addSource(UNCERTAINTY_SOURCE, { type: 'geojson', data: emptyCollection() });
	map.addLayer(
		{
			id: `${UNCERTAINTY_SOURCE}-outline`,
			type: 'line',
			source: UNCERTAINTY_SOURCE,
			paint: {
				'line-color': PALETTE.uncertainty,
				'line-width': 1.6,
				'line-opacity': 0.9,
				'line-dasharray': [2, 2]
			}
		},
		beforeId && map.getLayer(beforeId) ? beforeId : undefined
	);
}

/**
 * Shows the area a selected imported incident may lie in, sized by its precision as the
 * reports' are (none for an exact site, nor for a whole country).
 */
export function showImportedUncertainty(
	map: MapLibreMap,
	point: readonly [number, number] | null,
	precision: string | null
): void {
	const source = map.getSource<GeoJSONSource>(UNCERTAINTY_SOURCE);
	if (!source) return;
	const km = precision ? UNCERTAINTY_RADIUS_KM[precision as 'town' | 'region'] : undefined;
	source.setData(point && km ? circlePolygon(point, km) : emptyCollection());
}

function emptyCollection(): GeoJSON.FeatureCollection {
	return { type: 'FeatureCollection', features: [] };
}

/** A 48-sided circle of `km` around a point (spherical; plenty for a drawn area). */
export function circlePolygon([lon, lat]: readonly [number, number], km: number): GeoJSON.Feature {
	const R = 6371;
	const ring: [number, number][] = [];
	const φ1 = (lat * Math.PI) / 180;
	const λ1 = (lon * Math.PI) / 180;
	const δ = km / R;
	for (let i = 0; i <= 48; i++) {
		const θ = (i / 48) * 2 * Math.PI;
		const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
		const λ2 =
			λ1 +
			Math.atan2(
				Math.sin(θ) * Math.sin(δ) * Math.cos(φ1),
				Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2)
			);
		ring.push([(λ2 * 180) / Math.PI, (φ2 * 180) / Math.PI]);
	}
	return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
}
