/**
 * Tiles made in the browser, for an imported dataset: the same tile set an archive built by
 * `build:tiles` holds (schema.ts), but answered one tile at a time from memory instead of
 * written out. Below POINT_ZOOM a tile's cells come from {@link CellAggregator}; from
 * POINT_ZOOM a tile's raw points come from a spatial index: the events sorted by their
 * POINT_ZOOM tile (then date), so one tile is one contiguous slice.
 *
 * Events are held as columns (typed arrays, titles and dates interned), not as objects: a
 * million events take tens of megabytes, and the columns are what is kept in IndexedDB so a
 * reload rebuilds the index without reading the imported rows again. Pure: no DOM, no
 * IndexedDB; the imported-tiles worker drives it.
 */
import {
	CellAggregator,
	encodeCellTile,
	encodePointTile,
	grow,
	pointTileOf,
	type Level
} from './aggregate';
import { foldTerm } from '$lib/search/fold';
import type { TileFeature } from './encode';
import { POINT_ZOOM, type TileEvent, type TileSetMeta } from './schema';
import { MetaSummary, type MetaSummaryState } from './tileset';
import { zxyToTileId } from './tile-id';

/** Tiles per side of the POINT_ZOOM grid (see EventTileIndex.pointTileKey). */
const POINT_SIDE = Math.pow(2, POINT_ZOOM);

/** One event as an index holds it: `row` names it (its id is the index's prefix + row). */
export type IndexedEvent = Omit<TileEvent, 'id'> & { row: number };

/** The index's events as columns, as stored between sessions (structured-cloneable). */
export type EventColumns = {
	count: number;
	lon: Float64Array;
	lat: Float64Array;
	row: Int32Array;
	year: Uint16Array;
	kind: Uint8Array;
	status: Uint8Array;
	/** Indices into `dates` and `titles`. */
	date: Uint32Array;
	title: Uint32Array;
	dates: string[];
	titles: string[];
	/**
	 * The finished index (stored since the cells became columns): events in tile order, the
	 * cells of every zoom and the metadata's sums. An index read back with it needs no
	 * rebuild; one stored without it (by an earlier version) is rebuilt from the columns.
	 */
	finished?: { order: Uint32Array; cells: Level[]; summary: MetaSummaryState };
};

/**
 * Interns strings: repeated titles and dates (most of them, in ACLED or GTD) are held once.
 * The lookup is made on the first {@link id}: a list read back only to be read costs none.
 */
class Interned {
	private ids: Map<string, number> | null = null;
	constructor(readonly list: string[] = []) {}
	id(s: string): number {
		this.ids ??= new Map(this.list.map((t, i) => [t, i]));
		let id = this.ids.get(s);
		if (id === undefined) {
			id = this.list.length;
			this.list.push(s);
			this.ids.set(s, id);
		}
		return id;
	}
}

/** Each string's place in sorted order (ISO dates: in date order). */
function ranks(list: readonly string[]): Uint32Array {
	const order = list
		.map((_, i) => i)
		.sort((a, b) => (list[a] < list[b] ? -1 : list[a] > list[b] ? 1 : 0));
	const rank = new Uint32Array(list.length);
	order.forEach((id, r) => (rank[id] = r));
	return rank;
}

export class EventTileIndex {
	private n = 0;
	private lon: Float64Array;
	private lat: Float64Array;
	private row: Int32Array;
	private year: Uint16Array;
	private kind: Uint8Array;
	private status: Uint8Array;
	private date: Uint32Array;
	private title: Uint32Array;
	private dates: Interned;
	private titles: Interned;
	private cells = new CellAggregator();
	private summary = new MetaSummary();
	/** After {@link finish}: event positions sorted by POINT_ZOOM tile, then date. */
	private order: Uint32Array | null = null;
	private pointTiles = new Map<number, [number, number]>();
	/** After {@link finish}: each cell tile's features, made when the tile is asked for. */
	private cellTiles = new Map<number, () => TileFeature[]>();

	/** `idPrefix` + row is each event's id (`ds-<dataset>-` for an imported dataset). */
	constructor(
		readonly idPrefix: string,
		capacity = 1024
	) {
		const size = Math.max(1, capacity);
		this.lon = new Float64Array(size);
		this.lat = new Float64Array(size);
		this.row = new Int32Array(size);
		this.year = new Uint16Array(size);
		this.kind = new Uint8Array(size);
		this.status = new Uint8Array(size);
		this.date = new Uint32Array(size);
		this.title = new Uint32Array(size);
		this.dates = new Interned();
		this.titles = new Interned();
	}

	/** An index from stored columns; call {@link finish} before asking for tiles. */
	static fromColumns(idPrefix: string, c: EventColumns): EventTileIndex {
		if (c.finished) return EventTileIndex.restore(idPrefix, c, c.finished);
		const index = new EventTileIndex(idPrefix, c.count);
		for (let i = 0; i < c.count; i++) {
			index.add({
				row: c.row[i],
				lon: c.lon[i],
				lat: c.lat[i],
				year: c.year[i],
				kind: c.kind[i],
				status: c.status[i],
				date: c.dates[c.date[i]],
				title: c.titles[c.title[i]]
			});
		}
		return index;
	}

	/** A finished index as it was stored: its columns taken as they are, nothing recounted. */
	private static restore(
		idPrefix: string,
		c: EventColumns,
		finished: NonNullable<EventColumns['finished']>
	): EventTileIndex {
		const index = new EventTileIndex(idPrefix, 1);
		index.n = c.count;
		index.lon = c.lon;
		index.lat = c.lat;
		index.row = c.row;
		index.year = c.year;
		index.kind = c.kind;
		index.status = c.status;
		index.date = c.date;
		index.title = c.title;
		index.dates = new Interned(c.dates);
		index.titles = new Interned(c.titles);
		index.cells = CellAggregator.fromLevels(finished.cells);
		index.summary = MetaSummary.fromState(finished.summary);
		index.index(finished.order);
		return index;
	}

	get count(): number {
		return this.n;
	}

	add(e: IndexedEvent): void {
		if (this.order) throw new Error('the index is finished: no events can be added');
		this.cells.add(e);
		this.summary.add({ ...e, id: '' });
		if (this.n === this.lon.length) this.resize(this.n * 2);
		const i = this.n++;
		this.lon[i] = e.lon;
		this.lat[i] = e.lat;
		this.row[i] = e.row;
		this.year[i] = e.year;
		this.kind[i] = e.kind;
		this.status[i] = e.status;
		this.date[i] = this.dates.id(e.date);
		this.title[i] = this.titles.id(e.title);
	}

	private resize(size: number): void {
		this.lon = grow(this.lon, size);
		this.lat = grow(this.lat, size);
		this.row = grow(this.row, size);
		this.year = grow(this.year, size);
		this.kind = grow(this.kind, size);
		this.status = grow(this.status, size);
		this.date = grow(this.date, size);
		this.title = grow(this.title, size);
	}

	/** Ends adding: rolls the cells up and sorts the events into their POINT_ZOOM tiles. */
	finish(): void {
		if (this.order) return;
		const tileOf = new Uint32Array(this.n);
		for (let i = 0; i < this.n; i++) tileOf[i] = this.pointTileKey(i);
		// Dates compared once, as ranks; the sort then compares numbers only.
		const dates = this.dates.list;
		const byDate = dates.map((_, i) => i).sort((a, b) => (dates[a] < dates[b] ? -1 : 1));
		const rank = new Uint32Array(dates.length);
		byDate.forEach((id, r) => (rank[id] = r));
		const order = new Uint32Array(this.n);
		for (let i = 0; i < this.n; i++) order[i] = i;
		order.sort(
			(a, b) =>
				tileOf[a] - tileOf[b] ||
				rank[this.date[a]] - rank[this.date[b]] ||
				this.row[a] - this.row[b]
		);
		this.index(order, (i) => tileOf[i]);
	}

	/** Event i's POINT_ZOOM tile as one number, row × 2^POINT_ZOOM + column. */
	private pointTileKey(i: number): number {
		const { x, y } = pointTileOf(this.lon[i], this.lat[i]);
		return y * POINT_SIDE + x;
	}

	/**
	 * Where each tile's cells and events are, from the events in tile `order` (each POINT_ZOOM
	 * tile's events one run), found by comparing neighbours' tile keys. `finish` passes the keys
	 * it sorted by; an index read back from storage works each out as it goes, so no column of
	 * a million keys is made for it.
	 */
	private index(order: Uint32Array, tileKey = (i: number) => this.pointTileKey(i)): void {
		for (const tile of this.cells.lazyTiles()) {
			this.cellTiles.set(zxyToTileId(tile.z, tile.x, tile.y), tile.features);
		}
		let start = 0;
		let run = -1;
		for (let k = 0; k <= this.n; k++) {
			const key = k < this.n ? tileKey(order[k]) : -1;
			if (k > 0 && key !== run) {
				const x = run % POINT_SIDE;
				this.pointTiles.set(zxyToTileId(POINT_ZOOM, x, (run - x) / POINT_SIDE), [start, k]);
				start = k;
			}
			run = key;
		}
		this.order = order;
	}

	/** The encoded tile z/x/y, or null when it holds nothing. */
	tile(z: number, x: number, y: number): Uint8Array | null {
		if (!this.order) throw new Error('finish the index before asking for tiles');
		if (z > POINT_ZOOM) return null;
		const id = zxyToTileId(z, x, y);
		if (z < POINT_ZOOM) {
			const features = this.cellTiles.get(id);
			return features ? encodeCellTile({ z, x, y, features: features() }) : null;
		}
		const span = this.pointTiles.get(id);
		if (!span) return null;
		const events: TileEvent[] = [];
		for (let k = span[0]; k < span[1]; k++) events.push(this.event(this.order[k]));
		return encodePointTile(events);
	}

	private event(i: number): TileEvent {
		return {
			id: `${this.idPrefix}${this.row[i]}`,
			lon: this.lon[i],
			lat: this.lat[i],
			date: this.dates.list[this.date[i]],
			year: this.year[i],
			title: this.titles.list[this.title[i]],
			kind: this.kind[i],
			status: this.status[i]
		};
	}

	/**
	 * Events whose title holds `query` (both folded as the search box folds: case, accents,
	 * Cyrillic to Latin), of those `keep` lets through: how many, and the first `limit` by
	 * date. An imported row's title names its place ("Peaceful protest in Atyrau"), so this
	 * finds events by place and by type. A query under two letters finds nothing.
	 */
	search(
		query: string,
		keep: (year: number, kind: number, status: number) => boolean,
		limit: number
	): { total: number; events: TileEvent[] } {
		const q = foldTerm(query.trim());
		if (q.length < 2) return { total: 0, events: [] };
		this.folded ??= this.titles.list.map(foldTerm);
		const hit = new Uint8Array(this.folded.length);
		this.folded.forEach((t, i) => (hit[i] = t.includes(q) ? 1 : 0));
		const found: number[] = [];
		for (let i = 0; i < this.n; i++) {
			if (hit[this.title[i]] && keep(this.year[i], this.kind[i], this.status[i])) found.push(i);
		}
		// The first `limit` by date, without sorting every match: count the matches per date,
		// keep those up to the date where `limit` is reached, and sort only those.
		const rank = (this.dateRank ??= ranks(this.dates.list));
		const { date, row } = this;
		const perDate = new Uint32Array(rank.length);
		for (const i of found) perDate[rank[date[i]]]++;
		let cut = 0;
		for (let sum = 0; cut < perDate.length - 1 && sum + perDate[cut] < limit; cut++)
			sum += perDate[cut];
		const first = found
			.filter((i) => rank[date[i]] <= cut)
			.sort((a, b) => rank[date[a]] - rank[date[b]] || row[a] - row[b])
			.slice(0, limit);
		return { total: found.length, events: first.map((i) => this.event(i)) };
	}

	/** Titles folded, and each date's place in date order, for {@link search}: made on the first. */
	private folded: string[] | null = null;
	private dateRank: Uint32Array | null = null;

	meta(options: Parameters<MetaSummary['meta']>[0]): TileSetMeta {
		return this.summary.meta(options);
	}

	/** The events as columns, trimmed to their count, for storing. */
	columns(): EventColumns {
		const n = this.n;
		return {
			count: n,
			lon: this.lon.slice(0, n),
			lat: this.lat.slice(0, n),
			row: this.row.slice(0, n),
			year: this.year.slice(0, n),
			kind: this.kind.slice(0, n),
			status: this.status.slice(0, n),
			date: this.date.slice(0, n),
			title: this.title.slice(0, n),
			dates: [...this.dates.list],
			titles: [...this.titles.list],
			...(this.order && {
				finished: {
					order: this.order,
					cells: this.cells.levels(),
					summary: this.summary.state()
				}
			})
		};
	}
}
