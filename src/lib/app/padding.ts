/**
 * Room to leave when fitting data into a map that has boxes over it (the legend, a bottom
 * sheet). Pure geometry on DOMRect-like boxes, so it is tested without a browser.
 */
export type Box = { left: number; top: number; right: number; bottom: number };
export type Room = { top: number; bottom: number; left: number; right: number };

/** Room around fitted points: markers fan out up to about this far from their point. */
export const MARGIN = 50;
/** The fitted area never shrinks below this, in pixels, however much lies over the map. */
const MIN_FREE = 120;

/**
 * Widens `room` (in place) so the fitted area stays clear of `overlay`: along the side that
 * costs the smallest share of the map, with {@link MARGIN} beyond the overlay's edge.
 */
export function clearOf(map: Box, overlay: Box, room: Room): Room {
	const width = map.right - map.left;
	const height = map.bottom - map.top;
	const overlaps =
		overlay.left < map.right &&
		overlay.right > map.left &&
		overlay.top < map.bottom &&
		overlay.bottom > map.top;
	if (!overlaps || width <= 0 || height <= 0) return room;
	const sides: [keyof Room, number, number][] = [
		['left', overlay.right - map.left, width],
		['right', map.right - overlay.left, width],
		['top', overlay.bottom - map.top, height],
		['bottom', map.bottom - overlay.top, height]
	];
	const [side, depth] = sides.reduce((best, s) => (s[1] / s[2] < best[1] / best[2] ? s : best));
	room[side] = Math.max(room[side], Math.ceil(depth) + MARGIN);
	return room;
}

/** Scales `room` down where it would leave less than MIN_FREE pixels of map to fit into. */
export function fitWithin(room: Room, map: Box): Room {
	const squeeze = (a: number, b: number, size: number): [number, number] => {
		const free = Math.max(size - MIN_FREE, 0);
		if (a + b <= free) return [a, b];
		const k = free / (a + b);
		return [Math.floor(a * k), Math.floor(b * k)];
	};
	const [left, right] = squeeze(room.left, room.right, map.right - map.left);
	const [top, bottom] = squeeze(room.top, room.bottom, map.bottom - map.top);
	return { top, bottom, left, right };
}
