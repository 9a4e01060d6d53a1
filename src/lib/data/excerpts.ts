/**
 * Exact matching of quoted excerpts against their source documents. An excerpt is only
 * evidence if a reader can find its very characters in the source, so the folding here is
 * deliberately small and documented in geodata/README.md:
 *
 * - every run of white space (spaces, tabs, line breaks, no-break spaces) counts as one space,
 *   and an excerpt's leading and trailing white space is ignored;
 * - typographic quotes and apostrophes equal their straight forms (‘ ’ ‚ ′ → ', “ ” „ ″ → ");
 * - hyphens and dashes equal each other (‐ ‑ ‒ – — ― − → -).
 *
 * Nothing else: no case folding, no Unicode normalisation, no dropping of backslashes,
 * brackets or footnote markers. An elision is written ` [...] ` (space, bracketed three
 * dots, space) and joins fragments that occur in this order, without overlapping, in the
 * same document. A literal `...` or `…` in an excerpt is matched literally, because the
 * sources use them themselves.
 */

/** The one way to mark words left out of an excerpt. */
export const ELISION = ' [...] ';

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u2032]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u2033]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const WHITE_SPACE = /\s+/g;

/** The documented folding, applied to both the source and the excerpt. */
export function foldForMatch(text: string): string {
	return text
		.replace(SINGLE_QUOTES, "'")
		.replace(DOUBLE_QUOTES, '"')
		.replace(DASHES, '-')
		.replace(WHITE_SPACE, ' ');
}

/** The fragments of an excerpt, split at each elision marker, folded and trimmed. */
export function excerptFragments(excerpt: string): string[] {
	return excerpt.split(ELISION).map((f) => foldForMatch(f).trim());
}

export type ExcerptMatch =
	| { ok: true }
	| {
			ok: false;
			/** 1-based index of the first fragment that does not match, and how many there are. */
			fragment: number;
			of: number;
			/** That fragment, folded. */
			text: string;
			/** Why it fails, in words. */
			reason: string;
	  };

const SHOW = 40;

function clip(s: string, from: 'start' | 'end'): string {
	if (s.length <= SHOW) return s;
	return from === 'start' ? `${s.slice(0, SHOW)}…` : `…${s.slice(-SHOW)}`;
}

/**
 * The longest prefix of `fragment` found in `doc` at or after `from`, and where the source
 * then goes on: tells the editor exactly which character differs.
 */
function longestPrefix(
	doc: string,
	fragment: string,
	from: number
): { length: number; at: number } {
	let lo = 0;
	let hi = fragment.length;
	let at = -1;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		const found = doc.indexOf(fragment.slice(0, mid), from);
		if (found >= 0) {
			lo = mid;
			at = found;
		} else hi = mid - 1;
	}
	return { length: lo, at };
}

/**
 * Whether `excerpt` occurs in `source` under the documented folding, with elided fragments
 * in order. On failure, names the first fragment that does not match and why.
 */
export function matchExcerpt(source: string, excerpt: string): ExcerptMatch {
	const doc = foldForMatch(source);
	const fragments = excerptFragments(excerpt);
	let from = 0;
	for (let i = 0; i < fragments.length; i++) {
		const text = fragments[i];
		const fail = (reason: string): ExcerptMatch => ({
			ok: false,
			fragment: i + 1,
			of: fragments.length,
			text,
			reason
		});
		if (text === '') return fail('empty fragment (an elision at the start or end, or twice)');
		if (text.includes('[...]'))
			return fail(`an elision must be written "${ELISION}", with one space either side`);
		const at = doc.indexOf(text, from);
		if (at >= 0) {
			from = at + text.length;
			continue;
		}
		if (i > 0 && doc.includes(text)) {
			return fail('found only before the previous fragment: fragments must be in source order');
		}
		const prefix = longestPrefix(doc, text, from);
		if (prefix.length === 0) return fail('not found: not even its first character follows');
		const matched = text.slice(0, prefix.length);
		const expected = doc.slice(prefix.at + prefix.length, prefix.at + prefix.length + 12);
		return fail(
			`matches up to "${clip(matched, 'end')}", then has "${clip(text.slice(prefix.length), 'start')}" where the source has "${expected}"`
		);
	}
	return { ok: true };
}

export interface ExcerptRef {
	/** Id of the record the excerpt belongs to (properties.id of its feature), or "(file)". */
	id: string;
	/** Field path inside the record, e.g. "properties.sources[2].excerpt". */
	path: string;
	/** The cited source id, when the citation names one. */
	source: string | undefined;
	excerpt: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Every `excerpt` string in a parsed data file, with the source its citation names, the
 * record it belongs to and its path in that record. Works on incidents (citations in
 * `properties.sources`) and regions (recruitment marks) alike.
 */
export function collectExcerpts(data: unknown): ExcerptRef[] {
	const out: ExcerptRef[] = [];
	const walk = (value: unknown, id: string, path: string) => {
		if (Array.isArray(value)) {
			value.forEach((v, i) => walk(v, id, `${path}[${i}]`));
			return;
		}
		if (!isRecord(value)) return;
		const props = value.properties;
		const ownId = isRecord(props) && typeof props.id === 'string' ? props.id : undefined;
		const here = ownId !== undefined && value.type === 'Feature' ? ownId : id;
		const base = ownId !== undefined && value.type === 'Feature' ? '' : path;
		for (const [key, v] of Object.entries(value)) {
			const at = base === '' ? key : `${base}.${key}`;
			if (key === 'excerpt' && typeof v === 'string') {
				out.push({
					id: here,
					path: at,
					source: typeof value.source === 'string' ? value.source : undefined,
					excerpt: v
				});
			} else walk(v, here, at);
		}
	};
	walk(data, '(file)', '');
	return out;
}
