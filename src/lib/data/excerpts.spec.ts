import { describe, expect, it } from 'vitest';
import { ELISION, collectExcerpts, excerptFragments, foldForMatch, matchExcerpt } from './excerpts';

const SOURCE = [
	'In May, the first suicide bomber infiltrated the office in the city of Aqtobe.[6] In July,',
	'a group  of militants attacked a checkpoint.\n\nIt “isn’t clear” – probably – a dozen,',
	'during a \\special operation in Boraldai. When there is no information, the media ... start',
	'multiplying rumours.'
].join(' ');

describe('foldForMatch', () => {
	it('folds white space runs, typographic quotes and dashes, and nothing else', () => {
		expect(foldForMatch('a \t\n\u00a0b “c” ‘d’ e–f—g')).toBe('a b "c" \'d\' e-f-g');
		expect(foldForMatch('Case \\ kept…')).toBe('Case \\ kept…');
	});
});

describe('matchExcerpt', () => {
	it('accepts an exact quote, across line breaks and with straight quotes for curly ones', () => {
		expect(matchExcerpt(SOURCE, 'attacked a checkpoint. It "isn\'t clear" - probably')).toEqual({
			ok: true
		});
	});

	it('keeps a backslash the source has: dropping it is a mismatch, keeping it matches', () => {
		const dropped = matchExcerpt(SOURCE, 'during a special operation in Boraldai');
		expect(dropped.ok).toBe(false);
		if (!dropped.ok) {
			expect(dropped.reason).toContain('matches up to "during a "');
			expect(dropped.reason).toContain('\\special');
		}
		expect(matchExcerpt(SOURCE, 'during a \\special operation in Boraldai').ok).toBe(true);
	});

	it('does not fold case', () => {
		expect(matchExcerpt(SOURCE, 'in may, the first suicide bomber').ok).toBe(false);
	});

	it('joins fragments at " [...] " only when they occur in order in the document', () => {
		expect(
			matchExcerpt(SOURCE, `the city of Aqtobe.${ELISION}In July, a group of militants`)
		).toEqual({ ok: true });
		const reversed = matchExcerpt(SOURCE, `In July, a group${ELISION}the city of Aqtobe.`);
		expect(reversed).toMatchObject({ ok: false, fragment: 2, of: 2 });
		if (!reversed.ok) expect(reversed.reason).toContain('source order');
	});

	it('does not treat "..." as an elision: it must be in the source literally', () => {
		expect(matchExcerpt(SOURCE, 'the city of Aqtobe. ... In July, a group').ok).toBe(false);
		expect(matchExcerpt(SOURCE, 'the media ... start multiplying rumours.').ok).toBe(true);
	});

	it('rejects a footnote marker left out without an elision', () => {
		expect(matchExcerpt(SOURCE, 'the city of Aqtobe. In July,').ok).toBe(false);
		expect(matchExcerpt(SOURCE, 'the city of Aqtobe.[6] In July,').ok).toBe(true);
	});

	it('rejects badly written elisions and empty fragments', () => {
		const tight = matchExcerpt(SOURCE, 'the city of Aqtobe.[...] In July,');
		expect(tight).toMatchObject({ ok: false, fragment: 1 });
		if (!tight.ok) expect(tight.reason).toContain('one space either side');
		expect(matchExcerpt(SOURCE, `${ELISION}In July, a group`)).toMatchObject({
			ok: false,
			fragment: 1
		});
	});

	it('names the first fragment that fails', () => {
		const result = matchExcerpt(SOURCE, `In May, the first${ELISION}a dozen of${ELISION}In July`);
		expect(result).toMatchObject({ ok: false, fragment: 2, of: 3, text: 'a dozen of' });
	});
});

describe('excerptFragments', () => {
	it('splits at the elision marker and folds each fragment', () => {
		expect(excerptFragments(` “a”  b${ELISION}c `)).toEqual(['"a" b', 'c']);
	});
});

describe('collectExcerpts', () => {
	it('finds every excerpt with its record id, field path and cited source', () => {
		const data = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: {
						id: 'one',
						sources: [
							{ source: 's1', excerpt: 'first quote' },
							{ source: 's2', excerpt: 'second quote' }
						]
					}
				},
				{
					type: 'Feature',
					properties: { id: 'KZ.SK', recruitment: [{ source: 's1', excerpt: 'third' }] }
				}
			]
		};
		expect(collectExcerpts(data)).toEqual([
			{ id: 'one', path: 'properties.sources[0].excerpt', source: 's1', excerpt: 'first quote' },
			{ id: 'one', path: 'properties.sources[1].excerpt', source: 's2', excerpt: 'second quote' },
			{ id: 'KZ.SK', path: 'properties.recruitment[0].excerpt', source: 's1', excerpt: 'third' }
		]);
	});
});
