/**
 * `tiles/index.json`: the published tile sets the app can show, written by build:tiles. Read
 * defensively: it is a file anyone hosting the app may edit. (Checked by hand, not with zod:
 * zod probes `Function('')`, which the page's CSP forbids, and it stays out of the page.)
 */
import { isTileSetName } from './schema';

export type TileDatasetEntry = {
	/** The slug in links (`tiles=<name>`); the archive is `<name>.pmtiles` beside the manifest. */
	name: string;
	title: string;
	file: string;
	count: number;
	years: [number, number];
	bounds: [number, number, number, number];
	bytes: number;
};
export type TileManifest = { datasets: TileDatasetEntry[] };

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isNumbers = (v: unknown, n: number): boolean =>
	Array.isArray(v) && v.length === n && v.every((x) => Number.isFinite(x));

/** The manifest's datasets; throws naming the first entry that is not one. */
export function readManifest(json: unknown): TileManifest {
	const list = (json as { datasets?: unknown } | null)?.datasets;
	if (!Array.isArray(list)) throw new Error('tiles/index.json has no "datasets" list');
	const datasets = list.map((d: Partial<TileDatasetEntry>, i): TileDatasetEntry => {
		const ok =
			typeof d?.name === 'string' &&
			isTileSetName(d.name) &&
			typeof d.title === 'string' &&
			d.title.length <= 200 &&
			d.file === `${d.name}.pmtiles` &&
			isCount(d.count) &&
			isCount(d.bytes) &&
			isNumbers(d.years, 2) &&
			isNumbers(d.bounds, 4);
		if (!ok) throw new Error(`tiles/index.json: dataset ${i + 1} is malformed`);
		return d as TileDatasetEntry;
	});
	return { datasets };
}
