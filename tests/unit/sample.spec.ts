import { describe, expect, it } from 'vitest';
import { ACLED_HEADER, GTD_HEADER, sampleLines } from '../../scripts/lib/sample';

/** Splits one RFC 4180 line (no embedded newlines in the generator's output). */
function cells(line: string): string[] {
	return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
		.slice(0, -1)
		.map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1]));
}

describe('gen:sample rows', () => {
	it('writes the ACLED header and one well-formed row per requested row', () => {
		const lines = [...sampleLines({ layout: 'acled', rows: 500, seed: 7 })];
		expect(lines).toHaveLength(501);
		expect(lines[0]).toBe(ACLED_HEADER.join(','));
		const lat = ACLED_HEADER.indexOf('latitude');
		const lon = ACLED_HEADER.indexOf('longitude');
		const date = ACLED_HEADER.indexOf('event_date');
		const formats = new Set<string>();
		for (const line of lines.slice(1)) {
			const row = cells(line);
			expect(row).toHaveLength(ACLED_HEADER.length);
			expect(Math.abs(Number(row[lat]))).toBeLessThanOrEqual(90);
			expect(Math.abs(Number(row[lon]))).toBeLessThanOrEqual(180);
			formats.add(/^\d{4}-\d\d-\d\d$/.test(row[date]) ? 'iso' : 'long');
		}
		expect(formats).toEqual(new Set(['iso', 'long']));
	});

	it('writes GTD rows with unknown months and days as 0, like the codebook', () => {
		const lines = [...sampleLines({ layout: 'gtd', rows: 2000, seed: 3 })];
		const month = GTD_HEADER.indexOf('imonth');
		const day = GTD_HEADER.indexOf('iday');
		const rows = lines.slice(1).map(cells);
		expect(rows.every((r) => r.length === GTD_HEADER.length)).toBe(true);
		expect(rows.some((r) => r[month] === '0')).toBe(true);
		expect(rows.some((r) => r[day] === '0' && r[month] !== '0')).toBe(true);
		expect(rows.every((r) => r[month] !== '0' || r[day] === '0')).toBe(true);
	});

	it('is deterministic for a seed and differs between seeds', () => {
		const a = [...sampleLines({ layout: 'acled', rows: 50, seed: 1 })];
		const b = [...sampleLines({ layout: 'acled', rows: 50, seed: 1 })];
		const c = [...sampleLines({ layout: 'acled', rows: 50, seed: 2 })];
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
	});

	it('keeps years inside the requested span', () => {
		const lines = [...sampleLines({ layout: 'acled', rows: 300, years: [2012, 2013] })];
		const year = ACLED_HEADER.indexOf('year');
		const years = new Set(lines.slice(1).map((l) => cells(l)[year]));
		expect(years).toEqual(new Set(['2012', '2013']));
	});
});
