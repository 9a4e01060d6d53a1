import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spaceLoadingFrames, type RepaintingMap } from './frame-spacing';

/** A stand-in for MapLibre's map: counts the frames it is asked for. */
function fakeMap() {
	const state = { frames: 0, moving: false, tilesLoaded: false };
	const map: RepaintingMap & typeof state = Object.assign(state, {
		style: {},
		triggerRepaint: () => {
			state.frames++;
		},
		isMoving: () => state.moving,
		areTilesLoaded: () => state.tilesLoaded
	});
	spaceLoadingFrames(map, 500, () => Date.now());
	return map;
}

describe('frames while tiles load', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('draws the first frame at once and folds the next ones into one per gap', () => {
		const map = fakeMap();
		map.triggerRepaint(); // first tile
		expect(map.frames).toBe(1);
		for (let i = 0; i < 5; i++) {
			vi.advanceTimersByTime(50);
			map.triggerRepaint(); // five more tiles within the gap
		}
		expect(map.frames).toBe(1);
		vi.advanceTimersByTime(249); // 250 + 249 ms after the first frame
		expect(map.frames).toBe(1);
		vi.advanceTimersByTime(1);
		expect(map.frames).toBe(2);
		vi.advanceTimersByTime(2000);
		expect(map.frames).toBe(2); // nothing more was asked for
	});

	it('draws at once when the last tile is in, and drops the frame it had put off', () => {
		const map = fakeMap();
		map.triggerRepaint();
		vi.advanceTimersByTime(100);
		map.triggerRepaint(); // put off
		map.tilesLoaded = true;
		vi.advanceTimersByTime(100);
		map.triggerRepaint(); // the last tile: drawn now
		expect(map.frames).toBe(2);
		vi.advanceTimersByTime(1000);
		expect(map.frames).toBe(2);
	});

	it('never holds back a frame while the camera moves', () => {
		const map = fakeMap();
		map.moving = true;
		for (let i = 0; i < 10; i++) {
			map.triggerRepaint();
			vi.advanceTimersByTime(16);
		}
		expect(map.frames).toBe(10);
	});

	it('passes every frame through when all tiles are loaded', () => {
		const map = fakeMap();
		map.tilesLoaded = true;
		for (let i = 0; i < 4; i++) map.triggerRepaint();
		expect(map.frames).toBe(4);
	});
});
