/**
 * Helpers that browser tests and scripts share to talk to the running map through the
 * `window.__atlas` handle the page exposes.
 */
import type { Page } from 'playwright-core';
import { offsetAt, type MapIncidentProps } from '../../src/lib/data/map-features';

/** Resolves when the map has rendered everything it was asked to and stopped moving. */
export async function waitForMapIdle(page: Page, timeout = 45_000): Promise<void> {
	await page.waitForFunction(() => document.documentElement.dataset.mapReady === 'true', null, {
		timeout
	});
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
					.map;
				map.once('idle', () => resolve());
				map.triggerRepaint();
			})
	);
}

/** Page coordinates of an incident marker: its point plus its offset at the current zoom. */
export async function incidentMarkerPosition(
	page: Page,
	incidentId: string
): Promise<{ x: number; y: number }> {
	const found = await page.evaluate((id) => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const features = map.querySourceFeatures('incidents', { filter: ['==', ['get', 'id'], id] });
		if (!features.length) throw new Error(`incident ${id} is not on the map`);
		const f = features[0];
		const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
		const p = map.project([lon, lat]);
		const rect = map.getCanvas().getBoundingClientRect();
		return {
			x: rect.left + p.x,
			y: rect.top + p.y,
			zoom: map.getZoom(),
			props: f.properties as Record<string, unknown>
		};
	}, incidentId);
	const [dx, dy] = offsetAt(found.props as MapIncidentProps, found.zoom);
	return { x: found.x + dx, y: found.y + dy };
}

/**
 * A tile set's cells in the canvas now: their properties, the count they are drawn with (their
 * feature-state `n`; a cell at 0 is not drawn) and their centre in page pixels.
 */
export async function tileCellsInView(page: Page) {
	return page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const rect = map.getCanvas().getBoundingClientRect();
		return map.queryRenderedFeatures({ layers: ['tileset-cells'] }).map((f) => {
			const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
			return {
				id: f.id,
				props: f.properties as Record<string, number>,
				n: Number(f.state.n ?? 0),
				x: rect.left + p.x,
				y: rect.top + p.y
			};
		});
	});
}

/** A tile set's cells drawn now. */
export async function renderedTileCells(page: Page) {
	return (await tileCellsInView(page)).filter((c) => c.n > 0);
}
