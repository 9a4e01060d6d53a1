import { readFileSync } from 'node:fs';
import { createPropertyExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import type { StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { offsetAt, toMapIncidents } from '$lib/data/map-features';
import { IncidentCollection } from '$lib/data/schema';
import { OFFSET_ZOOMS } from '$lib/data/symbology';
import { overlayLayers } from './style';

const incidents = IncidentCollection.parse(
	JSON.parse(readFileSync('geodata/incidents.geojson', 'utf8'))
).features;
const markers = toMapIncidents(incidents);
const noFilters = { hiddenYears: [], hiddenKinds: [], hiddenStatuses: [] };

/** One overlay layer's property, parsed as MapLibre parses it. */
function propertyOf(layerId: string, group: 'layout' | 'paint', name: string) {
	const layer = overlayLayers(noFilters).find((l) => l.id === layerId);
	if (!layer) throw new Error(`no layer ${layerId}`);
	const spec = (latest as unknown as Record<string, Record<string, unknown>>)[
		`${group}_${layer.type}`
	][name];
	const value = (layer as unknown as Record<string, Record<string, unknown> | undefined>)[group]?.[
		name
	];
	const parsed = createPropertyExpression(
		value,
		`layers[${layerId}].${group}.${name}`,
		spec as StylePropertySpecification
	);
	if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
	return parsed.value;
}

const iconOffsetOf = (layerId: string) => propertyOf(layerId, 'layout', 'icon-offset');

describe('incident marker icon-offset', () => {
	it.each(['incident-markers', 'incident-halo'])(
		'%s: gives each marker exactly its [x, y] offset at every zoom, typed as MapLibre expects',
		(layerId) => {
			const expression = iconOffsetOf(layerId);
			for (const zoom of [...OFFSET_ZOOMS, 2.5, 6.7, 12]) {
				for (const f of markers.features) {
					const feature = { type: 'Point' as const, properties: f.properties, geometry: [] };
					const got = expression.evaluate({ zoom }, feature as never) as unknown as number[];
					const [x, y] = offsetAt(f.properties, zoom);
					expect(got[0]).toBeCloseTo(x, 6);
					expect(got[1]).toBeCloseTo(y, 6);
				}
			}
		}
	);
});

describe('the whole style', () => {
	it('passes MapLibre style validation, so the map can skip validating it on load', async () => {
		const { validateStyleMin } = await import('@maplibre/maplibre-gl-style-spec');
		const { basemapStyle, basemapUrl, overlaySources } = await import('./style');
		const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
		const origin = 'http://localhost';
		const basemap = basemapStyle(origin, basemapUrl(origin));
		const style = {
			...basemap,
			sources: {
				...basemap.sources,
				...overlaySources({
					incidents: markers as GeoJSON.FeatureCollection,
					places: empty,
					uncertainty: empty,
					recruitment: empty,
					recruitmentLabels: empty
				})
			},
			layers: [
				...basemap.layers,
				...overlayLayers({
					...noFilters,
					hiddenYears: [2011],
					range: { from: 1, to: 2, within: true }
				})
			]
		};
		expect(validateStyleMin(style)).toEqual([]);
		// A broken layer is caught: the check is not vacuous.
		const broken = { ...style, layers: [...style.layers, { id: 'x', type: 'circle' }] };
		expect(validateStyleMin(broken as never).length).toBeGreaterThan(0);
	});
});

describe('the basemap', () => {
	it('draws every part of its one file, and only parts the file holds', async () => {
		const { basemapStyle, basemapUrl } = await import('./style');
		const { BASEMAP_PARTS, BASEMAP_PART_KEY } = await import('./basemap');
		const file = JSON.parse(readFileSync('static/basemap/basemap.geojson', 'utf8'));
		const inFile = new Set(
			(file.features as GeoJSON.Feature[]).map((f) => f.properties?.[BASEMAP_PART_KEY] as string)
		);
		expect([...inFile].sort()).toEqual([...BASEMAP_PARTS].sort());
		const style = basemapStyle('http://localhost', basemapUrl('http://localhost'));
		expect(Object.keys(style.sources)).toEqual(['basemap']);
		// Each layer's filter starts with its part: ['==', ['get', 'layer'], part].
		const drawn = style.layers.flatMap((l) => {
			if (!('filter' in l) || !l.filter) return [];
			const f = l.filter as unknown[];
			const own = (f[0] === 'all' ? f[1] : f) as unknown[];
			return [own[2] as string];
		});
		expect(new Set(drawn)).toEqual(inFile);
	});
});

describe('overlay fills', () => {
	function fillColour(layerId: string, properties: Record<string, unknown>, state: object) {
		const expression = propertyOf(layerId, 'paint', 'fill-color');
		const feature = { type: 'Polygon' as const, properties, geometry: [] };
		const c = expression.evaluate({ zoom: 5 }, feature as never, state as never) as unknown as {
			a: number;
		};
		return Math.round(c.a * 1000) / 1000;
	}

	it('draw selected, hovered and interpreted areas at their own opacities', () => {
		const named = { reading: 'named' };
		expect(fillColour('recruitment-fill', named, { selected: true })).toBe(0.3);
		expect(fillColour('recruitment-fill', named, { hover: true })).toBe(0.24);
		expect(fillColour('recruitment-fill', named, {})).toBe(0.16);
		expect(fillColour('recruitment-fill', { reading: 'interpreted' }, {})).toBe(0.07);
		expect(fillColour('uncertainty-fill', {}, { selected: true })).toBe(0.14);
		expect(fillColour('uncertainty-fill', {}, {})).toBe(0.035);
	});
});
