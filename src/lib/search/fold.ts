/**
 * Folds a search term to one comparable Latin form, so that every common spelling of a
 * Kazakh or Russian name meets the others: case and accents go (NFKD, then combining marks
 * dropped: "Aqtöbe" → "aqtobe", "й" → "и"), Cyrillic is transliterated letter by letter
 * (Russian and the Kazakh extra letters), and "q" becomes "k" so the Kazakh Latin spelling
 * meets the Russian-based one ("Aqtobe", "Ақтөбе", "Актобе" → "aktobe").
 *
 * Old names that no letter table can derive (Aktyubinsk, Гурьев) are not folded into the
 * new ones: they must be stored as aliases in places.geojson, and then match as such.
 */

/** Cyrillic letters (lowercase, after NFKD) to Latin, Russian and Kazakh alphabets. */
export const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
	а: 'a',
	ә: 'a',
	б: 'b',
	в: 'v',
	г: 'g',
	ғ: 'g',
	д: 'd',
	е: 'e',
	ж: 'zh',
	з: 'z',
	и: 'i',
	і: 'i',
	к: 'k',
	қ: 'k',
	л: 'l',
	м: 'm',
	н: 'n',
	ң: 'n',
	о: 'o',
	ө: 'o',
	п: 'p',
	р: 'r',
	с: 's',
	т: 't',
	у: 'u',
	ұ: 'u',
	ү: 'u',
	ф: 'f',
	х: 'kh',
	һ: 'h',
	ц: 'ts',
	ч: 'ch',
	ш: 'sh',
	щ: 'shch',
	ъ: '',
	ы: 'y',
	ь: '',
	э: 'e',
	ю: 'yu',
	я: 'ya',
	// Ingush and Chechen palochka (Гӏалгӏайче): a modifier, not a sound of its own in Latin.
	ӏ: ''
};

const CYRILLIC = /[\u0400-\u04ff]/g;

/** The folded form of one term (a word); '' when nothing comparable is left. */
export function foldTerm(term: string): string {
	return term
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(CYRILLIC, (c) => CYRILLIC_TO_LATIN[c] ?? c)
		.replace(/q/g, 'k');
}
