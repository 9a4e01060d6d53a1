/**
 * The built site ships the dataset as the build checked it (`atlas-data.<hash>.json`, with its
 * SHA-256 in the page's code) and uses it only when its bytes hash to that digest; otherwise the
 * page checks the raw data files itself (src/lib/data/load.ts).
 */
import type { Page } from '@playwright/test';

export const CHECKED_DATA = '**/atlas-data.*.json';

/**
 * Serves the checked dataset with `change` applied: still valid JSON, but not the bytes the
 * build checked, so the page must not use it and reads the raw files instead. Tests that swap a
 * raw file in use this to stand for a host serving other data than the build checked.
 */
export async function alterCheckedData(
	page: Page,
	change: (data: { incidents: { properties: Record<string, unknown> }[] }) => void = () => {}
): Promise<void> {
	await page.route(CHECKED_DATA, async (route) => {
		const response = await route.fetch();
		const data = await response.json();
		change(data);
		// Re-serialised with indentation: the same data, other bytes, another digest.
		await route.fulfill({ response, body: JSON.stringify(data, null, 1) });
	});
}
