/**
 * The one place that drives MapLibre. The dashboard hands it data once and then only
 * intents (years, selection, layer visibility, where to look); it answers with events
 * (something was picked, the view moved). Filtering uses filter expressions and selection
 * uses feature-state, so no source is rebuilt after load.
 */
import {
	Map as MapLibreMap,
	NavigationControl,
	Popup,
	ScaleControl,
	AttributionControl,
	setWorkerUrl,
	type IControl,
	type LngLatBoundsLike,
	type MapGeoJSONFeature,
	type PaddingOptions
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Selection, View } from '$lib/state/url';
import { addMarkerImages } from './icons';
import {
	OVERLAY_LAYERS,
	PICKABLE_LAYERS,
	INCIDENT_FILTERED_LAYERS,
	YEAR_FILTERED_LAYERS,
	incidentFilter,
	basemapStyle,
	basemapUrls,
	overlayLayers,
	overlaySources,
	yearFilter,
	type MapFilters,
	type OverlayData
} from './style';
import type { OverlayKey } from '$lib/data/symbology';

export type AtlasMapOptions = {
	container: HTMLElement;
	overlay: OverlayData;
	/** Where to look first; null fits the data. */
	initialView: View | null;
	/** The extent of the data, for the first fit and the reset control. */
	dataBounds: [[number, number], [number, number]];
	filters: MapFilters;
	/** Room the panel takes over the map, so fitted data is not hidden behind it. */
	padding: () => PaddingOptions;
	onPick: (selection: Exclude<Selection, null>) => void;
	/** A recruitment area was picked (by its region id). */
	onPickArea?: (regionId: string) => void;
	onViewChange: (view: View) => void;
};

type StateTarget = { source: string; id: string };

let workerConfigured = false;

/** A control with one button that fits the map back to all the data. */
class ResetViewControl implements IControl {
	private container?: HTMLElement;
	constructor(private readonly reset: () => void) {}
	onAdd(): HTMLElement {
		const div = document.createElement('div');
		div.className = 'maplibregl-ctrl maplibregl-ctrl-group';
		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'atlas-reset-view';
		button.title = 'Reset view to all incidents';
		button.setAttribute('aria-label', 'Reset view to all incidents');
		button.textContent = '⤢';
		button.addEventListener('click', this.reset);
		div.append(button);
		this.container = div;
		return div;
	}
	onRemove(): void {
		this.container?.remove();
	}
}

export class AtlasMap {
	readonly map: MapLibreMap;
	/** Resolves once the style, images and overlays are in place. */
	readonly ready: Promise<void>;
	private selected: StateTarget[] = [];
	private hovered: StateTarget | null = null;
	private hoveredArea: StateTarget | null = null;
	private selectedArea: StateTarget | null = null;
	private readonly tooltip = new Popup({
		closeButton: false,
		closeOnClick: false,
		className: 'atlas-tooltip',
		offset: 14,
		maxWidth: '280px'
	});

	constructor(private readonly options: AtlasMapOptions) {
		if (!workerConfigured) {
			setWorkerUrl(workerUrl);
			workerConfigured = true;
		}
		const origin = window.location.origin;
		const base = document.querySelector('base')?.getAttribute('href')?.replace(/\/$/, '') ?? '';
		const basemap = basemapStyle(origin, basemapUrls(origin, base === '.' ? '' : base));
		// Overlays ride in the first style, so MapLibre parses them with the basemap rather than
		// after it has loaded.
		const style = {
			...basemap,
			sources: { ...basemap.sources, ...overlaySources(options.overlay) },
			layers: [...basemap.layers, ...overlayLayers(options.filters)]
		};
		const view = options.initialView;
		this.map = new MapLibreMap({
			container: options.container,
			style,
			...(view
				? {
						center: [view.lon, view.lat],
						zoom: view.zoom,
						bearing: view.bearing ?? 0,
						pitch: view.pitch ?? 0
					}
				: { bounds: options.dataBounds as LngLatBoundsLike }),
			fitBoundsOptions: { padding: options.padding() },
			attributionControl: false,
			// The view lives in the URL hash under our own codec, which also keeps selection.
			hash: false,
			maxZoom: 12,
			minZoom: 2.5,
			// The basemap ships lon 20..100, lat 10..62; beyond it there is nothing to draw.
			maxBounds: [
				[12, 4],
				[108, 66]
			],
			// Labels and markers appear at once: fading costs frames on software GL and
			// delays the map's idle after every year toggle.
			fadeDuration: 0,
			dragRotate: false,
			pitchWithRotate: false,
			touchPitch: false
		});
		this.map.touchZoomRotate.disableRotation();
		this.map.keyboard.disableRotation();
		this.map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
		this.map.addControl(new ResetViewControl(() => this.resetView()), 'top-left');
		this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
		this.map.addControl(
			new AttributionControl({
				compact: true,
				customAttribution: 'Boundaries: Natural Earth (public domain)'
			}),
			'bottom-right'
		);
		this.map
			.getCanvas()
			.setAttribute('aria-label', 'Map of incidents. Arrow keys pan, plus and minus zoom.');

		// Marker icons are drawn on demand, the first time a layer asks for one.
		this.map.on('styleimagemissing', () => addMarkerImages(this.map));
		this.ready = new Promise((resolve) => {
			this.map.once('load', () => {
				this.listen();
				this.listenAreas();
				resolve();
			});
		});
	}

	private listen(): void {
		const { map } = this;
		for (const layer of PICKABLE_LAYERS) {
			map.on('click', layer, (e) => {
				const feature = this.topFeature(e.features);
				if (!feature) return;
				const props = feature.properties as { id: string; place?: string };
				// A marker stands for its place: picking it opens everything that happened there.
				this.options.onPick({ kind: 'place', id: props.place ?? props.id });
			});
			map.on('mousemove', layer, (e) => this.hover(this.topFeature(e.features), e.lngLat));
			map.on('mouseleave', layer, () => this.hover(undefined));
		}
		map.on('moveend', () => this.options.onViewChange(this.view()));
	}

	/**
	 * Recruitment areas: hovering names one, clicking opens its evidence. A marker or place
	 * dot drawn over the area wins, both for the click and for the tooltip.
	 */
	private listenAreas(): void {
		const { map } = this;
		const layer = 'recruitment-fill';
		const overMarker = (point: { x: number; y: number }) =>
			map.queryRenderedFeatures([point.x, point.y], { layers: [...PICKABLE_LAYERS] }).length > 0;
		map.on('click', layer, (e) => {
			const area = e.features?.[0];
			if (area && !overMarker(e.point)) this.options.onPickArea?.(String(area.properties.id));
		});
		map.on('mousemove', layer, (e) => {
			const area = e.features?.[0];
			if (!area || this.hovered || overMarker(e.point)) return this.hoverArea(null);
			const props = area.properties as { id: string; label: string; year: number };
			this.hoverArea({ source: area.source, id: String(props.id) });
			map.getCanvas().style.cursor = 'pointer';
			// setText, never setHTML: names come from data.
			this.tooltip
				.setLngLat(e.lngLat)
				.setText(`${props.label} · recruitment area ${props.year}. Click for the evidence.`)
				.addTo(map);
		});
		map.on('mouseleave', layer, () => {
			if (!this.hoveredArea) return;
			this.hoverArea(null);
			if (!this.hovered) {
				map.getCanvas().style.cursor = '';
				this.tooltip.remove();
			}
		});
	}

	private hoverArea(target: StateTarget | null): void {
		if (this.hoveredArea?.id === target?.id) return;
		if (this.hoveredArea) this.map.setFeatureState(this.hoveredArea, { hover: false });
		if (target) this.map.setFeatureState(target, { hover: true });
		this.hoveredArea = target;
	}

	/** Outlines the recruitment area the panel shows, or none. */
	setSelectedArea(regionId: string | null): void {
		if (this.selectedArea) this.map.setFeatureState(this.selectedArea, { selected: false });
		this.selectedArea = regionId ? { source: 'recruitment', id: regionId } : null;
		if (this.selectedArea) this.map.setFeatureState(this.selectedArea, { selected: true });
	}

	/** Incidents win over the place dot beneath them. */
	private topFeature(features: MapGeoJSONFeature[] | undefined): MapGeoJSONFeature | undefined {
		if (!features?.length) return undefined;
		return features.find((f) => f.layer.id === 'incident-markers') ?? features[0];
	}

	private hover(feature: MapGeoJSONFeature | undefined, at?: { lng: number; lat: number }): void {
		const { map } = this;
		if (this.hovered) map.setFeatureState(this.hovered, { hover: false });
		this.hovered = null;
		if (!feature || !at) {
			map.getCanvas().style.cursor = '';
			this.tooltip.remove();
			return;
		}
		const props = feature.properties as Record<string, unknown>;
		const target = { source: feature.source, id: String(props.id) };
		map.setFeatureState(target, { hover: true });
		this.hovered = target;
		map.getCanvas().style.cursor = 'pointer';
		const text =
			feature.source === 'incidents'
				? `${props.date_label} · ${props.title}`
				: `${props.name}${Number(props.count) ? ` · ${props.count} incident${Number(props.count) === 1 ? '' : 's'}` : ''}`;
		// setText, never setHTML: titles come from data.
		this.tooltip.setLngLat(at).setText(text).addTo(map);
	}

	view(): View {
		const c = this.map.getCenter();
		return {
			zoom: this.map.getZoom(),
			lat: c.lat,
			lon: c.lng,
			bearing: this.map.getBearing(),
			pitch: this.map.getPitch()
		};
	}

	setFilters(filters: MapFilters): void {
		const incidents = incidentFilter(filters);
		for (const layer of INCIDENT_FILTERED_LAYERS) this.map.setFilter(layer, incidents);
		const years = yearFilter(filters.hiddenYears);
		for (const layer of YEAR_FILTERED_LAYERS) this.map.setFilter(layer, years);
	}

	setOverlayVisible(key: OverlayKey, visible: boolean): void {
		for (const layer of OVERLAY_LAYERS[key]) {
			this.map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
		}
	}

	/**
	 * Highlights a place and its incidents, or one incident, its place and its area of
	 * uncertainty. `incidentIds` are the incidents to mark.
	 */
	setSelection(placeId: string | null, incidentIds: readonly string[]): void {
		for (const target of this.selected) this.map.setFeatureState(target, { selected: false });
		const next: StateTarget[] = [];
		if (placeId) next.push({ source: 'places', id: placeId });
		for (const id of incidentIds) {
			next.push({ source: 'incidents', id }, { source: 'uncertainty', id });
		}
		for (const target of next) this.map.setFeatureState(target, { selected: true });
		this.selected = next;
	}

	/** Brings a point into view without zooming out from closer inspection. */
	flyTo(lngLat: [number, number], minZoom = 5.5): void {
		this.map.flyTo({
			center: lngLat,
			zoom: Math.max(this.map.getZoom(), minZoom),
			padding: this.options.padding(),
			essential: true
		});
	}

	resetView(): void {
		this.map.fitBounds(this.options.dataBounds as LngLatBoundsLike, {
			padding: this.options.padding()
		});
	}

	resize(): void {
		this.map.resize();
	}

	destroy(): void {
		this.tooltip.remove();
		this.map.remove();
	}
}
