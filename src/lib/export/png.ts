/**
 * The exported image: the map as drawn, at the screen's resolution, with the legend, the
 * active filters, the attribution and the view's link painted over it on a 2D canvas (no
 * HTML-to-image step: text and symbols are drawn directly, so nothing depends on styles).
 */
import { FAMILIES, STATUSES, type StatusShape } from '$lib/data/symbology';

export type ImageNotes = {
	/** Heading, then the filter lines (see describeFilters). */
	title: string;
	filters: readonly string[];
	attribution: string;
	link: string;
	/** Device pixels per CSS pixel of the map canvas. */
	scale: number;
};

const FONT = "'Noto Sans', system-ui, sans-serif";

function drawShape(
	ctx: CanvasRenderingContext2D,
	shape: StatusShape,
	colour: string,
	cx: number,
	cy: number,
	r: number
): void {
	ctx.beginPath();
	if (shape === 'diamond') {
		ctx.moveTo(cx, cy - r);
		ctx.lineTo(cx + r, cy);
		ctx.lineTo(cx, cy + r);
		ctx.lineTo(cx - r, cy);
		ctx.closePath();
	} else if (shape === 'square') {
		ctx.rect(cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6);
	} else {
		ctx.arc(cx, cy, shape === 'ring' ? r * 0.75 : r, 0, 2 * Math.PI);
	}
	if (shape === 'ring') {
		ctx.fillStyle = '#fff';
		ctx.fill();
		ctx.lineWidth = r * 0.5;
		ctx.strokeStyle = colour;
		ctx.stroke();
	} else {
		ctx.fillStyle = colour;
		ctx.fill();
		ctx.lineWidth = r * 0.2;
		ctx.strokeStyle = '#fff';
		ctx.stroke();
	}
}

/** A white rounded box with a soft edge, as the on-screen legend looks. */
function box(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, s: number) {
	ctx.save();
	ctx.shadowColor = 'rgba(0,0,0,0.25)';
	ctx.shadowBlur = 4 * s;
	ctx.fillStyle = 'rgba(255,255,255,0.94)';
	ctx.beginPath();
	ctx.roundRect(x, y, w, h, 6 * s);
	ctx.fill();
	ctx.restore();
}

/** The map image with legend, filters, attribution and link, on a canvas of the same size. */
export function composeMapImage(map: HTMLCanvasElement, notes: ImageNotes): HTMLCanvasElement {
	const out = document.createElement('canvas');
	out.width = map.width;
	out.height = map.height;
	const ctx = out.getContext('2d');
	if (!ctx) throw new Error('This browser cannot draw the image (no 2D canvas).');
	ctx.drawImage(map, 0, 0);
	const s = notes.scale;
	const pad = 10 * s;
	const line = 16 * s;
	ctx.textBaseline = 'middle';

	// Title and filters, top left.
	const head = [notes.title, ...notes.filters];
	ctx.font = `${12 * s}px ${FONT}`;
	const headWidth = Math.min(
		out.width - 2 * pad,
		Math.max(...head.map((t) => ctx.measureText(t).width)) + 2 * pad
	);
	box(ctx, pad, pad, headWidth, head.length * line + pad, s);
	head.forEach((text, i) => {
		ctx.font = `${i === 0 ? 'bold ' : ''}${12 * s}px ${FONT}`;
		ctx.fillStyle = i === 0 ? '#1f2328' : '#444';
		ctx.fillText(text, 2 * pad, pad + pad / 2 + line * (i + 0.5), headWidth - 2 * pad);
	});

	// Footer: attribution and the view's link, across the bottom.
	const footer = 22 * s;
	ctx.fillStyle = 'rgba(255,255,255,0.9)';
	ctx.fillRect(0, out.height - footer, out.width, footer);
	ctx.font = `${11 * s}px ${FONT}`;
	ctx.fillStyle = '#333';
	const attributionWidth = ctx.measureText(notes.attribution).width;
	ctx.textAlign = 'right';
	ctx.fillText(notes.attribution, out.width - pad, out.height - footer / 2);
	ctx.textAlign = 'left';
	ctx.fillStyle = '#1a5c9e';
	ctx.fillText(
		notes.link,
		pad,
		out.height - footer / 2,
		Math.max(0, out.width - attributionWidth - 4 * pad)
	);

	// Legend, bottom left above the footer: colours for kinds, shapes for who says so.
	const rows: { label: string; draw?: (cx: number, cy: number) => void; head?: boolean }[] = [
		{ label: 'Colour: kind of event', head: true },
		...FAMILIES.map((f) => ({
			label: f.label,
			draw: (cx: number, cy: number) => drawShape(ctx, 'circle', f.colour, cx, cy, 5 * s)
		})),
		{ label: 'Shape: who says so', head: true },
		...STATUSES.map((st) => ({
			label: `${st.label} — ${st.explanation}`,
			draw: (cx: number, cy: number) => drawShape(ctx, st.shape, '#555', cx, cy, 5 * s)
		}))
	];
	ctx.font = `${11 * s}px ${FONT}`;
	const legendWidth = Math.max(...rows.map((r) => ctx.measureText(r.label).width)) + 5 * pad;
	const legendHeight = rows.length * line + pad;
	const lx = pad;
	const ly = out.height - footer - pad - legendHeight;
	box(ctx, lx, ly, legendWidth, legendHeight, s);
	rows.forEach((row, i) => {
		const cy = ly + pad / 2 + line * (i + 0.5);
		ctx.font = `${row.head ? 'bold ' : ''}${11 * s}px ${FONT}`;
		ctx.fillStyle = '#333';
		if (row.draw) {
			row.draw(lx + pad + 5 * s, cy);
			ctx.fillStyle = '#333';
			ctx.fillText(row.label, lx + 2.2 * pad + 8 * s, cy);
		} else {
			ctx.fillText(row.label, lx + pad, cy);
		}
	});
	return out;
}
