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
	addProtocol,
	setWorkerUrl,
	prewarm,
	type AddProtocolAction,
	type IControl,
	type LngLatBoundsLike,
	type MapGeoJSONFeature,
	type PaddingOptions,
	type PointLike
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { isolate } from '$lib/data/bidi';
import type { MapIncidentProps } from '$lib/data/map-features';
import { offsetAt } from '$lib/data/symbology';
import type { Selection, View } from '$lib/state/url';
import { spaceLoadingFrames } from './frame-spacing';
import { addMarkerImages, resolveMarkerImages } from './icons';
import {
	OVERLAY_LAYERS,
	PICKABLE_LAYERS,
	INCIDENT_FILTERED_LAYERS,
	SELECTION_LAYERS,
	TRUSTED,
	addOwnLayers,
	VENUE_LAYER,
	venueFilter,
	YEAR_FILTERED_LAYERS,
	incidentFilter,
	basemapStyle,
	basemapUrl,
	overlayLayers,
	overlaySources,
	selectedOnly,
	setLayerVisible,
	yearAreaFilter,
	type MapFilters,
	type OverlayData
} from './style';
import type { OverlayKey } from '$lib/data/symbology';
import type { ImportedLayer } from '$lib/data/dataset-protocol';
import { datasetOfIncident } from '$lib/import/ids';
import { importedLayerId, importedSourceId } from './imported-ids';

type ImportedLayers = typeof import('./imported-layers');

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
	/** Incident ids in date order: the order the keyboard steps through markers in view. */
	incidentOrder: readonly string[];
	/** A marker picks its incident, a place dot its place. */
	onPick: (selection: Exclude<Selection, null>) => void;
	/** Escape on the map: let go of the selection. */
	onClear: () => void;
	/** A recruitment area was picked (by its region id). */
	onPickArea?: (regionId: string) => void;
	onViewChange: (view: View) => void;
	/** Imported datasets, each drawn as its own layer. */
	imported?: readonly ImportedLayer[];
	/** A map started before the data was in ({@link startEarlyMap}), to take over. */
	early?: EarlyMap | null;
};

/** A map started with the basemap and empty overlays while the dataset is checked. */
export type EarlyMap = {
	map: MapLibreMap;
	/** The element MapLibre draws in; it moves into the dashboard's map area. */
	element: HTMLElement;
	/** Resolves once the style is read: its sources exist and can take data. */
	styled: Promise<void>;
	/** Resolves on the map's `load` (which fires once, possibly before it is taken over). */
	loaded: Promise<void>;
};

/** Keys that step through the incident markers in view while the map has focus. */
const NEXT_MARKER_KEY = ']';
const PREVIOUS_MARKER_KEY = '[';

type StateTarget = { source: string; id: string };

let workerConfigured = false;

/**
 * Where a map started before the data looks until the data says where to: about where the
 * reports' incidents lie. Only the tiles cut for this view are redone if the data's fit
 * differs, and the fit comes long before the basemap's sources are parsed.
 */
const EARLY_BOUNDS: LngLatBoundsLike = [
	[40, 30],
	[80, 56]
];

/** The element MapLibre draws in, filling `host` (a positioned box). */
function mapElement(host: HTMLElement): HTMLElement {
	const element = document.createElement('div');
	element.className = 'atlas-map-canvas-host';
	host.append(element);
	return element;
}

/** The style: the basemap with the overlays, so MapLibre parses all of it at once. */
/** The basemap, with the overlays' sources and layers when their data is given. */
function fullStyle(overlay: { data: OverlayData; filters: MapFilters } | null) {
	const origin = window.location.origin;
	const base = document.querySelector('base')?.getAttribute('href')?.replace(/\/$/, '') ?? '';
	const basemap = basemapStyle(origin, basemapUrl(origin, base === '.' ? '' : base));
	if (!overlay) return basemap;
	return {
		...basemap,
		sources: { ...basemap.sources, ...overlaySources(overlay.data) },
		layers: [...basemap.layers, ...overlayLayers(overlay.filters)]
	};
}

type ViewCamera = { center: [number, number]; zoom: number; bearing: number; pitch: number };
type Camera =
	ViewCamera | { bounds: LngLatBoundsLike; fitBoundsOptions: { padding: PaddingOptions | number } };

function cameraOf(view: View): ViewCamera {
	return {
		center: [view.lon, view.lat],
		zoom: view.zoom,
		bearing: view.bearing ?? 0,
		pitch: view.pitch ?? 0
	};
}

function createMap(element: HTMLElement, style: ReturnType<typeof fullStyle>, camera: Camera) {
	warmUpMap();
	const map = new MapLibreMap({
		container: element,
		style,
		// The style is ours and is validated by the unit tests (style.spec.ts), not on every load.
		validateStyle: false,
		...camera,
		attributionControl: false,
		// The view lives in the URL hash under our own codec, which also keeps selection.
		hash: false,
		maxZoom: 12,
		minZoom: 2.5,
		// The basemap ships lon 20..100, lat 10..62; beyond it there is nothing to draw. The
		// extra latitude lets a tall phone screen fit the data above its bottom sheet (the
		// camera is bounded without regard to padding).
		maxBounds: [
			[12, -25],
			[108, 72]
		],
		// Labels and markers appear at once: fading costs frames on software GL and
		// delays the map's idle after every year toggle.
		fadeDuration: 0,
		dragRotate: false,
		pitchWithRotate: false,
		touchPitch: false
	});
	// One frame per gap while tiles arrive, not one per tile: see frame-spacing.ts.
	spaceLoadingFrames(map);
	return map;
}

let early: EarlyMap | null = null;

/**
 * Starts the map in `host` before the dataset is checked, so that MapLibre fetches and
 * parses the basemap, loads its fonts and links its programs while the dataset worker
 * checks the data: the dashboard takes it over ({@link takeEarlyMap}) and fills in the
 * overlays. `view` is the link's view, if it has one.
 */
export function startEarlyMap(host: HTMLElement, view: View | null): void {
	if (early) return;
	const element = mapElement(host);
	const map = createMap(
		element,
		// The overlays come with their data at the takeover: sources created empty here would
		// be tiled once empty and again when filled, the second time at the end of the load.
		fullStyle(null),
		view ? cameraOf(view) : { bounds: EARLY_BOUNDS, fitBoundsOptions: { padding: 50 } }
	);
	performance.mark('atlas:map-created');
	early = {
		map,
		element,
		styled: new Promise((resolve) => map.once('style.load', () => resolve())),
		loaded: new Promise((resolve) => map.once('load', () => resolve()))
	};
}

/** The map started early, once: a dashboard started again later makes its own. */
export function takeEarlyMap(): EarlyMap | null {
	const taken = early;
	early = null;
	return taken;
}

/** Stops a map started early that nothing took over (the data could not be shown). */
export function dropEarlyMap(): void {
	early?.map.remove();
	early?.element.remove();
	early = null;
}

/**
 * Points MapLibre at its worker script, once, and keeps its worker pool alive between maps
 * (`prewarm`), so a dashboard started again (after an import) does not start a new worker.
 */
function warmUpMap(): void {
	if (workerConfigured) return;
	setWorkerUrl(workerUrl);
	prewarm();
	workerConfigured = true;
}

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
	/** Registers a URL protocol for sources added later (a tile set's `pmtiles://`). */
	readonly addProtocol = (name: string, action: AddProtocolAction) => addProtocol(name, action);
	/** Resolves once the style, images and overlays are in place. */
	readonly ready: Promise<void>;
	/**
	 * Resolves once the style's sources and layers exist, before the first full render: layers
	 * can be shown, hidden or added from then on (a tile set's, so that its tiles load with the
	 * basemap rather than after it).
	 */
	readonly styled: Promise<void>;
	private selected: StateTarget[] = [];
	private hovered: StateTarget | null = null;
	/** The marker the keyboard stepped to, if any. */
	private keyboardMarker: string | null = null;
	/** How the pointer last touched the map: a tap must not leave a hover tooltip behind. */
	private pointerType = 'mouse';
	private readonly incidentRank: Map<string, number>;
	private readonly incidentProps: Map<string, MapIncidentProps>;
	/** Tells screen readers which marker the keyboard is on. */
	private readonly announcer: HTMLElement;
	private hoveredArea: StateTarget | null = null;
	private selectedArea: StateTarget | null = null;
	/** The filters in force, which the selected-outline layers narrow to the selection. */
	private filters: MapFilters;
	/** The years the recruitment areas belong to: only these change the areas' filter. */
	private readonly areaYears: number[];
	/** The reports' incidents drawn as selected (halo, outline of their area). */
	private selectedIncidents: string[] = [];
	/** The place whose dot is drawn as selected. */
	private selectedPlace: string | null = null;
	private readonly tooltip = new Popup({
		closeButton: false,
		closeOnClick: false,
		className: 'atlas-tooltip',
		offset: 14,
		// Never wider than a phone's map, so it can always be placed inside it.
		maxWidth: 'min(280px, calc(100vw - 24px))'
	});

	constructor(private readonly options: AtlasMapOptions) {
		this.filters = options.filters;
		this.areaYears = [
			...new Set(options.overlay.recruitment.features.map((f) => Number(f.properties?.year)))
		];
		const view = options.initialView;
		const { early } = options;
		let loaded: Promise<void>;
		if (early) {
			// Taken over: it moves here, shows this view and gets the data.
			options.container.append(early.element);
			this.map = early.map;
			this.map.resize();
			if (view) this.map.jumpTo(cameraOf(view));
			else this.map.fitBounds(options.dataBounds, { padding: options.padding(), duration: 0 });
			// The data goes in as soon as the style's sources exist, not after the basemap loads.
			const filled = early.styled.then(() => this.fillOverlays());
			this.styled = filled;
			loaded = Promise.all([early.loaded, filled]).then(() => undefined);
		} else {
			this.map = createMap(
				mapElement(options.container),
				fullStyle({ data: options.overlay, filters: options.filters }),
				view
					? cameraOf(view)
					: { bounds: options.dataBounds, fitBoundsOptions: { padding: options.padding() } }
			);
			loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
			this.styled = new Promise((resolve) =>
				this.map.once('style.load', () => {
					this.addImages();
					resolve();
				})
			);
		}
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
			.setAttribute(
				'aria-label',
				'Map of incidents. Arrow keys pan, plus and minus zoom. ' +
					`${NEXT_MARKER_KEY} and ${PREVIOUS_MARKER_KEY} step through the incidents in view, ` +
					'Enter opens the one stepped to, Escape clears the selection.'
			);
		this.incidentRank = new Map(options.incidentOrder.map((id, i) => [id, i]));
		this.incidentProps = new Map(
			options.overlay.incidents.features.map((f) => {
				const props = f.properties as MapIncidentProps;
				return [props.id, props];
			})
		);
		this.announcer = document.createElement('div');
		this.announcer.className = 'sr-only';
		this.announcer.setAttribute('aria-live', 'polite');
		this.announcer.dataset.testid = 'map-announcer';
		this.map.getContainer().append(this.announcer);

		// Marker icons are drawn on demand, the first time a layer asks for one.
		resolveMarkerImages(this.map);
		this.ready = loaded.then(async () => {
			await this.addImported();
			this.listen();
			this.listenAreas();
		});
	}

	/** The reports' marker images, drawn before their tiles ask for them. */
	private addImages(): void {
		const markers = this.options.overlay.incidents.features.map((f) => String(f.properties?.icon));
		addMarkerImages(this.map, markers);
	}

	/** A map started early: the overlays join it, with their data and the filters. */
	private fillOverlays(): void {
		this.addImages();
		addOwnLayers(
			this.map,
			overlaySources(this.options.overlay),
			overlayLayers(this.options.filters)
		);
	}

	/**
	 * Imported datasets go under the reports' markers, which stay on top. Their layer code
	 * loads only when there are some, so it costs the first load nothing otherwise.
	 */
	private async addImported(): Promise<void> {
		if (!this.options.imported?.length) return;
		const layers = await import('./imported-layers');
		const filter = incidentFilter(this.options.filters);
		layers.addImportedUncertainty(this.map, 'incident-halo');
		for (const layer of this.options.imported)
			layers.addImportedLayer(this.map, layer, filter, 'incident-halo');
		this.importedLayers = layers;
	}

	private importedLayers: ImportedLayers | null = null;

	private get importedIds(): string[] {
		return (this.options.imported ?? []).map((l) => l.meta.id);
	}

	/**
	 * The imported datasets this map's own layers draw. A large one is drawn as tiles and its
	 * layer here is empty; a new filter on it would still make MapLibre reload it, and hold
	 * every toggle back a frame.
	 */
	private get drawnImportedIds(): string[] {
		return (this.options.imported ?? [])
			.filter((l) => l.map.features.length > 0)
			.map((l) => l.meta.id);
	}

	/** The layers a pointer picks from: the reports' and every imported dataset's markers. */
	private get pickableLayers(): string[] {
		return [...PICKABLE_LAYERS, ...this.importedIds.map(importedLayerId)];
	}

	private listen(): void {
		const { map } = this;
		const canvas = map.getCanvasContainer();
		// Recorded before the mouse events a browser synthesises from a tap.
		canvas.addEventListener('pointerdown', (e) => (this.pointerType = e.pointerType));
		canvas.addEventListener('pointermove', (e) => (this.pointerType = e.pointerType));
		// One handler for all pickable layers, so an incident marker wins over the place dot
		// beneath it wherever both are hit (per-layer handlers each saw only their own layer).
		map.on('mousemove', (e) => {
			const feature = this.pick(e.point);
			map.getCanvas().style.cursor = feature ? 'pointer' : '';
			if (this.pointerType === 'touch') return;
			this.hover(feature, e.lngLat);
		});
		map.on('mouseout', () => this.hover(undefined));
		map.on('click', (e) => {
			const feature = this.pick(e.point);
			// On touch there is no hover: the tap's choice shows in the panel, not in a tooltip.
			if (this.pointerType === 'touch') this.hover(undefined);
			if (!feature) return;
			const props = feature.properties as { id: string };
			this.options.onPick(
				isIncidentSource(feature.source)
					? { kind: 'incident', id: String(props.id) }
					: { kind: 'place', id: String(props.id) }
			);
		});
		map.getCanvas().addEventListener('keydown', (e) => this.onKey(e));
		map.on('moveend', () => this.options.onViewChange(this.view()));
		// A marker stepped to with the keyboard is placed for one view; moving drops it.
		map.on('movestart', () => {
			if (this.keyboardMarker) this.hover(undefined);
		});
	}

	/** The feature a pointer at `point` picks: an incident marker over a place dot. */
	private pick(point: PointLike): MapGeoJSONFeature | undefined {
		const layers = this.pickableLayers.filter((id) => this.map.getLayer(id));
		return this.topFeature(this.map.queryRenderedFeatures(point, { layers }));
	}

	private onKey(e: KeyboardEvent): void {
		if (e.altKey || e.ctrlKey || e.metaKey) return;
		if (e.key === NEXT_MARKER_KEY || e.key === PREVIOUS_MARKER_KEY) {
			e.preventDefault();
			this.stepMarker(e.key === NEXT_MARKER_KEY ? 1 : -1);
		} else if (e.key === 'Enter' && this.keyboardMarker) {
			e.preventDefault();
			this.options.onPick({ kind: 'incident', id: this.keyboardMarker });
		} else if (e.key === 'Escape') {
			this.hover(undefined);
			this.announcer.textContent = 'Selection cleared.';
			this.options.onClear();
		}
	}

	/** Incident ids drawn in the current view, in date order. */
	private markersInView(): string[] {
		if (!this.map.getLayer('incident-markers')) return [];
		const ids = new Set(
			this.map
				.queryRenderedFeatures({ layers: ['incident-markers'] })
				.map((f) => String(f.properties.id))
		);
		const rank = (id: string) => this.incidentRank.get(id) ?? Number.MAX_SAFE_INTEGER;
		return [...ids].sort((a, b) => rank(a) - rank(b));
	}

	/** Moves the keyboard to the next (or previous) marker in view and announces it. */
	private stepMarker(direction: 1 | -1): void {
		const ids = this.markersInView();
		if (!ids.length) {
			this.hover(undefined);
			this.announcer.textContent = 'No incidents in view.';
			return;
		}
		const at = this.keyboardMarker ? ids.indexOf(this.keyboardMarker) : -1;
		const next =
			at < 0 ? (direction > 0 ? 0 : ids.length - 1) : (at + direction + ids.length) % ids.length;
		const id = ids[next];
		const feature = this.map
			.queryRenderedFeatures({ layers: ['incident-markers'] })
			.find((f) => String(f.properties.id) === id);
		const props = this.incidentProps.get(id);
		if (!feature || !props) return;
		// The tooltip points at the marker itself, which sits offset from its place's point.
		const [lon, lat] = (feature.geometry as GeoJSON.Point).coordinates;
		const [dx, dy] = offsetAt(props, this.map.getZoom());
		const base = this.map.project([lon, lat]);
		this.hover(feature, this.map.unproject([base.x + dx, base.y + dy]));
		this.keyboardMarker = id;
		this.announcer.textContent =
			`Incident ${next + 1} of ${ids.length} in view: ${props.date_label}, ${props.title}. ` +
			'Enter opens it.';
	}

	/**
	 * Recruitment areas: hovering names one, clicking opens its evidence. A marker or place
	 * dot drawn over the area wins, both for the click and for the tooltip.
	 */
	private listenAreas(): void {
		const { map } = this;
		const layer = 'recruitment-fill';
		const overMarker = (point: { x: number; y: number }) =>
			map.queryRenderedFeatures([point.x, point.y], {
				layers: this.pickableLayers.filter((id) => map.getLayer(id))
			}).length > 0;
		map.on('click', layer, (e) => {
			const area = e.features?.[0];
			if (area && !overMarker(e.point)) this.options.onPickArea?.(String(area.properties.id));
		});
		map.on('mousemove', layer, (e) => {
			const area = e.features?.[0];
			if (!area || this.hovered || overMarker(e.point)) return this.hoverArea(null);
			const props = area.properties as { id: string; area_name: string; year: number };
			this.hoverArea({ source: area.source, id: String(props.id) });
			map.getCanvas().style.cursor = 'pointer';
			// setText, never setHTML: names come from data.
			this.tooltip
				.setLngLat(e.lngLat)
				.setText(
					`${isolate(props.area_name)} · recruitment area ${props.year}. Click for the evidence.`
				)
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
		this.outlineSelection();
	}

	/** Narrows the selection layers to the selected area and incidents and the hovered one. */
	private outlineSelection(): void {
		const incidents = incidentFilter(this.filters);
		const hovered = this.hovered?.source === 'incidents' ? [this.hovered.id] : [];
		const keep = {
			area: selectedOnly(
				yearAreaFilter(this.filters, this.areaYears),
				this.selectedArea ? [this.selectedArea.id] : []
			),
			selected: selectedOnly(incidents, this.selectedIncidents),
			hovered: selectedOnly(incidents, hovered),
			place: selectedOnly(['literal', true], this.selectedPlace ? [this.selectedPlace] : [])
		};
		// MapLibre ignores a filter equal to the one in force, so unchanged layers cost nothing.
		for (const [layer, which] of Object.entries(SELECTION_LAYERS))
			this.map.setFilter(layer, keep[which], TRUSTED);
	}

	/** Incidents win over the place dot beneath them. */
	private topFeature(features: MapGeoJSONFeature[] | undefined): MapGeoJSONFeature | undefined {
		if (!features?.length) return undefined;
		return (
			features.find((f) => f.layer.id === 'incident-markers') ??
			features.find((f) => isIncidentSource(f.source)) ??
			features[0]
		);
	}

	/** Shows `feature` as hovered (halo, tooltip at `at`), or nothing when it is undefined. */
	private hover(feature: MapGeoJSONFeature | undefined, at?: { lng: number; lat: number }): void {
		const { map } = this;
		if (this.hovered) map.setFeatureState(this.hovered, { hover: false });
		const before = this.hovered;
		this.hovered = null;
		this.keyboardMarker = null;
		if (!feature || !at) {
			this.tooltip.remove();
			if (before) this.outlineSelection();
			return;
		}
		const props = feature.properties as Record<string, unknown>;
		const target = { source: feature.source, id: String(props.id) };
		map.setFeatureState(target, { hover: true });
		this.hovered = target;
		if (before?.id !== target.id || before.source !== target.source) this.outlineSelection();
		const text = isIncidentSource(feature.source)
			? `${props.date_label} · ${isolate(props.title)}`
			: `${isolate(props.name)}${Number(props.count) ? ` · ${props.count} incident${Number(props.count) === 1 ? '' : 's'}` : ''}`;
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

	/**
	 * Filters the reports' layers and the imported datasets' markers. With `reports: false`
	 * (a tile set is shown and the reports' layers are hidden) only the imported markers are
	 * filtered: filtering hidden layers would make MapLibre re-tile their sources on every
	 * toggle for nothing. Call again with `reports: true` when they are shown.
	 */
	setFilters(filters: MapFilters, { reports = true } = {}): void {
		const incidents = incidentFilter(filters);
		this.importedLayers?.setImportedFilter(this.map, this.drawnImportedIds, incidents);
		if (!reports) return;
		this.filters = filters;
		this.outlineSelection();
		for (const layer of INCIDENT_FILTERED_LAYERS) this.map.setFilter(layer, incidents, TRUSTED);
		this.map.setFilter(VENUE_LAYER, venueFilter(incidents), TRUSTED);
		const years = yearAreaFilter(filters, this.areaYears);
		for (const layer of YEAR_FILTERED_LAYERS) this.map.setFilter(layer, years, TRUSTED);
	}

	/** Shows or hides one imported dataset's layer. */
	setDatasetVisible(dataset: string, visible: boolean): void {
		this.importedLayers?.setImportedVisible(this.map, dataset, visible);
	}

	/** The area of uncertainty of a selected imported incident, or none. */
	setImportedUncertainty(point: readonly [number, number] | null, precision: string | null): void {
		this.importedLayers?.showImportedUncertainty(this.map, point, precision);
	}

	setOverlayVisible(key: OverlayKey, visible: boolean): void {
		for (const layer of OVERLAY_LAYERS[key]) setLayerVisible(this.map, layer, visible);
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
			const dataset = datasetOfIncident(id);
			if (dataset) next.push({ source: importedSourceId(dataset), id });
			else next.push({ source: 'incidents', id }, { source: 'uncertainty', id });
		}
		for (const target of next) this.map.setFeatureState(target, { selected: true });
		this.selected = next;
		this.selectedIncidents = next.filter((t) => t.source === 'incidents').map((t) => t.id);
		this.selectedPlace = placeId;
		this.outlineSelection();
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

	/**
	 * A copy of the map as drawn, at the canvas's own (device-pixel) size. The WebGL buffer
	 * is not preserved between frames (that would cost every frame), so this waits until the
	 * map is idle, asks for one more frame and copies the canvas inside that frame's `render`
	 * event, while the drawing buffer still holds it.
	 */
	snapshot(): Promise<HTMLCanvasElement> {
		const { map } = this;
		return new Promise((resolve, reject) => {
			const capture = () => {
				map.once('render', () => {
					const source = map.getCanvas();
					const copy = document.createElement('canvas');
					copy.width = source.width;
					copy.height = source.height;
					const ctx = copy.getContext('2d');
					if (!ctx) return reject(new Error('This browser cannot copy the map (no 2D canvas).'));
					ctx.drawImage(source, 0, 0);
					resolve(copy);
				});
				map.triggerRepaint();
			};
			if (map.loaded() && !map.isMoving()) capture();
			else map.once('idle', capture);
		});
	}

	/**
	 * A copy of the map drawn right now, for printing: `beforeprint` cannot wait for a frame,
	 * so this renders synchronously and copies the canvas in the same task, before the
	 * drawing buffer is cleared. Browsers print a WebGL canvas blank or grey otherwise.
	 */
	printCopy(): HTMLCanvasElement | null {
		this.map.redraw();
		const source = this.map.getCanvas();
		const copy = document.createElement('canvas');
		copy.width = source.width;
		copy.height = source.height;
		const ctx = copy.getContext('2d');
		if (!ctx) return null;
		ctx.drawImage(source, 0, 0);
		return copy;
	}

	resize(): void {
		this.map.resize();
	}

	destroy(): void {
		this.tooltip.remove();
		this.announcer.remove();
		this.map.remove();
	}
}

/** True for the reports' incident source and every imported dataset's. */
function isIncidentSource(source: string): boolean {
	return (
		source === 'incidents' || (source.startsWith('imported-') && source !== 'imported-uncertainty')
	);
}
