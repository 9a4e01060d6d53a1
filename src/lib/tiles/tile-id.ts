/**
 * Web Mercator tile arithmetic and the PMTiles v3 tile id (a Hilbert curve index per zoom,
 * zooms laid end to end). Pure, no DOM and no Node APIs: the build script, the page and a
 * worker all use it.
 */

/** A longitude/latitude as a position in the Web Mercator world square, both in 0..1. */
export function lonLatToWorld(lon: number, lat: number): [number, number] {
	const x = (lon + 180) / 360;
	const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
	const s = Math.sin((clamped * Math.PI) / 180);
	const y = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
	return [Math.min(Math.max(x, 0), 1 - 1e-12), Math.min(Math.max(y, 0), 1 - 1e-12)];
}

/** The longitude/latitude of a position in the world square. */
export function worldToLonLat(x: number, y: number): [number, number] {
	const lon = x * 360 - 180;
	const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
	return [lon, lat];
}

/** Tiles before zoom `z` in PMTiles order: (4^z - 1) / 3. */
function tilesBefore(z: number): number {
	return (Math.pow(4, z) - 1) / 3;
}

/** The PMTiles v3 tile id of z/x/y (Hilbert order within a zoom). */
export function zxyToTileId(z: number, x: number, y: number): number {
	if (z > 26) throw new Error(`zoom ${z} is beyond what a tile id can hold`);
	const n = Math.pow(2, z);
	if (x < 0 || y < 0 || x >= n || y >= n)
		throw new Error(`tile ${z}/${x}/${y} is outside zoom ${z}`);
	let d = 0;
	let tx = x;
	let ty = y;
	for (let s = n / 2; s >= 1; s /= 2) {
		const rx = (tx & s) > 0 ? 1 : 0;
		const ry = (ty & s) > 0 ? 1 : 0;
		d += s * s * ((3 * rx) ^ ry);
		[tx, ty] = rotate(n, tx, ty, rx, ry);
	}
	return tilesBefore(z) + d;
}

/** z/x/y of a PMTiles v3 tile id. */
export function tileIdToZxy(id: number): [number, number, number] {
	let z = 0;
	while (tilesBefore(z + 1) <= id) z++;
	const n = Math.pow(2, z);
	let t = id - tilesBefore(z);
	let x = 0;
	let y = 0;
	for (let s = 1; s < n; s *= 2) {
		const rx = 1 & (t / 2);
		const ry = 1 & (t ^ rx);
		[x, y] = rotate(s, x, y, rx, ry);
		x += s * rx;
		y += s * ry;
		t = Math.floor(t / 4);
	}
	return [z, x, y];
}

function rotate(n: number, x: number, y: number, rx: number, ry: number): [number, number] {
	if (ry !== 0) return [x, y];
	if (rx === 1) {
		x = n - 1 - x;
		y = n - 1 - y;
	}
	return [y, x];
}
