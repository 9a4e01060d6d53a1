/**
 * What the export buttons do, loaded only when one is pressed (it stays out of the first
 * load). Each exports exactly the incidents the dashboard shows, i.e. after every filter.
 */
import type { Dashboard } from '$lib/state/dashboard.svelte';
import { incidentsCsv } from './csv';
import { describeFilters } from './describe';
import { incidentsGeoJson } from './geojson';
import { composeMapImage } from './png';

/** Offers a file for download through an object URL (CSP: no data: navigation needed). */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.hidden = true;
	document.body.append(a);
	a.click();
	a.remove();
	// The download has its own reference by now; free ours once this task is done.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `incident-atlas-2026-11-30.csv`: the day of the export. */
function filename(ext: string): string {
	return `incident-atlas-${new Date().toISOString().slice(0, 10)}.${ext}`;
}

/** The page's address without its hash: where an exported row's own link points. */
export function pageUrl(): string {
	return `${window.location.origin}${window.location.pathname}`;
}

export function exportCsv(dashboard: Dashboard): void {
	const text = incidentsCsv(dashboard.visible, {
		placeById: dashboard.placeById,
		sourceById: dashboard.sourceById,
		pageUrl: pageUrl(),
		viewLink: window.location.href
	});
	downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename('csv'));
}

export function exportGeoJson(dashboard: Dashboard): void {
	const text = incidentsGeoJson(dashboard.visible);
	downloadBlob(new Blob([text], { type: 'application/geo+json' }), filename('geojson'));
}

export async function exportPng(
	dashboard: Dashboard,
	snapshot: () => Promise<HTMLCanvasElement>
): Promise<void> {
	const map = await snapshot();
	const image = composeMapImage(map, {
		title: 'Incident Atlas',
		filters: describeFilters({
			total: dashboard.data.incidents.length,
			shown: dashboard.visible.length,
			hiddenYears: dashboard.hiddenYears,
			hiddenKinds: dashboard.hiddenKinds,
			hiddenStatuses: dashboard.hiddenStatuses,
			range: dashboard.range
		}),
		attribution: 'Boundaries: Natural Earth (public domain) · MapLibre',
		link: window.location.href,
		// The map canvas is drawn at the screen's resolution: devicePixelRatio per CSS pixel.
		scale: window.devicePixelRatio || 1
	});
	const blob = await new Promise<Blob | null>((resolve) => image.toBlob(resolve, 'image/png'));
	if (!blob) throw new Error('The browser could not encode the image.');
	downloadBlob(blob, filename('png'));
}
