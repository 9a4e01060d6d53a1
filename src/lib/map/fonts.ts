/**
 * Self-hosted Noto Sans for map labels, declared through MapLibre's `font-faces` style
 * property: no glyph server, no request off the page's origin. Vite emits each woff2 as a
 * hashed asset. Kazakh letters (Қ ғ ң ә ө) live in the cyrillic-ext subset, so it is listed.
 * Order matters where ranges overlap: the first file that covers a codepoint draws it.
 */
import type { FontFacesSpecification } from 'maplibre-gl';
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import cyrillic400 from '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff2?url';
import cyrillicExt400 from '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff2?url';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import latinExt700 from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff2?url';
import cyrillic700 from '@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff2?url';
import cyrillicExt700 from '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-700-normal.woff2?url';

export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_BOLD = 'Noto Sans Bold';

// Unicode ranges as published by @fontsource/noto-sans for each subset.
const LATIN = [
	'U+0000-00FF',
	'U+0131',
	'U+0152-0153',
	'U+02BB-02BC',
	'U+02C6',
	'U+02DA',
	'U+02DC',
	'U+0304',
	'U+0308',
	'U+0329',
	'U+2000-206F',
	'U+20AC',
	'U+2122',
	'U+2191',
	'U+2193',
	'U+2212',
	'U+2215',
	'U+FEFF',
	'U+FFFD'
];
const LATIN_EXT = ['U+0100-02BA', 'U+02BD-02C5', 'U+02C7-02CC', 'U+02CE-02D7', 'U+02DD-02FF'];
const CYRILLIC = ['U+0301', 'U+0400-045F', 'U+0490-0491', 'U+04B0-04B1', 'U+2116'];
const CYRILLIC_EXT = ['U+0460-052F', 'U+1C80-1C8A', 'U+20B4', 'U+2DE0-2DFF', 'U+A640-A69F'];

/** Absolute URLs: the glyph code resolves them outside the page's base path. */
function absolute(url: string, origin: string): string {
	return new URL(url, origin).href;
}

export function fontFaces(origin: string): FontFacesSpecification {
	const face = (files: [string, string, string, string]) => [
		{ url: absolute(files[0], origin), 'unicode-range': LATIN },
		{ url: absolute(files[1], origin), 'unicode-range': LATIN_EXT },
		{ url: absolute(files[2], origin), 'unicode-range': CYRILLIC },
		{ url: absolute(files[3], origin), 'unicode-range': CYRILLIC_EXT }
	];
	return {
		[FONT_REGULAR]: face([latin400, latinExt400, cyrillic400, cyrillicExt400]),
		[FONT_BOLD]: face([latin700, latinExt700, cyrillic700, cyrillicExt700])
	};
}
