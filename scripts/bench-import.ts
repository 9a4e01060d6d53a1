/**
 * Benchmarks importing synthetic ACLED files through the real dialog of the built site:
 *   npm run build && npm run bench:import          (builds first if build/ is missing)
 * A benchmark, not a test: it prints figures against the targets and exits 0.
 *
 * Per size (BENCH_IMPORT_SIZES, default "100000,1000000"), BENCH_IMPORT_RUNS runs (default 3)
 * interleaved across sizes (100k, 1M, 100k, 1M, ...), each in a fresh browser context (empty
 * IndexedDB). A run opens the dashboard, waits for the map, chooses the file in "Import data"
 * and presses Import, then measures:
 * - throughput: rows ÷ the worker's own time from the request to the strict commit (the
 *   dialog reports it), i.e. read + decode + parse + check + store;
 * - peak JS heap: the page's and the import worker's used JS heap, sampled every 100 ms over
 *   the Chrome DevTools Protocol (Runtime.getHeapUsage), peak of each and of their sum;
 * - time to idle: from pressing Import to the map idle with the new dataset's layer drawn
 *   (the worker's load of the stored rows, the page's rebuild and MapLibre's setData included);
 * - longest main-thread task: the longest `longtask` entry (PerformanceObserver) from pressing
 *   Import until the commit (during the import), and separately after it (showing the data).
 * Files are written once to .tmp/bench/ by the same generator as `npm run gen:sample`.
 *
 * Environment: BENCH_PORT (default 4178), BENCH_IMPORT_SIZES, BENCH_IMPORT_RUNS.
 */
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { resolveChromium } from '../tests/support/browser';
import { sampleLines } from './lib/sample';
import { startPreview } from './lib/serve';

const PORT = Number(process.env.BENCH_PORT ?? 4178);
const SIZES = (process.env.BENCH_IMPORT_SIZES ?? '100000,1000000').split(',').map(Number);
const RUNS = Math.max(1, Number(process.env.BENCH_IMPORT_RUNS ?? 3));
const TIMEOUT = 15 * 60_000;

async function sampleFile(rows: number): Promise<string> {
	mkdirSync('.tmp/bench', { recursive: true });
	const path = `.tmp/bench/acled-${rows}.csv`;
	if (existsSync(path)) return path;
	const out = createWriteStream(path);
	for (const line of sampleLines({ layout: 'acled', rows, seed: 42 })) {
		if (!out.write(`${line}\n`)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	return path;
}

type Run = {
	rows: number;
	ok: boolean;
	note: string;
	rowsPerSecond: number | null;
	pageHeapMB: number;
	workerHeapMB: number;
	sumHeapMB: number;
	idleSeconds: number | null;
	longTaskImport: number;
	longTaskShow: number;
};

/** Samples the used JS heap of the page and of every worker it starts. */
async function heapSampler(page: Page) {
	const cdp: CDPSession = await page.context().newCDPSession(page);
	const workers = new Map<string, number>();
	let nextId = 1;
	const waiting = new Map<number, (used: number) => void>();
	cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
		if (targetInfo.type === 'worker') workers.set(sessionId, 0);
	});
	cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
		const reply = JSON.parse(message) as { id: number; result?: { usedSize: number } };
		waiting.get(reply.id)?.(reply.result?.usedSize ?? 0);
		waiting.delete(reply.id);
	});
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false
	});
	const peak = { page: 0, worker: 0, sum: 0 };
	let stopped = false;
	const workerHeap = (sessionId: string) =>
		new Promise<number>((resolve) => {
			const id = nextId++;
			waiting.set(id, resolve);
			cdp
				.send('Target.sendMessageToTarget', {
					sessionId,
					message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' })
				})
				.catch(() => resolve(0));
			setTimeout(() => resolve(0), 2000);
		});
	const loop = (async () => {
		while (!stopped) {
			try {
				const { usedSize } = await cdp.send('Runtime.getHeapUsage');
				let workersNow = 0;
				for (const sessionId of workers.keys()) {
					const used = await workerHeap(sessionId);
					workersNow = Math.max(workersNow, used);
				}
				peak.page = Math.max(peak.page, usedSize);
				peak.worker = Math.max(peak.worker, workersNow);
				peak.sum = Math.max(peak.sum, usedSize + workersNow);
			} catch {
				// the page is between documents; sample again
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	})();
	return {
		stop: async () => {
			stopped = true;
			await loop;
			return peak;
		}
	};
}

async function oneRun(browser: Browser, url: string, rows: number, file: string): Promise<Run> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.addInitScript(() => {
		(globalThis as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f;
		const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
		w.__longTasks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				w.__longTasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	});
	page.on('pageerror', (e) => console.error('page error:', e.message));
	const run: Run = {
		rows,
		ok: false,
		note: '',
		rowsPerSecond: null,
		pageHeapMB: 0,
		workerHeapMB: 0,
		sumHeapMB: 0,
		idleSeconds: null,
		longTaskImport: 0,
		longTaskShow: 0
	};
	try {
		await page.goto(url);
		await page.waitForFunction(() => document.documentElement.dataset.mapReady === 'true', null, {
			timeout: 60_000
		});
		const step = (what: string) =>
			process.env.BENCH_VERBOSE && console.error(`${new Date().toISOString()} ${rows}: ${what}`);
		step('map ready');
		const heap = process.env.BENCH_NO_HEAP
			? { stop: async () => ({ page: 0, worker: 0, sum: 0 }) }
			: await heapSampler(page);
		step('sampling heap');
		await page.getByRole('button', { name: 'Import data' }).click();
		const dialog = page.getByRole('dialog', { name: 'Import data' });
		await dialog.getByLabel(/^File/).setInputFiles(file);
		await dialog.getByLabel('Read as').waitFor();
		const t0 = await page.evaluate(() => performance.now());
		await dialog.getByRole('button', { name: /^Import / }).click();
		step('import pressed');
		const outcome = dialog.locator('.done, .error').first();
		const watch = process.env.BENCH_VERBOSE
			? setInterval(
					() =>
						void dialog
							.locator('.progress p')
							.textContent({ timeout: 1000 })
							.then((t) => step(t?.replace(/\s+/g, ' ') ?? ''))
							.catch(() => step('(no progress shown)')),
					5000
				)
			: undefined;
		await outcome.waitFor({ timeout: TIMEOUT });
		clearInterval(watch);
		const text = (await outcome.textContent()) ?? '';
		const seconds = Number(/in ([\d.]+) s/.exec(text)?.[1]);
		run.ok = /^Imported/.test(text);
		run.note = text.trim().replace(/\s+/g, ' ');
		if (run.ok && seconds > 0) run.rowsPerSecond = rows / seconds;
		const commitAt = t0 + (seconds || 0) * 1000;
		step(`outcome: ${text.trim()}`);
		const notDrawn = run.ok && (await dialog.getByText('Stored, not drawn').count()) > 0;
		if (notDrawn) run.note += ' Stored, not drawn (over the page’s limit).';
		if (run.ok && !notDrawn) {
			// The dataset is live: the page reloads the union and the new layer is drawn.
			const idleAt = await page.evaluate(
				() =>
					new Promise<number>((resolve, reject) => {
						const deadline = performance.now() + 15 * 60_000;
						const poll = () => {
							const atlas = (window as unknown as { __atlas?: { map: import('maplibre-gl').Map } })
								.__atlas;
							const ready = document.documentElement.dataset.mapReady === 'true';
							const layer = atlas?.map
								.getStyle()
								?.layers?.some((l) => /^imported-.*-markers$/.test(l.id));
							if (ready && atlas && layer) {
								atlas.map.once('idle', () => resolve(performance.now()));
								atlas.map.triggerRepaint();
							} else if (performance.now() > deadline) reject(new Error('never idle'));
							else setTimeout(poll, 100);
						};
						poll();
					})
			);
			run.idleSeconds = (idleAt - t0) / 1000;
		}
		const peak = await heap.stop();
		run.pageHeapMB = peak.page / 1e6;
		run.workerHeapMB = peak.worker / 1e6;
		run.sumHeapMB = peak.sum / 1e6;
		const tasks = await page.evaluate(
			() =>
				(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
		);
		for (const t of tasks) {
			if (t.start < t0) continue;
			if (t.start < commitAt) run.longTaskImport = Math.max(run.longTaskImport, t.duration);
			else run.longTaskShow = Math.max(run.longTaskShow, t.duration);
		}
	} catch (error) {
		run.note = `failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`;
	} finally {
		await context.close().catch(() => {});
	}
	return run;
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const fmt = (xs: number[], digits = 0) =>
	xs.length
		? `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`
		: '–';

async function main() {
	if (!existsSync('build/index.html')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
	const files = new Map<number, string>();
	for (const rows of SIZES) files.set(rows, await sampleFile(rows));
	const server = await startPreview(PORT);
	const resolved = await resolveChromium();
	const browser = await chromium.launch({
		executablePath: resolved.executablePath,
		args: [...resolved.args, '--enable-precise-memory-info']
	});
	const runs: Run[] = [];
	try {
		for (let i = 0; i < RUNS; i++) {
			for (const rows of SIZES) {
				const run = await oneRun(browser, `${server.url}/`, rows, files.get(rows)!);
				console.log(JSON.stringify(run));
				runs.push(run);
			}
		}
	} finally {
		await browser.close();
		await server.stop();
	}
	console.log(
		'\n| rows | file | runs ok | rows/s | peak heap, page + worker (MB) | worker (MB) | time to idle (s) | longest task during import (ms) | longest task showing it (ms) |'
	);
	console.log('|---|---|---|---|---|---|---|---|---|');
	for (const rows of SIZES) {
		const mine = runs.filter((r) => r.rows === rows);
		const ok = mine.filter((r) => r.ok);
		const idle = ok.filter((r) => r.idleSeconds !== null).map((r) => r.idleSeconds!);
		console.log(
			`| ${rows.toLocaleString('en')} | ${(statSync(files.get(rows)!).size / 1e6).toFixed(0)} MB | ${ok.length}/${mine.length} | ${fmt(ok.map((r) => r.rowsPerSecond ?? 0))} | ${fmt(mine.map((r) => r.sumHeapMB))} | ${fmt(mine.map((r) => r.workerHeapMB))} | ${fmt(idle, 1)} | ${fmt(mine.map((r) => r.longTaskImport))} | ${fmt(mine.map((r) => r.longTaskShow))} |`
		);
	}
	console.log(
		'\nMedian (min–max) over the runs. Targets: ≥ 50,000 rows/s; peak heap < 300 MB at 1M; no task over 100 ms during import.'
	);
	for (const r of runs.filter((r) => !r.ok)) console.log(`${r.rows} rows: ${r.note}`);
}

await main();
