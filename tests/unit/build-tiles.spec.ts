/** build:tiles end to end: a synthetic CSV in, an archive the official reader reads back. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { lonLatToWorld } from '../../src/lib/tiles/tile-id';
import type { TileSetMeta } from '../../src/lib/tiles/schema';
import { decodeTile, readArchive } from '../../src/lib/tiles/test-support';

const dir = mkdtempSync(join(tmpdir(), 'build-tiles-'));
const csv = join(dir, 'gtd.csv');
const out = join(dir, 'tiles', 'gtd-sample.pmtiles');
const tsx = (...args: string[]) => execFileSync('npx', ['tsx', ...args], { stdio: 'pipe' });

beforeAll(() => {
	tsx('scripts/gen-sample.ts', '--rows', '3000', '--layout', 'gtd', '--seed', '4', '--out', csv);
	// Runs of 400 events: eight sorted runs to merge.
	tsx(
		'scripts/build-tiles.ts',
		csv,
		'--out',
		out,
		'--title',
		'GTD sample',
		'--run-events',
		'400',
		'--quiet'
	);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('build:tiles', () => {
	it('writes every row once as a zoom-10 point, tiles sorted by date, with counts that add up', async () => {
		const rows = parse(readFileSync(csv, 'latin1'), { columns: true }) as Record<string, string>[];
		const archive = readArchive(new Uint8Array(readFileSync(out)));
		const meta = (await archive.getMetadata()) as TileSetMeta;
		expect(meta.title).toBe('GTD sample');
		expect(meta.count).toBe(rows.length);
		expect(meta.years.reduce((n, y) => n + y.count, 0)).toBe(rows.length);
		const claimed = meta.years.reduce(
			(n, y) => n + (y.by[`k0s${meta.statuses.indexOf('claimed')}`] ?? 0),
			0
		);
		expect(claimed).toBe(rows.filter((r) => r.claimed === '1').length);

		const tiles = new Set(
			rows.map((r) => {
				const [wx, wy] = lonLatToWorld(Number(r.longitude), Number(r.latitude));
				return `${Math.floor(wx * 1024)}/${Math.floor(wy * 1024)}`;
			})
		);
		const ids: string[] = [];
		for (const key of tiles) {
			const [x, y] = key.split('/').map(Number);
			const points = decodeTile((await archive.getZxy(10, x, y))!.data).points;
			const dates = points.map((p) => String(p.props.d));
			expect(dates).toEqual([...dates].sort());
			ids.push(...points.map((p) => String(p.props.id)));
		}
		expect(ids.sort()).toEqual(rows.map((r) => r.eventid).sort());
		const world = decodeTile((await archive.getZxy(0, 0, 0))!.data).cells;
		expect(world.reduce((n, c) => n + Number(c.props.n), 0)).toBe(rows.length);
	});

	it('adds the dataset to the index.json beside the archive', () => {
		const index = JSON.parse(readFileSync(join(dir, 'tiles', 'index.json'), 'utf8'));
		expect(index.datasets).toEqual([
			expect.objectContaining({
				name: 'gtd-sample',
				title: 'GTD sample',
				file: 'gtd-sample.pmtiles'
			})
		]);
	});
});
