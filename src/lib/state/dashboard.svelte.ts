/**
 * The dashboard's one state object. Data flows one way: validated collections in, then
 * filters and selection here, then map and panel read from it. Map and panel change it
 * only through the intent methods below.
 */
import { getContext, setContext } from 'svelte';
import type { AtlasData } from '$lib/data/load';
import { buildActorIndex, type ActorIndex } from '$lib/data/actors';
import { areaSlug } from '$lib/data/areas';
import type {
	AttributionStatus,
	IncidentFeature,
	PlaceFeature,
	RegionFeature,
	SourceDocument
} from '$lib/data/schema';
import {
	groupByPlace,
	incidentsAtPlace,
	indexById,
	visibleIncidents,
	yearCounts
} from '$lib/data/incidents';
import {
	FAMILIES,
	OVERLAYS,
	STATUSES,
	type CategoryFamily,
	type OverlayKey
} from '$lib/data/symbology';
import { dataSpan, clampRange, kindStatusShown, parseComboId } from '$lib/timeline/histogram';
import { datasetOfIncident } from '$lib/import/ids';
import { fromMonthIndex, monthIndex, yearInRange, type TimeRange } from '$lib/timeline/period';
import type { CellRef, Selection, UrlState, View } from './url';
import type { TileArchive } from '$lib/tiles/source';
import type { TileSetMeta } from '$lib/tiles/schema';

/** A published tile set being shown (see src/lib/tiles/): where it is and what it holds. */
export type ShownTileSet = {
	name: string;
	url: string;
	meta: TileSetMeta;
	archive: TileArchive;
	/** Set for an imported dataset: the tile URL template its worker answers (tiles/imported.ts). */
	tileUrl?: string;
};

/** A point for the map to bring into view, zoomed in at least to `minZoom` if given. */
export type FocusRequest = { lngLat: [number, number]; seq: number; minZoom?: number };

export class Dashboard {
	readonly data: AtlasData;
	readonly placeById: Map<string, PlaceFeature>;
	readonly incidentById: Map<string, IncidentFeature>;
	readonly sourceById: Map<string, SourceDocument>;
	/** The reports' years with their counts, and the months their periods cover. */
	private readonly reportYears: { year: number; count: number }[];
	private readonly reportSpan: { from: number; to: number };

	/**
	 * A published tile set shown instead of the reports' incidents, its open cell (the panel
	 * lists its events) and one event picked in it. The year toggles, the range and the kind and
	 * status filters then apply to the tile set.
	 */
	tiles = $state.raw<ShownTileSet | null>(null);
	tileCell = $state.raw<CellRef | null>(null);
	tilePick = $state<string | null>(null);
	/** True when the map should fit the tile set just shown (no view came with it). */
	fitTiles = false;
	/** Why the tile set in the link could not be shown, if it could not. */
	tilesError = $state<string | null>(null);

	/** Every year in the data shown with its total count, for the toggles. */
	readonly years = $derived.by(() =>
		this.tiles
			? this.tiles.meta.years.map(({ year, count }) => ({ year, count }))
			: this.reportYears
	);
	/** The months the data's periods cover (first and last month index), for the timeline. */
	readonly span = $derived.by(() => {
		const years = this.tiles?.meta.years;
		return years?.length
			? { from: years[0].year * 12, to: years[years.length - 1].year * 12 + 11 }
			: this.reportSpan;
	});

	hiddenYears = $state<number[]>([]);
	/** Category families and attribution statuses switched off in the legend. */
	hiddenKinds = $state<CategoryFamily[]>([]);
	hiddenStatuses = $state<AttributionStatus[]>([]);
	/** The time range set on the timeline, or null for all time. */
	range = $state.raw<TimeRange | null>(null);
	selection = $state.raw<Selection>(null);
	overlays = $state<Record<OverlayKey, boolean>>(
		Object.fromEntries(OVERLAYS.map((o) => [o.id, true])) as Record<OverlayKey, boolean>
	);
	/** The source whose excerpts the panel lists, when a reader opens a citation. */
	sourceId = $state<string | null>(null);
	/** The view as the map last reported it. */
	view = $state.raw<View | null>(null);
	/** True once the map has drawn its first view; secondary controls load after it. */
	mapSettled = $state(false);
	/** A request for the map to bring a point into view. */
	focus = $state.raw<FocusRequest | null>(null);
	/** A view to jump to, set when history restores an older link. */
	viewRequest = $state.raw<View | null>(null);

	// Explore: actors and areas.
	readonly actors: ActorIndex;
	readonly regionById: Map<string, RegionFeature>;
	readonly regionBySlug: Map<string, RegionFeature>;
	/** Slug of the actor whose incidents alone are shown ("show only incidents naming …"). */
	onlyActor = $state<string | null>(null);
	/** The actor (slug) or the admin-1 area (region id) the panel shows over the selection. */
	actorView = $state<string | null>(null);
	areaView = $state<string | null>(null);
	readonly selectedActor = $derived.by(() =>
		this.actorView ? this.actors.bySlug.get(this.actorView) : undefined
	);
	readonly selectedArea = $derived.by(() =>
		this.areaView ? this.regionById.get(this.areaView) : undefined
	);
	/** The panel's explore views as the URL names them. */
	readonly exploreViews = $derived({
		actorView: this.actorView,
		area: this.areaView ? areaSlug(this.areaView) : null
	});
	private readonly onlyActorIds = $derived.by(() => {
		const actor = this.onlyActor ? this.actors.bySlug.get(this.onlyActor) : undefined;
		return actor ? new Set(actor.incidents.map((f) => f.properties.id)) : null;
	});
	/** Imported datasets switched off in the Datasets list (their ids). */
	hiddenDatasets = $state<string[]>([]);
	/** An imported incident a link names that this machine does not hold. */
	missingImported = $state<string | null>(null);
	private readonly hiddenDatasetSet = $derived(new Set(this.hiddenDatasets));
	private readonly passesActor = (f: IncidentFeature) =>
		(!this.onlyActorIds || this.onlyActorIds.has(f.properties.id)) &&
		(this.hiddenDatasetSet.size === 0 ||
			!this.hiddenDatasetSet.has(datasetOfIncident(f.properties.id) ?? ''));

	readonly hiddenSet = $derived(new Set(this.hiddenYears));
	/** Every filter besides the years, as {@link visibleIncidents} takes them. */
	readonly incidentFilters = $derived({
		families: new Set(this.hiddenKinds),
		statuses: new Set(this.hiddenStatuses),
		range: this.range
	});
	readonly visible = $derived.by(() =>
		visibleIncidents(this.data.incidents, this.hiddenSet, this.incidentFilters).filter(
			this.passesActor
		)
	);
	/** Incidents passing every filter but the years: what each year toggle counts. */
	readonly yearCountsShown = $derived.by(() => {
		if (this.tiles) return this.tileYearCounts(this.tiles.meta);
		const counts = new Map(
			yearCounts(
				visibleIncidents(this.data.incidents, new Set(), this.incidentFilters).filter(
					this.passesActor
				)
			).map((y) => [y.year, y.count])
		);
		return this.years.map(({ year }) => ({ year, count: counts.get(year) ?? 0 }));
	});
	/** A tile set's events per year that pass the kind, status and range filters. */
	private tileYearCounts(meta: TileSetMeta): { year: number; count: number }[] {
		const shown = kindStatusShown(meta, this);
		const range = this.range;
		return meta.years.map(({ year, by }) => {
			let count = 0;
			if (!range || yearInRange(year, range)) {
				for (const [id, n] of Object.entries(by)) {
					const combo = parseComboId(id);
					if (combo && shown(combo.kind, combo.status)) count += n;
				}
			}
			return { year, count };
		});
	}

	/** True when any filter besides the years is on, so the panel can say so. */
	readonly kindFiltered = $derived(this.hiddenKinds.length + this.hiddenStatuses.length > 0);
	/** Everything switched off, as one value the map and the URL both take. */
	readonly filters = $derived({
		hiddenYears: this.hiddenYears,
		hiddenKinds: this.hiddenKinds,
		hiddenStatuses: this.hiddenStatuses,
		range: this.range,
		onlyActor: this.onlyActor
	});
	readonly groups = $derived.by(() => groupByPlace(this.visible, this.data.places));

	readonly selectedIncident = $derived.by(() =>
		this.selection?.kind === 'incident' ? this.incidentById.get(this.selection.id) : undefined
	);
	readonly selectedPlace = $derived.by(() => {
		const s = this.selection;
		if (!s) return undefined;
		if (s.kind === 'place') return this.placeById.get(s.id);
		const incident = this.incidentById.get(s.id);
		return incident ? this.placeById.get(incident.properties.place) : undefined;
	});
	/** The visible incidents at the selected place, in date order. */
	readonly placeIncidents = $derived(
		this.selectedPlace ? incidentsAtPlace(this.visible, this.selectedPlace.properties.id) : []
	);

	constructor(data: AtlasData, initial: UrlState) {
		this.data = data;
		this.placeById = indexById(data.places);
		this.incidentById = indexById(data.incidents);
		this.sourceById = new Map(data.sources.map((s) => [s.id, s]));
		this.reportYears = yearCounts(data.incidents);
		this.reportSpan = dataSpan(data.incidents);
		this.actors = buildActorIndex(data.incidents);
		this.regionById = indexById(data.regions);
		this.regionBySlug = new Map(data.regions.map((r) => [areaSlug(r.properties.id), r]));
		this.hiddenDatasets = (data.imported ?? [])
			.filter((l) => !l.meta.visible)
			.map((l) => l.meta.id);
		this.restore(initial);
	}

	/** Applies a parsed link, ignoring ids and years that are not in the data. */
	restore(state: UrlState): void {
		const known = new Set(this.years.map((y) => y.year));
		this.hiddenYears = state.hiddenYears.filter((y) => known.has(y));
		const families: readonly string[] = FAMILIES.map((f) => f.id);
		const statuses: readonly string[] = STATUSES.map((s) => s.id);
		this.hiddenKinds = (state.hiddenKinds ?? []).filter((k): k is CategoryFamily =>
			families.includes(k)
		);
		this.hiddenStatuses = (state.hiddenStatuses ?? []).filter((k): k is AttributionStatus =>
			statuses.includes(k)
		);
		this.selection = this.knownSelection(state.selection);
		this.range = state.range ? this.fitRange(state.range) : null;
		this.sourceId = state.source && this.sourceById.has(state.source) ? state.source : null;
		this.restoreExplore(state);
		const sameTiles = this.tiles && state.tiles === this.tiles.name;
		this.tileCell = sameTiles ? (state.cell ?? null) : null;
		this.tilePick = sameTiles && state.cell ? (state.pick ?? null) : null;
	}

	/**
	 * Shows a tile set instead of the reports (null: back to the reports), then applies the
	 * link's filters and cell again, now that its years are known.
	 */
	showTiles(tiles: ShownTileSet | null, state?: UrlState): void {
		this.fitTiles = Boolean(tiles && !state?.view);
		this.tiles = tiles;
		this.selection = null;
		this.sourceId = null;
		this.closeExploreViews();
		if (state) this.restore(state);
		else {
			const known = new Set(this.years.map((y) => y.year));
			this.hiddenYears = this.hiddenYears.filter((y) => known.has(y));
			this.range = this.range ? this.fitRange(this.range) : null;
			this.tileCell = null;
			this.tilePick = null;
		}
	}

	/** Opens a cell of the tile set in the panel, with one of its events picked (or none). */
	selectCell(cell: CellRef, pick: string | null = null): void {
		this.tileCell = cell;
		this.tilePick = pick;
	}

	/**
	 * Picks one event in the open cell (null: none); given its position, the map flies there,
	 * close enough to draw it as a dot.
	 */
	pickInCell(id: string | null, at?: [number, number]): void {
		if (!this.tileCell) return;
		this.tilePick = id;
		if (id && at) this.requestFocus(at, 10);
	}

	private restoreExplore({ onlyActor, actorView, area }: UrlState): void {
		const actor = (slug: string | null | undefined) =>
			slug && this.actors.bySlug.has(slug) ? slug : null;
		this.onlyActor = actor(onlyActor);
		this.actorView = actor(actorView);
		this.areaView = (area && this.regionBySlug.get(area)?.properties.id) || null;
	}

	private knownSelection(selection: Selection): Selection {
		if (!selection) return null;
		const index = selection.kind === 'place' ? this.placeById : this.incidentById;
		if (index.has(selection.id)) return selection;
		// A link to an imported record opened where that dataset is not: say so, not nothing.
		if (selection.kind === 'incident' && datasetOfIncident(selection.id))
			this.missingImported = selection.id;
		return null;
	}

	/** Shows or hides an imported dataset's incidents everywhere (map, lists, counts). */
	setDatasetVisible(id: string, visible: boolean): void {
		this.hiddenDatasets = toggled(this.hiddenDatasets, id, visible);
	}

	/** Told when the legend shows or hides a dataset, so the choice is stored. */
	onDatasetVisible: ((id: string, visible: boolean) => void) | null = null;

	isYearVisible(year: number): boolean {
		return !this.hiddenSet.has(year);
	}

	setYearVisible(year: number, visible: boolean): void {
		this.hiddenYears = toggled(this.hiddenYears, year, visible);
	}

	showAllYears(): void {
		this.hiddenYears = [];
	}

	setKindVisible(family: CategoryFamily, visible: boolean): void {
		this.hiddenKinds = toggled(this.hiddenKinds, family, visible);
	}

	setStatusVisible(status: AttributionStatus, visible: boolean): void {
		this.hiddenStatuses = toggled(this.hiddenStatuses, status, visible);
	}

	showAllKinds(): void {
		this.hiddenKinds = [];
		this.hiddenStatuses = [];
	}

	/** Sets the time range (null: all time), kept within the data's span. */
	setRange(range: TimeRange | null): void {
		this.range = range ? this.fitRange(range) : null;
	}

	/**
	 * A range kept within the span; on a tile set, which counts whole years, widened to whole
	 * years, so the range shown (and linked) is the one counted.
	 */
	private fitRange(range: TimeRange): TimeRange {
		const r = clampRange(range, this.span);
		if (!this.tiles) return r;
		const year = (month: number) => fromMonthIndex(month).year;
		return { ...r, from: monthIndex(year(r.from), 1), to: monthIndex(year(r.to), 12) };
	}

	/** Selects a place; from the panel (fly: true) the map also brings it into view. */
	selectPlace(id: string, options: { fly?: boolean } = {}): void {
		this.selection = this.knownSelection({ kind: 'place', id });
		this.sourceId = null;
		this.closeExploreViews();
		const place = this.placeById.get(id);
		if (place && options.fly) this.requestFocus(place.geometry.coordinates);
	}

	/** Brings the selected incident or place into view, e.g. for a link without a view. */
	focusSelection(): void {
		const target = this.selectedIncident ?? this.selectedPlace;
		if (target) this.requestFocus(target.geometry.coordinates);
	}

	private requestFocus([lon, lat]: readonly number[], minZoom?: number): void {
		this.focus = { lngLat: [lon, lat], seq: (this.focus?.seq ?? 0) + 1, minZoom };
	}

	/**
	 * Selects one incident (the panel then shows its place with it highlighted) and, unless
	 * it was picked on the map where it already is (fly: false), asks the map to fly to it.
	 */
	selectIncident(id: string, options: { fly?: boolean } = {}): void {
		const incident = this.incidentById.get(id);
		if (!incident) return;
		this.selection = { kind: 'incident', id };
		this.sourceId = null;
		this.closeExploreViews();
		if (options.fly ?? true) this.requestFocus(incident.geometry.coordinates);
	}

	clearSelection(): void {
		this.selection = null;
		this.tileCell = null;
		this.tilePick = null;
		this.sourceId = null;
		this.closeExploreViews();
	}

	openSource(id: string): void {
		if (this.sourceById.has(id)) this.sourceId = id;
	}

	closeSource(): void {
		this.sourceId = null;
	}

	/** Opens an actor's view: every incident that names them. */
	openActor(slug: string): void {
		if (!this.actors.bySlug.has(slug)) return;
		this.actorView = slug;
		this.areaView = null;
		this.sourceId = null;
	}

	/** Opens an admin-1 area's view (e.g. a recruitment oblast), by region id. */
	openArea(regionId: string): void {
		if (!this.regionById.has(regionId)) return;
		this.areaView = regionId;
		this.actorView = null;
		this.sourceId = null;
	}

	/** Shows only the incidents naming an actor, or (null) every actor's again. */
	setOnlyActor(slug: string | null): void {
		this.onlyActor = slug && this.actors.bySlug.has(slug) ? slug : null;
	}

	closeExploreViews(): void {
		this.actorView = null;
		this.areaView = null;
	}
}

/** `list` without `value` when it should show, with it (sorted) when it should hide. */
function toggled<T extends string | number>(list: readonly T[], value: T, visible: boolean): T[] {
	const rest = list.filter((v) => v !== value);
	return visible ? rest : [...rest, value].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const KEY = Symbol('dashboard');

export function setDashboard(dashboard: Dashboard): Dashboard {
	return setContext(KEY, dashboard);
}

/** The dashboard of the enclosing page; fails loudly when used outside one. */
export function getDashboard(): Dashboard {
	const dashboard = getContext<Dashboard | undefined>(KEY);
	if (!dashboard) throw new Error('getDashboard() must be called inside the dashboard page');
	return dashboard;
}
