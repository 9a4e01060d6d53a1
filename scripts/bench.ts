/**
 * Benchmarks the built dashboard against a bare MapLibre page with the same basemap:
 *   npm run build && npm run bench          (builds first if build/ is missing)
 * It is a benchmark, not a test: it prints PASS/OVER against the targets and exits 0.
 *
 * Method (one browser, one run; every navigation gets a fresh context, so no HTTP cache,
 * storage or JIT cache is shared between runs; viewport 1280x800):
 * - Load time = from navigation start (the page's `performance.timeOrigin`) to the map being
 *   idle, read in the page as `performance.now()`. "Idle" is the same wait for both pages, the
 *   one `waitForMapIdle` (tests/support/map.ts) uses: wait for the page's ready flag, then
 *   `triggerRepaint()` and resolve on the next `idle`. The dashboard's flag is
 *   `data-map-ready` (set once style, icons and overlays are added) and its map is
 *   `window.__atlas.map`; the baseline's (src/routes/baseline) are `data-baseline-ready` (set
 *   on `load`) and `window.__baselineMap`. The app code is not instrumented. The baseline
 *   also records its true first `idle` (`data-baseline-idle`), printed for reference.
 * - The baseline is shown the dashboard's fitted view: its bounds are read from a discarded
 *   warm-up dashboard load and passed as `/baseline?bounds=w,s,e,n`. The baseline map fills
 *   the window; the dashboard's map shares the window with the side panel.
 * - Runs are interleaved in pairs, in ABBA order (dashboard, baseline, baseline, dashboard,
 *   ...) to cancel drift and order effects, after one discarded warm-up load of each page
 *   (the browser's first WebGL start is slower). Every load first waits for a quiet machine
 *   (scripts/lib/quiet.ts: 90% of the CPU idle over half a second), so that no load starts
 *   while the page before it is still tearing down. The ratio is of the medians; the spread of
 *   the per-pair ratios is printed beside it, and a run whose baseline or dashboard times
 *   spread by more than NOISE_LIMIT of their median is flagged NOISY instead of PASS/OVER.
 * - A step-by-step trace of the first load (PHASES): navigation and resource timings plus
 *   the `atlas:*` performance marks the pages set, median per milestone for both pages.
 * - Year toggle = an in-page `click()` on the 2011 checkbox (off, then on, alternately) to the
 *   map's next `idle`; its reference is `triggerRepaint()` to the next `idle` in the same page.
 * - Bytes = every response of one more fresh dashboard load until idle (the worker's fetches
 *   included), deduplicated by URL, each body gzipped with node:zlib at level 9 and grouped by
 *   URL and content: maplibre-gl (the JS chunk holding MapLibre's shaders, the worker and the
 *   CSS holding `.maplibregl-map`), app JS (all other JS, Svelte and Kit runtime included),
 *   app CSS, the HTML document, fonts, basemap (/basemap/) and the dataset (geodata/ assets,
 *   or the build's checked copy, atlas-data.[hash].json). App JS that the page requests only
 *   after its map first went idle (`atlas:first-idle`; the timeline, place and source views,
 *   which load then on purpose) is counted in a row of its own, outside the first-load budget.
 *
 * Environment: BENCH_RUNS (default 7, at least 5), BENCH_PORT (default 4177).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { resolveChromium } from '../tests/support/browser';
import { startPreview, type Server } from './lib/serve';
import { settle } from './lib/quiet';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const TOGGLES = RUNS % 2 === 0 ? RUNS : RUNS + 1; // even, so 2011 ends switched on
const PORT = Number(process.env.BENCH_PORT ?? 4177);
const VIEWPORT = { width: 1280, height: 800 };
const TIMEOUT = 45_000;
const LOAD_TARGET = 1.25;
const NOISE_LIMIT = 0.35;
const APP_JS_TARGET = 60 * 1024;
const YEAR = '2011';

/** A page with a map: where it lives, the dataset flag set when it is ready, its map handle. */
type Target = { path: string; flag: string; handle: string };

const DASHBOARD: Target = { path: '/', flag: 'mapReady', handle: '__atlas.map' };
const baseline = (bounds: string): Target => ({
	path: `/baseline?bounds=${bounds}`,
	flag: 'baselineReady',
	handle: '__baselineMap'
});

/** `mapStart`: when the page asked for MapLibre's worker, i.e. constructed its first Map. */
type Load = {
	idle: number;
	firstIdle: number | null;
	mapStart: number | null;
	canvas: string;
	/** Milestones of this load, ms since navigation (see PHASES). */
	phases: Record<string, number>;
};

/**
 * Milestones of a first load, in the order they happen: the browser's own navigation and
 * resource timings plus the `atlas:*` marks the pages set (performance.mark costs nothing).
 * A phase missing from a page is shown as "–". The basemap files are fetched by MapLibre's
 * worker, whose resource timings the page cannot see, so they have no row of their own.
 */
const PHASES: { key: string; label: string }[] = [
	{ key: 'dcl', label: 'HTML parsed, scripts run (DOMContentLoaded)' },
	{ key: 'atlas:start', label: 'App mounted (SvelteKit started)' },
	{ key: 'res:dataset', label: 'Dataset received (the build-checked file, or the raw files)' },
	{ key: 'atlas:data', label: 'Dataset ready (hash verified, or checked in the worker)' },
	{ key: 'atlas:map-module', label: 'Map view mounted (map code in hand)' },
	{ key: 'res:worker', label: "MapLibre's worker requested" },
	{ key: 'atlas:map-created', label: 'Map constructed' },
	{ key: 'res:fonts', label: 'Fonts received' },
	{ key: 'atlas:style-loaded', label: "Style loaded (map 'load')" },
	{ key: 'idle', label: 'Map idle (the measure)' }
];

/** Ready flag, then repaint, then `idle`: returns the page's clock (ms since navigation). */
async function untilIdle(page: Page, target: Target): Promise<number> {
	await page.waitForFunction(
		(flag) => document.documentElement?.dataset[flag] === 'true',
		target.flag,
		{
			timeout: TIMEOUT
		}
	);
	return (await mapOf(page, target)).evaluate(
		(map) =>
			new Promise<number>((resolve) => {
				map.once('idle', () => resolve(performance.now()));
				map.triggerRepaint();
			})
	);
}

/** The page's map object, found by its dotted path on `window` (e.g. "__atlas.map"). */
function mapOf(page: Page, target: Target) {
	return page.evaluateHandle(
		(handle) =>
			handle
				.split('.')
				.reduce<unknown>(
					(o, key) => (o as Record<string, unknown>)[key],
					window
				) as import('maplibre-gl').Map,
		target.handle
	);
}

async function withPage<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	try {
		const page = await context.newPage();
		// tsx compiles with esbuild's keepNames, which wraps named functions in the code we
		// send to the page in `__name(...)`; give the page a no-op of that helper.
		await page.addInitScript(() => {
			(globalThis as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f;
		});
		page.on('pageerror', (e) => console.error('page error:', e.message));
		page.on('console', (m) => m.type() === 'error' && console.error('console error:', m.text()));
		return await run(page);
	} finally {
		await context.close();
	}
}

async function load(browser: Browser, server: Server, target: Target): Promise<Load> {
	// The page before this one may still be tearing down its WebGL context and worker.
	await settle();
	return withPage(browser, async (page) => {
		await page.goto(server.url + target.path, { waitUntil: 'commit', timeout: TIMEOUT });
		const idle = await untilIdle(page, target);
		const { firstIdle, mapStart, canvas, phases } = await (
			await mapOf(page, target)
		).evaluate((map) => {
			const c = map.getCanvas();
			const first = document.documentElement.dataset.baselineIdle;
			const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
			const worker = resources.find((e) => e.name.includes('maplibre-gl-worker'));
			const lastEnd = (test: (path: string) => boolean) => {
				const ends = resources
					.filter((r) => test(new URL(r.name).pathname))
					.map((r) => r.responseEnd);
				return ends.length ? Math.max(...ends) : undefined;
			};
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
			const phases: Record<string, number> = {};
			const put = (key: string, value: number | undefined) => {
				if (value !== undefined && value > 0) phases[key] = value;
			};
			put('dcl', nav?.domContentLoadedEventEnd);
			for (const m of performance.getEntriesByType('mark')) {
				if (m.name.startsWith('atlas:')) put(m.name, m.startTime);
			}
			put('res:worker', worker?.startTime);
			put(
				'res:dataset',
				lastEnd((p) =>
					/\/(incidents|places|regions|sources|atlas-data)\.[\w-]+\.(geo)?json$/.test(p)
				)
			);
			put(
				'res:fonts',
				lastEnd((p) => /\.(woff2?|ttf|otf)$/.test(p))
			);
			return {
				firstIdle: first ? Number(first) : null,
				mapStart: worker ? worker.startTime : null,
				canvas: `${c.clientWidth}x${c.clientHeight}`,
				phases
			};
		});
		return { idle, firstIdle, mapStart, canvas, phases: { ...phases, idle } };
	});
}

/** The dashboard's fitted view, as `w,s,e,n`, for the baseline to show. */
async function dashboardBounds(browser: Browser, server: Server): Promise<string> {
	return withPage(browser, async (page) => {
		await page.goto(server.url + DASHBOARD.path, { waitUntil: 'commit', timeout: TIMEOUT });
		await untilIdle(page, DASHBOARD);
		return page.evaluate(() => {
			const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
				.map;
			return map
				.getBounds()
				.toArray()
				.flat()
				.map((v) => v.toFixed(5))
				.join(',');
		});
	});
}

/** Year toggles and no-op repaints, alternately, in one dashboard page. */
async function toggles(
	browser: Browser,
	server: Server
): Promise<{ toggle: number[]; repaint: number[] }> {
	return withPage(browser, async (page) => {
		await page.goto(server.url + DASHBOARD.path, { waitUntil: 'commit', timeout: TIMEOUT });
		await untilIdle(page, DASHBOARD);
		const selector = `input[name="year"][value="${YEAR}"]`;
		await page.waitForSelector(selector, { state: 'attached', timeout: TIMEOUT });
		const toggle: number[] = [];
		const repaint: number[] = [];
		for (let i = 0; i < TOGGLES; i++) {
			const result = await page.evaluate(
				({ selector, timeout }) =>
					new Promise<{ ms: number; checked: boolean }>((resolve, reject) => {
						const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } })
							.__atlas.map;
						const box = document.querySelector<HTMLInputElement>(selector);
						if (!box) return reject(new Error(`no ${selector}`));
						const timer = setTimeout(() => reject(new Error('no idle after toggle')), timeout);
						const t0 = performance.now();
						map.once('idle', () => {
							clearTimeout(timer);
							resolve({ ms: performance.now() - t0, checked: box.checked });
						});
						box.click();
					}),
				{ selector, timeout: TIMEOUT }
			);
			const expected = i % 2 === 1; // off first, then on again
			if (result.checked !== expected) throw new Error(`the ${YEAR} checkbox did not toggle`);
			toggle.push(result.ms);
			repaint.push(
				await page.evaluate(
					() =>
						new Promise<number>((resolve) => {
							const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } })
								.__atlas.map;
							const t0 = performance.now();
							map.once('idle', () => resolve(performance.now() - t0));
							map.triggerRepaint();
						})
				)
			);
		}
		return { toggle, repaint };
	});
}

type Category =
	| 'maplibre'
	| 'appJs'
	| 'appWorker'
	| 'appJsLater'
	| 'appCss'
	| 'html'
	| 'fonts'
	| 'basemap'
	| 'dataset'
	| 'other';
const CATEGORY_LABELS: Record<Category, string> = {
	maplibre: 'maplibre-gl (JS chunk, worker, CSS)',
	appJs: "App's own JS (incl. Svelte/Kit runtime)",
	appWorker: "App's workers (data validation, zod; off the main thread)",
	appJsLater: "App's JS loaded after the map's first idle (timeline, place and source views)",
	appCss: "App's own CSS",
	html: 'HTML document',
	fonts: 'Fonts (UI and map labels)',
	basemap: 'Basemap data (static/basemap)',
	dataset: 'Dataset (geodata, checked at build)',
	other: 'Other'
};
type Bytes = Record<Category, { count: number; raw: number; gzip: number; files: string[] }>;

/** Hashed asset names of the dataset files, e.g. /incidents\.[hash]\.geojson$/. */
const datasetPatterns = readdirSync('geodata')
	.filter((f) => /\.(geo)?json$/.test(f))
	.map((f) => {
		const ext = extname(f).slice(1);
		return new RegExp(`/${basename(f, `.${ext}`)}\\.[\\w-]+\\.${ext}$`);
	});

/** The build's checked copy of the dataset (scripts/lib/checked-data-plugin.ts). */
const CHECKED_DATA = /\/atlas-data\.[\w-]+\.json$/;

function classify(url: string, type: string, body: Buffer): Category {
	const path = new URL(url).pathname;
	if (path.includes('/basemap/')) return 'basemap';
	if (datasetPatterns.some((p) => p.test(path)) || CHECKED_DATA.test(path)) return 'dataset';
	// The published tile sets' list (read after the first idle; absent in most builds).
	if (path === '/tiles/index.json') return 'dataset';
	// Module workers (src/lib/**/*.worker.ts) run off the main thread: outside the page's budget.
	if (path.includes('/_app/immutable/workers/')) return 'appWorker';
	if (/\.(woff2?|ttf|otf)$/.test(path) || type.startsWith('font/')) return 'fonts';
	const isJs = /\.m?js$/.test(path) || type.includes('javascript');
	const isCss = path.endsWith('.css') || type.includes('text/css');
	if (isJs || isCss) {
		const text = body.toString('utf8');
		if (/maplibre-gl/.test(basename(path))) return 'maplibre';
		if (isJs && /maplibre: (define|initialize)/.test(text)) return 'maplibre';
		if (isCss && /\.maplibregl-map\s*\{/.test(text)) return 'maplibre';
		return isJs ? 'appJs' : 'appCss';
	}
	if (type.includes('text/html')) return 'html';
	return 'other';
}

async function firstLoadBytes(browser: Browser, server: Server): Promise<Bytes> {
	return withPage(browser, async (page) => {
		const bodies = new Map<string, Promise<{ type: string; body: Buffer } | null>>();
		page.on('response', (response) => {
			const url = response.url();
			if (bodies.has(url) || !url.startsWith(server.url) || response.status() !== 200) return;
			bodies.set(
				url,
				response.body().then(
					(body) => ({ type: response.headers()['content-type'] ?? '', body }),
					() => null
				)
			);
		});
		await page.goto(server.url + DASHBOARD.path, { waitUntil: 'commit', timeout: TIMEOUT });
		await untilIdle(page, DASHBOARD);
		// The views loaded after the first idle are counted too, in their own row. Playwright's
		// 'networkidle' is sticky (a quiet gap earlier in the load already satisfies it), so wait
		// here for the page's own resource list to stop growing for a second after that idle.
		await page.waitForFunction(
			() =>
				new Promise<boolean>((resolve) => {
					if (!performance.getEntriesByName('atlas:first-idle').length) return resolve(false);
					const count = performance.getEntriesByType('resource').length;
					setTimeout(
						() => resolve(performance.getEntriesByType('resource').length === count),
						1000
					);
				}),
			null,
			{ timeout: TIMEOUT, polling: 100 }
		);
		await Promise.all(bodies.values());
		// What the page asked for only after its map first went idle (the timeline) is not
		// part of the first view: it gets its own row, outside the first-load budget.
		const later = new Set(
			await page.evaluate(() => {
				const settled = performance.getEntriesByName('atlas:first-idle')[0]?.startTime;
				if (settled === undefined) return [];
				return performance
					.getEntriesByType('resource')
					.filter((r) => r.startTime > settled)
					.map((r) => r.name);
			})
		);
		const bytes = Object.fromEntries(
			Object.keys(CATEGORY_LABELS).map((k) => [k, { count: 0, raw: 0, gzip: 0, files: [] }])
		) as unknown as Bytes;
		for (const [url, pending] of bodies) {
			const got = await pending;
			if (!got) {
				console.warn(`could not read the body of ${url}`);
				continue;
			}
			let category = classify(url, got.type, got.body);
			if (category === 'appJs' && later.has(url)) category = 'appJsLater';
			const entry = bytes[category];
			entry.count++;
			entry.raw += got.body.length;
			entry.gzip += gzipSync(got.body, { level: 9 }).length;
			entry.files.push(new URL(url).pathname);
		}
		return bytes;
	});
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;
const spread = (xs: number[]) =>
	`${ms(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'OVER');

const started = Date.now();
if (!existsSync('build/index.html') || !existsSync('build/baseline.html')) {
	console.log('build/ is missing or has no baseline page: running `npx vite build` first');
	execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
}

// vite preview keeps serving the build it started with: a rebuild mid-run breaks loads.
const builtAt = () => statSync('build/index.html').mtimeMs;
const firstBuild = builtAt();

const resolved = await resolveChromium();
let server: Server | undefined;
let browser: Browser | undefined;
try {
	server = await startPreview(PORT);
	browser = await chromium.launch({ executablePath: resolved.executablePath, args: resolved.args });
	console.log(`Chromium ${browser.version()} (${resolved.origin}), ${RUNS} runs per page`);

	// Warm-up, discarded: it also gives the dashboard's fitted view to the baseline.
	const bounds = await dashboardBounds(browser, server);
	const BASELINE = baseline(bounds);
	await load(browser, server, BASELINE);
	console.log(`view: bounds=${bounds}`);

	const dash: Load[] = [];
	const base: Load[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t = Date.now();
		// ABBA order: whichever page goes second in a pair gets a slightly warmer machine.
		if (i % 2 === 0) {
			dash.push(await load(browser, server, DASHBOARD));
			base.push(await load(browser, server, BASELINE));
		} else {
			base.push(await load(browser, server, BASELINE));
			dash.push(await load(browser, server, DASHBOARD));
		}
		console.log(
			`  run ${i + 1}: dashboard ${ms(dash[i].idle)}, baseline ${ms(base[i].idle)} ` +
				`(ratio ${(dash[i].idle / base[i].idle).toFixed(2)}; ` +
				`pair took ${ms(Date.now() - t)})`
		);
	}
	const dashIdle = dash.map((r) => r.idle);
	const baseIdle = base.map((r) => r.idle);
	const present = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
	const baseFirst = present(base.map((r) => r.firstIdle));
	const dashStart = present(dash.map((r) => r.mapStart));
	const baseStart = present(base.map((r) => r.mapStart));
	const loadRatio = median(dashIdle) / median(baseIdle);
	const pairRatios = dashIdle.map((d, i) => d / baseIdle[i]);
	// A baseline whose runs differ by more than this share of their median was measured on a
	// busy machine: its ratio is not worth publishing.
	const noisy = (xs: number[]) => (Math.max(...xs) - Math.min(...xs)) / median(xs) > NOISE_LIMIT;
	const noise = [noisy(baseIdle) ? 'baseline' : null, noisy(dashIdle) ? 'dashboard' : null].filter(
		(x) => x !== null
	);

	const { toggle, repaint } = await toggles(browser, server);
	const toggleRatio = median(toggle) / median(repaint);
	console.log(`  toggles: ${toggle.map(ms).join(', ')}; repaints: ${repaint.map(ms).join(', ')}`);

	const bytes = await firstLoadBytes(browser, server);
	const appJs = bytes.appJs.gzip;

	const lines = [
		`| Measure (median, min–max) | Dashboard | Baseline / reference | Ratio | Target | Result |`,
		`| --- | --- | --- | --- | --- | --- |`,
		`| Navigation → map idle, ${RUNS} runs | ${spread(dashIdle)} | ${spread(baseIdle)} ` +
			`| ${loadRatio.toFixed(2)} (pairs ${Math.min(...pairRatios).toFixed(2)}–` +
			`${Math.max(...pairRatios).toFixed(2)}) | ≤ ${LOAD_TARGET} | ` +
			`${noise.length ? 'NOISY' : verdict(loadRatio <= LOAD_TARGET)} |`,
		`| Untick/tick ${YEAR} → map idle, ${TOGGLES} runs | ${spread(toggle)} ` +
			`| ${spread(repaint)} (no-op repaint → idle) | ${toggleRatio.toFixed(2)} | – | – |`,
		'',
		`| First load, dashboard | Requests | Raw | Gzip -9 | Target | Result |`,
		`| --- | --- | --- | --- | --- | --- |`,
		...(Object.keys(CATEGORY_LABELS) as Category[])
			.filter((k) => bytes[k].count > 0)
			.map((k) => {
				const b = bytes[k];
				const target =
					k === 'appJs' ? `≤ ${kb(APP_JS_TARGET)} | ${verdict(appJs <= APP_JS_TARGET)}` : '| ';
				return `| ${CATEGORY_LABELS[k]} | ${b.count} | ${kb(b.raw)} | ${kb(b.gzip)} | ${target} |`;
			}),
		(() => {
			const all = Object.values(bytes);
			const sum = (f: (b: Bytes[Category]) => number) => all.reduce((s, b) => s + f(b), 0);
			return `| **Total** | ${sum((b) => b.count)} | ${kb(sum((b) => b.raw))} | ${kb(sum((b) => b.gzip))} | | |`;
		})(),
		'',
		`Chromium ${browser.version()} with SwiftShader (software WebGL), viewport ` +
			`${VIEWPORT.width}x${VIEWPORT.height} (dashboard map ${dash[0].canvas}, baseline map ` +
			`${base[0].canvas}), fresh browser context per load. Baseline's own first \`idle\`: ` +
			`${spread(baseFirst)}. MapLibre's worker requested at ${spread(dashStart)} (dashboard) ` +
			`vs ${spread(baseStart)} (baseline). Compare ratios, not absolute times.`
	];
	const phaseMedian = (runs: Load[], key: string) => {
		const xs = runs.map((r) => r.phases[key]).filter((x): x is number => x !== undefined);
		return xs.length === runs.length ? ms(median(xs)) : '–';
	};
	lines.push(
		'',
		`| First load, step by step (median ms since navigation) | Dashboard | Baseline |`,
		`| --- | --- | --- |`,
		...PHASES.map(
			(p) => `| ${p.label} | ${phaseMedian(dash, p.key)} | ${phaseMedian(base, p.key)} |`
		)
	);
	if (noise.length) {
		lines.push(
			'',
			`NOISY: the ${noise.join(' and ')} runs spread by more than ${NOISE_LIMIT * 100}% of ` +
				'their median; the machine was busy. Rerun on a quiet machine before publishing.'
		);
	}
	const table = lines.join('\n');

	console.log('\nFiles by category:');
	for (const k of Object.keys(CATEGORY_LABELS) as Category[]) {
		if (bytes[k].count) console.log(`  ${k}: ${bytes[k].files.join(', ')}`);
	}
	console.log(`\n${table}\n`);
	mkdirSync('.tmp', { recursive: true });
	writeFileSync('.tmp/bench.md', table + '\n');
	console.log(`wrote .tmp/bench.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
	if (builtAt() !== firstBuild) {
		console.error('build/ was rebuilt while the benchmark ran; run it again on a quiet build.');
	}
	throw error;
} finally {
	await browser?.close();
	await server?.stop();
}
