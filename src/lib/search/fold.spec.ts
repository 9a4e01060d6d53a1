import { describe, expect, it } from 'vitest';
import { CYRILLIC_TO_LATIN, foldTerm } from './fold';

describe('foldTerm', () => {
	it('folds case, accents and the Kazakh q so every spelling of Aktobe meets', () => {
		for (const spelling of ['Aktobe', 'AKTOBE', 'Aqtobe', 'Aqtöbe', 'Ақтөбе', 'Актобе', 'АКТОБЕ']) {
			expect(foldTerm(spelling), spelling).toBe('aktobe');
		}
	});

	it('transliterates Russian letters, including those NFKD splits (й, ё)', () => {
		expect(foldTerm('Атырау')).toBe('atyrau');
		expect(foldTerm('Гурьев')).toBe('gurev');
		expect(foldTerm('Актюбинск')).toBe(foldTerm('Aktyubinsk'));
		expect(foldTerm('Алматы')).toBe('almaty');
		expect(foldTerm('Бурундай')).toBe('burundai');
		expect(foldTerm('Ёж')).toBe('ezh');
		expect(foldTerm('Щучинск')).toBe('shchuchinsk');
		expect(foldTerm('Хост')).toBe('khost');
	});

	it('transliterates the Kazakh letters that Russian lacks', () => {
		expect(foldTerm('ӘҒҚҢӨҰҮҺІ')).toBe('agknouuhi');
		expect(foldTerm('Қарағанды')).toBe('karagandy');
		expect(foldTerm('Оңтүстік')).toBe('ontustik');
		expect(foldTerm('Қазақстан')).toBe(foldTerm('Qazaqstan'));
	});

	it('maps every lowercase Cyrillic letter of the table to plain Latin', () => {
		for (const [cyrillic, latin] of Object.entries(CYRILLIC_TO_LATIN)) {
			expect(latin, cyrillic).toMatch(/^[a-z]*$/);
			expect(foldTerm(cyrillic)).toBe(latin.replace(/q/g, 'k'));
		}
		// Every letter of the basic Russian alphabet is covered (й and ё through NFKD).
		for (let code = 0x430; code <= 0x44f; code++) {
			expect(foldTerm(String.fromCharCode(code))).toMatch(/^[a-z]*$/);
		}
		expect(foldTerm('й')).toBe('i');
		expect(foldTerm('ё')).toBe('e');
	});

	it('leaves other scripts readable rather than erasing them', () => {
		expect(foldTerm('خوست')).toBe('خوست');
		expect(foldTerm('2011')).toBe('2011');
	});
});
