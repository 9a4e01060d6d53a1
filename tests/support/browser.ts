/**
 * Finds a Chromium for the browser tests, from npm alone if need be, in this order:
 *   1. CHROMIUM_PATH, if set;
 *   2. a Chromium that `npx playwright install` already put on this machine;
 *   3. @sparticuz/chromium (Linux x64), which unpacks a Chromium with SwiftShader.
 * If none works, one error names all three.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export type ResolvedBrowser = { executablePath: string; args: string[]; origin: string };

/** Flags that run MapLibre on SwiftShader WebGL and keep Chromium off the network. */
const COMMON_ARGS = [
	'--no-sandbox',
	'--use-angle=swiftshader',
	'--enable-unsafe-swiftshader',
	'--ignore-gpu-blocklist',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	'--disable-dev-shm-usage'
];

async function fromEnv(): Promise<ResolvedBrowser | string> {
	const path = process.env.CHROMIUM_PATH;
	if (!path) return 'CHROMIUM_PATH is not set';
	if (!existsSync(path)) return `CHROMIUM_PATH=${path} does not exist`;
	return { executablePath: path, args: COMMON_ARGS, origin: 'CHROMIUM_PATH' };
}

async function fromPlaywright(): Promise<ResolvedBrowser | string> {
	try {
		const { chromium } = await import('playwright-core');
		const path = chromium.executablePath();
		if (path && existsSync(path)) {
			return { executablePath: path, args: COMMON_ARGS, origin: 'Playwright-installed Chromium' };
		}
		return `no Playwright-installed Chromium at ${path}`;
	} catch (error) {
		return `no Playwright-installed Chromium (${(error as Error).message.split('\n')[0]})`;
	}
}

async function fromSparticuz(): Promise<ResolvedBrowser | string> {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		return `@sparticuz/chromium needs Linux x64, not ${process.platform} ${process.arch}`;
	}
	try {
		// It unpacks into the temp folder; keep that inside the project, not a shared /tmp.
		const tmp = resolve('.tmp/chromium');
		mkdirSync(tmp, { recursive: true });
		process.env.TMPDIR = tmp;
		const { default: chromium } = await import('@sparticuz/chromium');
		const path = await chromium.executablePath();
		// --single-process makes the second test in a run hang.
		const own = chromium.args.filter(
			(a) => a !== '--single-process' && !a.startsWith('--headless')
		);
		return {
			executablePath: path,
			args: [...new Set([...own, ...COMMON_ARGS])],
			origin: '@sparticuz/chromium'
		};
	} catch (error) {
		return `@sparticuz/chromium failed (${(error as Error).message.split('\n')[0]})`;
	}
}

export async function resolveChromium(): Promise<ResolvedBrowser> {
	const reasons: string[] = [];
	for (const attempt of [fromEnv, fromPlaywright, fromSparticuz]) {
		const result = await attempt();
		if (typeof result !== 'string') return result;
		reasons.push(result);
	}
	throw new Error(
		'No Chromium found for the browser tests. Tried, in order:\n' +
			reasons.map((r, i) => `  ${i + 1}. ${r}`).join('\n') +
			'\nSet CHROMIUM_PATH to a Chromium binary, run `npx playwright install chromium`, ' +
			'or install dependencies on Linux x64 so that @sparticuz/chromium can unpack.'
	);
}
