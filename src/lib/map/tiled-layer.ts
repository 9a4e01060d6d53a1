/**
 * A tile set on the map: aggregated cells below zoom 10 (sized and labelled by the count that
 * passes the filters; the labels are page text, see CellLabels), raw events from zoom 10. A
 * published set is read from a PMTiles archive through the `pmtiles` protocol (HTTP range
 * requests to the site's own origin); a large imported dataset through the `atlas-import`
 * protocol, whose handler asks the dataset's worker for each tile (nothing leaves the page).
 *
 * A filter change never makes MapLibre lay the cells out again. Each cell's count under the
 * filters is its feature-state `n`, which the cells' paint reads (radius; no circle at 0): a
 * toggle sets the states of the cells loaded, on the main thread, and each tile that loads
 * later gets its states as it arrives, before it is drawn. (A new filter, or a data-driven
 * paint value, would make MapLibre's worker rebuild every tile in view, which made a toggle at
 * 1 M events take most of a second.) The events from zoom 10 are a source of their own, so
 * their filter only ever reloads their tiles, never the cells'. Loaded lazily, only when a
 * tile set is shown.
 */
import type {
	AddProtocolAction,
	ExpressionSpecification,
	FilterSpecification,
	GeoJSONSource,
	Map as MapLibreMap,
	MapGeoJSONFeature,
	MapMouseEvent,
	MapSourceDataEvent,
	PaddingOptions
} from 'maplibre-gl';
import { Protocol, type PMTiles } from 'pmtiles';
import type { TileArchive } from '$lib/tiles/source';
import { FAMILIES } from '$lib/data/symbology';
import type { CellRef } from '$lib/state/url';
import { cellOfFeatureId } from '$lib/tiles/aggregate';
import {
	LABEL_MIN_COUNT,
	placeLabels,
	visibleCount,
	type LabelCandidate
} from '$lib/tiles/cell-labels';
import { pointFilter, visibleCountKeys, type TileFilters } from '$lib/tiles/expressions';
import { pointCell } from '$lib/tiles/reader';
import {
	CELLS_PER_TILE,
	CELL_LAYER,
	POINT_LAYER,
	POINT_ZOOM,
	type TileSetMeta
} from '$lib/tiles/schema';
import { worldToLonLat } from '$lib/tiles/tile-id';
import { TRUSTED } from './style';

/** The cells, below {@link POINT_ZOOM}. */
const SOURCE = 'tileset';
/** The events, from {@link POINT_ZOOM}: the same tiles, a source of their own. */
const POINT_SOURCE = 'tileset-events';
const OUTLINE_SOURCE = 'tileset-cell';
export const TILED_LAYERS = {
	cells: 'tileset-cells',
	points: 'tileset-points',
	picked: 'tileset-picked',
	outline: 'tileset-cell-outline'
} as const;
const PICKABLE = [TILED_LAYERS.points, TILED_LAYERS.cells];

/** A cell loaded, with its count under the filters. */
type CellCount = { id: number; count: number; lngLat: [number, number] };

/** What this layer reads of a tile MapLibre has loaded (see TiledLayer.stateTile). */
type LoadedTile = {
	latestFeatureIndex?: {
		rawTileData?: unknown;
		loadVTLayers?: () => Record<
			string,
			| {
					length: number;
					feature(i: number): { id?: unknown; properties: Record<string, unknown> };
			  }
			| undefined
		>;
	};
};

/** A feature that is drawn: a cell whose count under the filters is zero is not. */
const drawn = (f: MapGeoJSONFeature) => f.layer.id !== TILED_LAYERS.cells || Number(f.state?.n) > 0;

let protocol: Protocol | null = null;

/** The imported datasets' archives the `atlas-import` protocol answers for, by dataset id. */
const importedArchives = new Map<string, TileArchive>();
let importProtocol = false;

/** Serves `atlas-import://<dataset>/<z>/<x>/<y>` from that dataset's worker. */
function registerImported(
	dataset: string,
	archive: TileArchive,
	addProtocol: TiledLayerOptions['addProtocol']
): void {
	importedArchives.set(dataset, archive);
	if (importProtocol) return;
	importProtocol = true;
	addProtocol('atlas-import', async (params, abort) => {
		const match = /^atlas-import:\/\/([a-z0-9]+)\/(\d+)\/(\d+)\/(\d+)$/.exec(params.url);
		const source = match && importedArchives.get(match[1]);
		if (!match || !source) throw new Error(`no imported tiles for ${params.url}`);
		const [z, x, y] = [match[2], match[3], match[4]].map(Number);
		const tile = await source.getZxy(z, x, y, abort.signal);
		// An empty tile is an empty answer, as the pmtiles protocol gives one.
		return { data: tile?.data ?? new ArrayBuffer(0) };
	});
}

export type TiledLayerOptions = {
	archive: TileArchive;
	/** An imported dataset's tile URL template (`atlas-import://<dataset>/{z}/{x}/{y}`); without
	 * it, `archive` is a published PMTiles archive. */
	tileUrl?: string;
	meta: TileSetMeta;
	filters: TileFilters;
	/** A cell (or, from zoom 10, one event in its zoom-10 cell) was clicked. */
	onPick: (cell: CellRef, pick: string | null) => void;
	/** Bring a cell, or all the data, into view once added (null: keep the view). */
	fit: CellRef | 'all' | null;
	padding: PaddingOptions;
	/** MapLibre's addProtocol, handed over by the map (so this lazy module imports no MapLibre
	 * code: sharing it would split the map's chunk in two). */
	addProtocol: (name: string, action: AddProtocolAction) => void;
};

export class TiledLayer {
	private meta: TileSetMeta;
	private readonly unlisten: (() => void)[] = [];
	private readonly labels: CellLabels;
	/** The count properties the filters leave visible: a cell's state `n` is their sum. */
	private keys: string[];
	/** The cells whose state `n` is set for these filters. */
	private readonly stated = new Set<number>();
	/** The events' filter for these filters, not yet given to their layer (see setFilters). */
	private pendingPointFilter: FilterSpecification | null = null;

	constructor(
		private readonly map: MapLibreMap,
		private readonly options: TiledLayerOptions
	) {
		this.meta = options.meta;
		const imported = options.tileUrl && /^atlas-import:\/\/([a-z0-9]+)\//.exec(options.tileUrl);
		let tiles: string;
		if (imported) {
			registerImported(imported[1], options.archive, options.addProtocol);
			tiles = options.tileUrl!;
		} else {
			const archive = options.archive as PMTiles;
			if (!protocol) {
				protocol = new Protocol();
				options.addProtocol('pmtiles', protocol.tile);
			}
			protocol.add(archive);
			tiles = `pmtiles://${archive.source.getKey()}/{z}/{x}/{y}`;
		}
		const { bounds, title } = options.meta;
		map.addSource(SOURCE, {
			type: 'vector',
			tiles: [tiles],
			minzoom: 0,
			maxzoom: POINT_ZOOM - 1,
			bounds,
			attribution: title
		});
		map.addSource(POINT_SOURCE, {
			type: 'vector',
			tiles: [tiles],
			minzoom: POINT_ZOOM,
			maxzoom: POINT_ZOOM,
			bounds
		});
		map.addSource(OUTLINE_SOURCE, {
			type: 'geojson',
			data: { type: 'FeatureCollection', features: [] }
		});
		this.keys = visibleCountKeys(this.meta, options.filters);
		// A cell with no state yet (not seen since the filters changed) is not drawn.
		const count: ExpressionSpecification = ['coalesce', ['feature-state', 'n'], 0];
		const shown = (value: number | ExpressionSpecification): ExpressionSpecification => [
			'case',
			['>', count, 0],
			value,
			0
		];
		map.addLayer({
			id: TILED_LAYERS.cells,
			type: 'circle',
			source: SOURCE,
			'source-layer': CELL_LAYER,
			maxzoom: POINT_ZOOM,
			paint: {
				'circle-radius': shown(radius(count)),
				'circle-color': '#b03a2e',
				'circle-opacity': shown(0.72),
				'circle-stroke-color': '#ffffff',
				'circle-stroke-width': shown(1)
			}
		});
		map.addLayer({
			id: TILED_LAYERS.points,
			type: 'circle',
			source: POINT_SOURCE,
			'source-layer': POINT_LAYER,
			minzoom: POINT_ZOOM,
			filter: pointFilter(this.meta, options.filters) as FilterSpecification,
			paint: {
				'circle-radius': 4.5,
				'circle-color': [
					'match',
					['get', 'k'],
					...this.meta.kinds.flatMap((kind, i) => [
						i,
						FAMILIES.find((f) => f.id === kind)?.colour ?? '#555555'
					]),
					'#555555'
				] as unknown as ExpressionSpecification,
				'circle-stroke-color': '#ffffff',
				'circle-stroke-width': 1
			}
		});
		map.addLayer({
			id: TILED_LAYERS.picked,
			type: 'circle',
			source: POINT_SOURCE,
			'source-layer': POINT_LAYER,
			minzoom: POINT_ZOOM,
			filter: ['==', ['get', 'id'], ''],
			paint: {
				'circle-radius': 8,
				'circle-color': 'rgba(0,0,0,0)',
				'circle-stroke-color': '#111111',
				'circle-stroke-width': 2.5
			}
		});
		map.addLayer({
			id: TILED_LAYERS.outline,
			type: 'line',
			source: OUTLINE_SOURCE,
			paint: { 'line-color': '#111111', 'line-width': 2, 'line-dasharray': [2, 1] }
		});
		this.labels = new CellLabels(map);
		this.listen();
		const { fit, padding } = options;
		if (fit === 'all') {
			const [w, s, e, n] = options.meta.bounds;
			map.fitBounds(
				[
					[w, s],
					[e, n]
				],
				{ padding, duration: 0 }
			);
		} else if (fit) this.showCell(fit, padding);
	}

	private listen(): void {
		const { map } = this;
		const click = (e: MapMouseEvent) => {
			const layers = PICKABLE.filter((id) => map.getLayer(id));
			// Circles of neighbouring cells overlap: the one whose centre is nearest wins.
			const distance = (f: MapGeoJSONFeature) => {
				const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
				return Math.hypot(p.x - e.point.x, p.y - e.point.y);
			};
			const [feature] = map
				.queryRenderedFeatures(e.point, { layers })
				.filter(drawn)
				.sort((a, b) => distance(a) - distance(b));
			if (!feature) return;
			if (feature.layer.id === TILED_LAYERS.points) {
				const [lon, lat] = (feature.geometry as GeoJSON.Point).coordinates;
				this.options.onPick(pointCell(lon, lat), String(feature.properties.id));
			} else if (typeof feature.id === 'number') {
				this.options.onPick(cellOfFeatureId(feature.id), null);
			}
		};
		const move = (e: MapMouseEvent) => {
			const layers = PICKABLE.filter((id) => map.getLayer(id));
			const hit = map.queryRenderedFeatures(e.point, { layers }).some(drawn);
			if (hit) map.getCanvas().style.cursor = 'pointer';
			else if (map.getCanvas().style.cursor === 'pointer') map.getCanvas().style.cursor = '';
		};
		// A tile's cells get their states as it arrives, before it is drawn.
		const arrived = (e: MapSourceDataEvent) => {
			if (e.sourceId === SOURCE && e.tile) this.stateTile(e.tile);
		};
		// At rest: cells that came back from MapLibre's tile cache get their states too, and
		// the labels are chosen for what is now in view.
		const rest = () => this.labels.show(this.stateCells());
		const zoom = () => this.applyPointFilter();
		map.on('zoom', zoom);
		map.on('click', click);
		map.on('mousemove', move);
		map.on('sourcedata', arrived);
		map.on('idle', rest);
		this.unlisten.push(
			() => map.off('click', click),
			() => map.off('mousemove', move),
			() => map.off('sourcedata', arrived),
			() => map.off('idle', rest),
			() => map.off('zoom', zoom)
		);
	}

	/** Sets a cell's state `n` to its count under the filters, once per filter change. */
	private stateCell(id: unknown, properties: Readonly<Record<string, unknown>>): number {
		const n = visibleCount(properties, this.keys);
		if (typeof id === 'number' && !this.stated.has(id)) {
			this.stated.add(id);
			this.map.setFeatureState({ source: SOURCE, sourceLayer: CELL_LAYER, id }, { n });
		}
		return n;
	}

	/**
	 * The cells of a tile that just loaded. MapLibre's event carries the tile (typed `any`);
	 * its parsed layers are read as MapLibre's own `querySourceFeatures` reads them. A tile with
	 * no data has no cells. Should MapLibre's tile change shape, every cell in view is stated
	 * instead: slower, the same result (and the tests read the states either way).
	 */
	private stateTile(tile: unknown): void {
		const index = (tile as LoadedTile).latestFeatureIndex;
		if (!index?.rawTileData) return;
		if (typeof index.loadVTLayers !== 'function') {
			this.stateCells();
			return;
		}
		const cells = index.loadVTLayers()[CELL_LAYER];
		if (!cells) return;
		for (let i = 0; i < cells.length; i++) {
			const feature = cells.feature(i);
			this.stateCell(feature.id, feature.properties);
		}
	}

	/** States every loaded cell in view that has none for these filters; returns them all. */
	private stateCells(): CellCount[] {
		const { map } = this;
		if (map.getZoom() >= POINT_ZOOM) return [];
		const seen = new Set<number>();
		const cells: CellCount[] = [];
		for (const feature of map.querySourceFeatures(SOURCE, { sourceLayer: CELL_LAYER })) {
			const id = feature.id;
			if (typeof id !== 'number' || seen.has(id)) continue;
			seen.add(id);
			const count = this.stateCell(id, feature.properties);
			const lngLat = (feature.geometry as GeoJSON.Point).coordinates as [number, number];
			cells.push({ id, count, lngLat });
		}
		return cells;
	}

	setFilters(filters: TileFilters): void {
		const { map, meta } = this;
		this.keys = visibleCountKeys(meta, filters);
		// Cells kept in MapLibre's tile cache would come back with the old counts: every state
		// goes, and the cells loaded get theirs now (the others as they come back into view).
		map.removeFeatureState({ source: SOURCE, sourceLayer: CELL_LAYER });
		this.stated.clear();
		this.labels.show(this.stateCells());
		// A new filter reloads the events' tiles and holds the map back from idle for a frame,
		// even when none are loaded: below zoom 10 it waits until the map nears that zoom.
		this.pendingPointFilter = pointFilter(meta, filters) as FilterSpecification;
		this.applyPointFilter();
	}

	/** Gives the events' layer the filters' expression once the map is near their zoom. */
	private applyPointFilter(): void {
		if (!this.pendingPointFilter || this.map.getZoom() < POINT_ZOOM - 1) return;
		this.map.setFilter(TILED_LAYERS.points, this.pendingPointFilter, TRUSTED);
		this.pendingPointFilter = null;
	}

	/** Outlines the open cell and rings the picked event. */
	setSelection(cell: CellRef | null, pick: string | null): void {
		const source = this.map.getSource<GeoJSONSource>(OUTLINE_SOURCE);
		source?.setData({
			type: 'FeatureCollection',
			features: cell ? [cellOutline(cell)] : []
		});
		this.map.setFilter(TILED_LAYERS.picked, ['==', ['get', 'id'], pick ?? ''], TRUSTED);
	}

	/** Brings a cell into view at a zoom where it is split into what it holds. */
	showCell(cell: CellRef, padding: PaddingOptions): void {
		const [[w, s], [e, n]] = cellBounds(cell);
		this.map.fitBounds(
			[
				[w, s],
				[e, n]
			],
			{ padding, maxZoom: Math.min(cell.z + 3, 12), duration: 0 }
		);
	}

	destroy(): void {
		for (const off of this.unlisten) off();
		this.labels.destroy();
		for (const id of Object.values(TILED_LAYERS))
			if (this.map.getLayer(id)) this.map.removeLayer(id);
		for (const id of [SOURCE, POINT_SOURCE, OUTLINE_SOURCE])
			if (this.map.getSource(id)) this.map.removeSource(id);
	}
}

/** Circle radius by the visible count: 3 px for one event, growing with its logarithm. */
function radius(count: ExpressionSpecification): ExpressionSpecification {
	return ['interpolate', ['linear'], count, 1, 3, 10, 5, 100, 8, 1000, 12, 10000, 16, 100000, 21];
}

/** The south-west and north-east corners of a cell. */
export function cellBounds(cell: CellRef): [[number, number], [number, number]] {
	const side = Math.pow(2, cell.z) * CELLS_PER_TILE;
	const [w, n] = worldToLonLat(cell.x / side, cell.y / side);
	const [e, s] = worldToLonLat((cell.x + 1) / side, (cell.y + 1) / side);
	return [
		[w, s],
		[e, n]
	];
}

function cellOutline(cell: CellRef): GeoJSON.Feature<GeoJSON.Polygon> {
	const [[w, s], [e, n]] = cellBounds(cell);
	return {
		type: 'Feature',
		properties: {},
		geometry: {
			type: 'Polygon',
			coordinates: [
				[
					[w, s],
					[e, s],
					[e, n],
					[w, n],
					[w, s]
				]
			]
		}
	};
}

/**
 * The cells' count labels, as page text over the map: one absolutely placed element per label
 * in a layer above the canvas (never taking pointer events, hidden from assistive technology:
 * the panel says the same in words). The set of labels is chosen again when the filters change
 * and whenever the map comes to rest (new tiles, another zoom); while the map moves, each label
 * only follows its cell's centre. Text goes in with `textContent`.
 */
class CellLabels {
	private readonly root: HTMLElement;
	private placed: { lngLat: [number, number]; element: HTMLElement }[] = [];
	private readonly follow = () => this.position();

	constructor(private readonly map: MapLibreMap) {
		this.root = document.createElement('div');
		this.root.className = 'atlas-cell-labels';
		this.root.setAttribute('aria-hidden', 'true');
		map.getCanvasContainer().append(this.root);
		map.on('move', this.follow);
	}

	/** Chooses the labels among the cells now shown, with their counts under the filters. */
	show(cells: readonly CellCount[]): void {
		const { map } = this;
		const bounds = map.getBounds();
		const candidates: (LabelCandidate & { lngLat: [number, number] })[] = [];
		for (const { id, count, lngLat } of cells) {
			// Too small to be labelled, or outside the view (a tile reaches past it): not projected.
			if (count < LABEL_MIN_COUNT || !bounds.contains(lngLat)) continue;
			const { x, y } = map.project(lngLat);
			candidates.push({ id, x, y, count, lngLat });
		}
		// The canvas's size in CSS pixels from its drawing buffer: reading its layout size would
		// force a layout of the page in the middle of a toggle.
		const canvas = map.getCanvas();
		const ratio = map.getPixelRatio();
		const view = { width: canvas.width / ratio, height: canvas.height / ratio };
		const labels = placeLabels(candidates, view);
		// Elements are reused: a toggle rewrites text, it does not rebuild the layer.
		const elements = this.placed.map((p) => p.element);
		while (elements.length > labels.length) elements.pop()!.remove();
		while (elements.length < labels.length) {
			const element = document.createElement('span');
			element.className = 'atlas-cell-label';
			this.root.append(element);
			elements.push(element);
		}
		this.placed = labels.map((label, i) => {
			const element = elements[i];
			if (element.textContent !== label.text) element.textContent = label.text;
			element.dataset.cell = String(label.id);
			return { lngLat: label.lngLat, element };
		});
		this.position();
	}

	/** Puts each label on its cell's centre as the map is now. */
	private position(): void {
		for (const label of this.placed) {
			const { x, y } = this.map.project(label.lngLat);
			label.element.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
		}
	}

	destroy(): void {
		this.map.off('move', this.follow);
		this.root.remove();
	}
}
