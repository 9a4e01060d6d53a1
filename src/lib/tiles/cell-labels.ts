/**
 * Which cells of a tile set get a count label, and what it says. The labels are drawn as page
 * text over the map, not as a MapLibre symbol layer: a symbol layer's text is laid out in
 * MapLibre's worker, again for every tile in view on every filter change, and that made up most
 * of a year toggle's time. Here a toggle only sums a few numbers per cell on the main thread.
 * Pure: the map code (src/lib/map/tiled-layer.ts) feeds it the cells in view.
 */

/** Cells below this count get no label: the circle's size says "a few". */
export const LABEL_MIN_COUNT = 10;
/** At most this many labels are drawn at once, the largest counts first. */
export const MAX_LABELS = 250;

/** The label box's size, estimated for 11 px bold digits (no text is measured). */
const CHAR_WIDTH = 7;
const LABEL_HEIGHT = 14;
const LABEL_PADDING = 4;

/** A count as a short label: 950, 1.2k, 12k, 3.4M. */
export function countLabel(count: number): string {
	if (count >= 1e6) return `${Math.round(count / 1e5) / 10}M`;
	if (count >= 1e4) return `${Math.round(count / 1e3)}k`;
	if (count >= 1e3) return `${Math.round(count / 1e2) / 10}k`;
	return String(count);
}

/** A cell's count under the filters: the sum of the properties the filters leave visible. */
export function visibleCount(
	properties: Readonly<Record<string, unknown>>,
	keys: readonly string[]
): number {
	let sum = 0;
	for (const key of keys) {
		const value = Number(properties[key]);
		if (Number.isFinite(value)) sum += value;
	}
	return sum;
}

export type LabelCandidate = { id: number; x: number; y: number; count: number };

/**
 * The labels to draw: the largest counts first, each only where its box is inside the view
 * and overlaps no label already placed (so neighbouring cells never print over each other).
 * Ties go to the lower id, so the same cells always win. Each label keeps what its candidate
 * carried (e.g. the cell's coordinates).
 */
export function placeLabels<T extends LabelCandidate>(
	candidates: readonly T[],
	view: { width: number; height: number },
	max = MAX_LABELS
): (T & { text: string })[] {
	const ranked = candidates
		.filter((c) => c.count >= LABEL_MIN_COUNT)
		.sort((a, b) => b.count - a.count || a.id - b.id);
	const placed: (T & { text: string })[] = [];
	const boxes: Box[] = [];
	for (const candidate of ranked) {
		if (placed.length >= max) break;
		const text = countLabel(candidate.count);
		const box = boxAround(candidate.x, candidate.y, text);
		if (box.left < 0 || box.top < 0 || box.right > view.width || box.bottom > view.height) continue;
		if (boxes.some((b) => overlaps(b, box))) continue;
		placed.push({ ...candidate, text });
		boxes.push(box);
	}
	return placed;
}

type Box = { left: number; top: number; right: number; bottom: number };

function boxAround(x: number, y: number, text: string): Box {
	const halfWidth = (text.length * CHAR_WIDTH + LABEL_PADDING) / 2;
	const halfHeight = LABEL_HEIGHT / 2;
	return { left: x - halfWidth, right: x + halfWidth, top: y - halfHeight, bottom: y + halfHeight };
}

function overlaps(a: Box, b: Box): boolean {
	return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
