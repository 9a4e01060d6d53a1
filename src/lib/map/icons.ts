/**
 * Marker images drawn at runtime on a 2D canvas: one per category family and status, so
 * colour says what kind of event it is and shape says who vouches for it. No sprite sheet
 * to host, nothing to fetch.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { FAMILIES, STATUSES, iconName, type StatusShape } from '$lib/data/symbology';
import { PALETTE } from './palette';
import { PLACE_DOT } from './style';

const SIZE = 18; // CSS pixels
const RATIO = 2;

/**
 * A square 2D canvas for one image. `willReadFrequently` keeps it in memory on the CPU: every
 * image is read back with getImageData, which on a GPU-backed canvas stalls the page until the
 * GPU has drawn it (measured at over a second for the first marker under software GL).
 */
function canvas2d(px: number): CanvasRenderingContext2D {
	const canvas = document.createElement('canvas');
	canvas.width = canvas.height = px;
	return canvas.getContext('2d', { willReadFrequently: true })!;
}

function tracePath(ctx: CanvasRenderingContext2D, shape: StatusShape, c: number, r: number) {
	ctx.beginPath();
	if (shape === 'diamond') {
		const d = r * 1.2;
		ctx.moveTo(c, c - d);
		ctx.lineTo(c + d, c);
		ctx.lineTo(c, c + d);
		ctx.lineTo(c - d, c);
		ctx.closePath();
	} else if (shape === 'square') {
		const s = r * 0.9;
		ctx.rect(c - s, c - s, 2 * s, 2 * s);
	} else {
		ctx.arc(c, c, r, 0, 2 * Math.PI);
	}
}

function draw(shape: StatusShape, colour: string) {
	const px = SIZE * RATIO;
	const ctx = canvas2d(px);
	const c = px / 2;
	const r = px * 0.32;
	tracePath(ctx, shape, c, r);
	ctx.fillStyle = shape === 'ring' ? '#ffffff' : colour;
	ctx.fill();
	ctx.lineJoin = 'round';
	if (shape === 'ring') {
		ctx.lineWidth = r * 0.75;
		ctx.strokeStyle = colour;
		ctx.stroke();
		tracePath(ctx, shape, c, r + r * 0.375 + RATIO);
		ctx.lineWidth = RATIO * 1.2;
		ctx.strokeStyle = '#ffffff';
		ctx.stroke();
	} else {
		ctx.lineWidth = RATIO * 1.5;
		ctx.strokeStyle = '#ffffff';
		ctx.stroke();
	}
	return ctx.getImageData(0, 0, px, px);
}

function drawHalo() {
	const px = 30 * RATIO;
	const ctx = canvas2d(px);
	ctx.beginPath();
	ctx.arc(px / 2, px / 2, px * 0.36, 0, 2 * Math.PI);
	ctx.lineWidth = 3.5 * RATIO;
	ctx.strokeStyle = PALETTE.selection;
	ctx.stroke();
	ctx.fillStyle = 'rgba(241,196,15,0.25)';
	ctx.fill();
	return ctx.getImageData(0, 0, px, px);
}

/** Name of the dashed ring drawn round markers of records posted online or with no venue. */
export const UNPLACED_RING = 'incident-unplaced';

/** A dashed ring just outside a marker: the record has no place of its own. */
function drawUnplacedRing() {
	const px = 22 * RATIO;
	const ctx = canvas2d(px);
	ctx.beginPath();
	ctx.arc(px / 2, px / 2, 9 * RATIO, 0, 2 * Math.PI);
	ctx.setLineDash([2.5 * RATIO, 2 * RATIO]);
	ctx.lineWidth = 1.6 * RATIO;
	ctx.strokeStyle = PALETTE.place;
	ctx.stroke();
	return ctx.getImageData(0, 0, px, px);
}

const HALO = 'incident-halo';

/**
 * A place's dot: a filled circle of radius `r` with a `stroke`-wide ring, in CSS pixels (the
 * sizes the circle layer had: 3.2 px with incidents, 2.4 without, 5 with a yellow ring when
 * selected).
 */
function drawDot(r: number, stroke: number, ring: string) {
	const px = Math.ceil((r + stroke) * 2 + 2) * RATIO;
	const ctx = canvas2d(px);
	ctx.beginPath();
	ctx.arc(px / 2, px / 2, (r + stroke / 2) * RATIO, 0, 2 * Math.PI);
	ctx.fillStyle = PALETTE.place;
	ctx.fill();
	ctx.lineWidth = stroke * RATIO;
	ctx.strokeStyle = ring;
	ctx.stroke();
	return ctx.getImageData(0, 0, px, px);
}

/** Draws the image MapLibre asks for, if it is one of ours (a marker, the halo, the ring). */
function drawImage(id: string): ImageData | undefined {
	if (id === HALO) return drawHalo();
	if (id === PLACE_DOT.busy) return drawDot(3.2, 1, '#ffffff');
	if (id === PLACE_DOT.quiet) return drawDot(2.4, 1, '#ffffff');
	if (id === PLACE_DOT.selected) return drawDot(5, 3, PALETTE.selection);
	if (id === UNPLACED_RING) return drawUnplacedRing();
	for (const family of FAMILIES) {
		for (const status of STATUSES) {
			if (iconName(family.id, status.id) === id) return draw(status.shape, family.colour);
		}
	}
	return undefined;
}

/** Images the reports' layers use besides each incident's own marker. */
const LAYER_IMAGES = [HALO, UNPLACED_RING, ...Object.values(PLACE_DOT)];

/**
 * Draws the reports' images before their first tile asks for them: the halo, the venue ring,
 * the place dots and the markers in `markerIds`. Left to the resolver below, each image arrived
 * while the worker was laying out tiles, and each made MapLibre update its style and tell the
 * worker again; drawn here, as the overlays are added, the dashboard's first load was 4–7%
 * shorter (two interleaved 8-round A/Bs of one build: 2686 against 2489 ms, 2721 against
 * 2603 ms). Drawing them costs a few ms while the main thread waits for the basemap anyway.
 */
export function addMarkerImages(map: MapLibreMap, markerIds: Iterable<string>): void {
	for (const id of new Set([...LAYER_IMAGES, ...markerIds])) addImageOnce(map, id);
}

/** Adds the image `id` to the map unless it has it already or it is not one of ours. */
function addImageOnce(map: MapLibreMap, id: string): void {
	if (map.hasImage(id)) return;
	const image = drawImage(id);
	if (image) map.addImage(id, image, { pixelRatio: RATIO });
}

/**
 * Lets the map draw each marker image the first time a layer needs it (an imported dataset's,
 * or one {@link addMarkerImages} was not given). MapLibre 6 awaits this resolver before it
 * treats an image as missing, so the image exists before the style uses it (its
 * `styleimagemissing` event fires only after that, with a console warning).
 */
export function resolveMarkerImages(map: MapLibreMap): void {
	map.setMissingStyleImageResolver((id) => addImageOnce(map, id));
}
