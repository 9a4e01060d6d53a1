/**
 * Fewer frames while tiles load.
 *
 * MapLibre draws a frame each time a tile arrives. Under software WebGL (SwiftShader, what
 * headless and GPU-less machines run) a full frame of this map costs 70–130 ms of CPU, taken on
 * a two-core machine from the worker that is still cutting the other tiles: the dashboard's
 * first view drew 25–35 frames before its map went idle, where a bare page with the same
 * basemap drew 6 (its one source has fewer tiles to report).
 *
 * While tiles are loading and the camera is still, {@link spaceLoadingFrames} lets through at
 * most one frame per gap. The frame after the last tile arrives, every frame while the camera
 * moves, and every frame once all tiles are in, is drawn at once: the finished map is never
 * later than without it, and panning or zooming by hand is as smooth as before.
 */

/** What this needs of a MapLibre map (the public methods of the same names). */
export type RepaintingMap = {
	triggerRepaint(): void;
	isMoving(): boolean;
	areTilesLoaded(): boolean;
	/** Undefined before the style exists and after the map is removed. */
	readonly style?: unknown;
};

/** Least time between two frames drawn while tiles are still arriving. */
export const LOADING_FRAME_GAP_MS = 500;

/**
 * Replaces `map.triggerRepaint` (which MapLibre itself calls after every tile, style change and
 * camera step) with one that spaces the frames asked for while tiles load.
 */
export function spaceLoadingFrames(
	map: RepaintingMap,
	gapMs = LOADING_FRAME_GAP_MS,
	now: () => number = () => performance.now()
): void {
	const repaint = map.triggerRepaint.bind(map);
	let lastDrawn = -Infinity;
	let deferred: ReturnType<typeof setTimeout> | null = null;
	const drawNow = () => {
		if (deferred) clearTimeout(deferred);
		deferred = null;
		lastDrawn = now();
		repaint();
	};
	map.triggerRepaint = () => {
		// Without a style there are no tiles to wait for (and nothing to ask about them).
		if (!map.style || map.isMoving() || map.areTilesLoaded()) return drawNow();
		const wait = lastDrawn + gapMs - now();
		if (wait <= 0) return drawNow();
		deferred ??= setTimeout(drawNow, wait);
	};
}
