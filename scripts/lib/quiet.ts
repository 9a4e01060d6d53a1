/**
 * Waits for a quiet machine before a benchmark's run (Linux: reads /proc/stat).
 */
import { readFileSync } from 'node:fs';

/** The share of CPU that must be idle over one sample, and the longest wait for it. */
const QUIET_IDLE = 0.9;
const QUIET_WAIT = 60_000;
const SAMPLE_MS = 500;

/** CPU time (all cores) idle and in total, from /proc/stat, in clock ticks. */
function cpuTicks(): { idle: number; total: number } {
	const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
	const ticks = fields.map(Number);
	// idle + iowait
	return { idle: ticks[3] + (ticks[4] ?? 0), total: ticks.reduce((a, b) => a + b, 0) };
}

/**
 * Waits until the machine is quiet again: a browser that held 4 GB (bench:scale's naive 1 M
 * path) goes on freeing it for seconds after it is closed, and a run started meanwhile measured
 * pans 4-7× slower (2026-12-02). Quiet = at least 90% of the CPU idle over half a second; gives
 * up after a minute and says so. Returns how long it waited.
 */
export async function settle(): Promise<number> {
	const start = Date.now();
	for (;;) {
		const a = cpuTicks();
		await new Promise((r) => setTimeout(r, SAMPLE_MS));
		const b = cpuTicks();
		const idle = (b.idle - a.idle) / Math.max(1, b.total - a.total);
		if (idle >= QUIET_IDLE) return Date.now() - start;
		if (Date.now() - start > QUIET_WAIT) {
			console.log(`  (the machine stayed busy: ${Math.round(idle * 100)}% idle; measuring anyway)`);
			return Date.now() - start;
		}
	}
}
