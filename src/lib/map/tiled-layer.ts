/**
 * A tile set on the map: aggregated cells below zoom 10 (sized and labelled by the count that
 * passes the filters; the labels are page text, see CellLabels), raw events from zoom 10. A
 * published set is read from a PMTiles archive through the `pmtiles` protocol (HTTP range
 * requests to the site's own origin); a large imported dataset through the `atlas-import`
 * protocol, whose handler asks the dataset's worker for each tile (nothing leaves the page).
 * Filters only change expressions and the labels' sums; the tiles are never rebuilt. Loaded
 * lazily, only when a tile set is shown.
 */
import type {
	AddProtocolAction,
	ExpressionSpecification,
	FilterSpecification,
	GeoJSONSource,
	Map as MapLibreMap,
	MapGeoJSONFeature,
	MapMouseEvent,
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
import {
	cellFilter,
	pointFilter,
	visibleCountExpression,
	visibleCountKeys,
	type TileFilters
} from '$lib/tiles/expressions';
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

const SOURCE = 'tileset';
const OUTLINE_SOURCE = 'tileset-cell';
export const TILED_LAYERS = {
	cells: 'tileset-cells',
	points: 'tileset-points',
	picked: 'tileset-picked',
	outline: 'tileset-cell-outline'
} as const;
const PICKABLE = [TILED_LAYERS.points, TILED_LAYERS.cells];

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

	constructor(
		private readonly map: MapLibreMap,
		private readonly options: TiledLayerOptions
	) {
		this.meta = options.meta;
		const imported = options.tileUrl && /^atlas-import:\/\/([a-z0-9]+)\//.exec(options.tileUrl);
		if (imported) {
			registerImported(imported[1], options.archive, options.addProtocol);
			map.addSource(SOURCE, {
				type: 'vector',
				tiles: [options.tileUrl!],
				minzoom: 0,
				maxzoom: POINT_ZOOM,
				bounds: options.meta.bounds,
				attribution: options.meta.title
			});
		} else {
			const archive = options.archive as PMTiles;
			if (!protocol) {
				protocol = new Protocol();
				options.addProtocol('pmtiles', protocol.tile);
			}
			protocol.add(archive);
			const url = `pmtiles://${archive.source.getKey()}`;
			map.addSource(SOURCE, { type: 'vector', url, attribution: options.meta.title });
		}
		map.addSource(OUTLINE_SOURCE, {
			type: 'geojson',
			data: { type: 'FeatureCollection', features: [] }
		});
		const count = visibleCountExpression(this.meta, options.filters) as ExpressionSpecification;
		map.addLayer({
			id: TILED_LAYERS.cells,
			type: 'circle',
			source: SOURCE,
			'source-layer': CELL_LAYER,
			maxzoom: POINT_ZOOM,
			filter: cellFilter(this.meta, options.filters) as FilterSpecification,
			paint: {
				'circle-radius': radius(count),
				'circle-color': '#b03a2e',
				'circle-opacity': 0.72,
				'circle-stroke-color': '#ffffff',
				'circle-stroke-width': 1
			}
		});
		map.addLayer({
			id: TILED_LAYERS.points,
			type: 'circle',
			source: SOURCE,
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
			source: SOURCE,
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
		this.labels = new CellLabels(map, visibleCountKeys(this.meta, options.filters));
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
			const hit = map.queryRenderedFeatures(e.point, { layers }).length > 0;
			if (hit) map.getCanvas().style.cursor = 'pointer';
			else if (map.getCanvas().style.cursor === 'pointer') map.getCanvas().style.cursor = '';
		};
		map.on('click', click);
		map.on('mousemove', move);
		this.unlisten.push(
			() => map.off('click', click),
			() => map.off('mousemove', move)
		);
	}

	setFilters(filters: TileFilters): void {
		const { map, meta } = this;
		const cells = cellFilter(meta, filters) as FilterSpecification;
		const count = visibleCountExpression(meta, filters) as ExpressionSpecification;
		map.setFilter(TILED_LAYERS.cells, cells, TRUSTED);
		map.setPaintProperty(TILED_LAYERS.cells, 'circle-radius', radius(count), TRUSTED);
		map.setFilter(TILED_LAYERS.points, pointFilter(meta, filters) as FilterSpecification, TRUSTED);
		// The labels' counts come from the tiles already loaded: they change in this frame.
		this.labels.setKeys(visibleCountKeys(meta, filters));
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
		for (const id of [SOURCE, OUTLINE_SOURCE])
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
	private readonly refresh = () => this.update();

	constructor(
		private readonly map: MapLibreMap,
		private keys: string[]
	) {
		this.root = document.createElement('div');
		this.root.className = 'atlas-cell-labels';
		this.root.setAttribute('aria-hidden', 'true');
		map.getCanvasContainer().append(this.root);
		map.on('move', this.follow);
		map.on('idle', this.refresh);
	}

	setKeys(keys: string[]): void {
		this.keys = keys;
		this.update();
	}

	/** Chooses the labels for the cells of the tiles now shown, and what each says. */
	private update(): void {
		const { map } = this;
		const features =
			map.getZoom() < POINT_ZOOM
				? map.querySourceFeatures(SOURCE, { sourceLayer: CELL_LAYER })
				: [];
		const seen = new Set<number>();
		const candidates: (LabelCandidate & { lngLat: [number, number] })[] = [];
		for (const feature of features) {
			const id = feature.id;
			if (typeof id !== 'number' || seen.has(id)) continue;
			seen.add(id);
			const count = visibleCount(feature.properties, this.keys);
			// Too small to be labelled: not projected.
			if (count < LABEL_MIN_COUNT) continue;
			const lngLat = (feature.geometry as GeoJSON.Point).coordinates as [number, number];
			const { x, y } = map.project(lngLat);
			candidates.push({ id, x, y, count, lngLat });
		}
		const canvas = map.getCanvas();
		const view = { width: canvas.clientWidth, height: canvas.clientHeight };
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
		this.map.off('idle', this.refresh);
		this.root.remove();
	}
}
