import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexById } from '$lib/data/incidents';
import {
	IncidentCollection,
	PlaceCollection,
	SourceList,
	type IncidentFeature
} from '$lib/data/schema';
import { parseCsv } from '../../../tests/support/csv';
import { CSV_COLUMNS, csvField, csvHeader, incidentsCsv, neutraliseFormula } from './csv';

const read = (f: string) => readFileSync(f, 'utf8');
const incidents = IncidentCollection.parse(JSON.parse(read('geodata/incidents.geojson'))).features;
const places = PlaceCollection.parse(JSON.parse(read('geodata/places.geojson'))).features;
const sources = SourceList.parse(JSON.parse(read('geodata/sources.json')));
const ctx = {
	placeById: indexById(places),
	sourceById: new Map(sources.map((s) => [s.id, s])),
	pageUrl: 'https://atlas.example/',
	viewLink: 'https://atlas.example/#map=5/47/60&from=2011-10&to=2011-11'
};

/** Payload lines of the ```text blocks in PayloadsAllTheThings' CSV Injection page. */
function csvInjectionPayloads(): string[] {
	const md = read('tests/fixtures/xss/payloadsallthethings/CSV_Injection_README.md');
	const out: string[] = [];
	for (const block of md.matchAll(/```text\n([\s\S]*?)```/g)) {
		for (const line of block[1].split('\n')) {
			// The markdown indents list-item code blocks by four spaces; the payload follows.
			const payload = line.replace(/^ {4}/, '');
			if (payload.trim() !== '') out.push(payload);
		}
	}
	return out;
}

/** Every string of the Big List of Naughty Strings (comments and blank lines left out). */
function naughtyStrings(): string[] {
	return read('tests/fixtures/xss/blns/blns.txt')
		.split('\n')
		.filter((line) => line !== '' && !line.startsWith('#'));
}

const hostile = [
	...csvInjectionPayloads(),
	...naughtyStrings(),
	// Cases the corpora do not spell out: every OWASP trigger, leading space or newline before
	// one, a multi-line cell starting with a formula (PapaParse's escapeFormulae misses it).
	'=1+1',
	'+1+1',
	'-1+1',
	'@SUM(A1)',
	'\t=1+1',
	'\r=1+1',
	'\u0000=1+1',
	' =1+1',
	'\n=HYPERLINK("http://x.example","click")',
	'=1+1\nsecond line',
	'-- a quoted dash',
	'Атырау, "Гурьев"'
];

/** An incident whose every text field is the payload. */
function hostileIncident(payload: string, n: number): IncidentFeature {
	const base = incidents[0];
	return {
		...base,
		properties: {
			...base.properties,
			id: `hostile-${n}`,
			title: payload,
			summary: payload,
			attributed_by: payload,
			actors: [payload],
			sources: [{ source: base.properties.sources[0].source, excerpt: payload, cited_as: payload }]
		}
	};
}

/** The cell's first character that is not whitespace, as a spreadsheet trimming it sees it. */
const startsAsFormula = (cell: string) => {
	const first = [...cell].find((c) => c.trim() !== '' || c === '\t' || c === '\r');
	return first !== undefined && '=+-@\t\r\u0000'.includes(first);
};

describe('incidentsCsv', () => {
	it('writes UTF-8 with a BOM, a header and one row per incident in the order given', () => {
		const text = incidentsCsv(incidents, ctx);
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const rows = parseCsv(text.slice(1));
		const maxCitations = Math.max(...incidents.map((f) => f.properties.sources.length));
		expect(rows[0]).toEqual(csvHeader(maxCitations));
		expect(rows).toHaveLength(incidents.length + 1);
		for (const row of rows) expect(row).toHaveLength(rows[0].length);
		expect(rows.slice(1).map((r) => r[0])).toEqual(incidents.map((f) => f.properties.id));
	});

	it('fills each column from the record, with citations in numbered groups', () => {
		const rows = parseCsv(incidentsCsv(incidents, ctx).slice(1));
		const header = rows[0];
		const record = (id: string) => {
			const row = rows.find((r) => r[0] === id)!;
			return Object.fromEntries(header.map((h, i) => [h, row[i]]));
		};
		const bombings = incidents.find((f) => f.properties.id === 'atyrau-bombings-2011-10-31')!;
		const r = record('atyrau-bombings-2011-10-31');
		expect(r.title).toBe(bombings.properties.title);
		expect(r.date).toBe('2011-10-31');
		expect(r.date_label).toBe('31 October 2011');
		expect(r.date_precision).toBe('day');
		expect(r.place).toBe('Atyrau');
		expect(Number(r.latitude)).toBe(bombings.geometry.coordinates[1]);
		expect(Number(r.longitude)).toBe(bombings.geometry.coordinates[0]);
		expect(r.actors).toBe(bombings.properties.actors.join('; '));
		expect(r.summary).toBe(bombings.properties.summary);
		expect(r.link).toBe('https://atlas.example/#incident=atyrau-bombings-2011-10-31');
		expect(r.view_link).toBe(ctx.viewLink);
		bombings.properties.sources.forEach((c, i) => {
			const source = ctx.sourceById.get(c.source)!;
			expect(r[`citation_${i + 1}_excerpt`]).toBe(c.excerpt);
			expect(r[`citation_${i + 1}_source_title`]).toBe(source.title);
			expect(r[`citation_${i + 1}_outlet`]).toBe(source.outlet ?? '');
		});
		// A group the incident does not fill stays empty.
		const n = bombings.properties.sources.length + 1;
		if (header.includes(`citation_${n}_excerpt`)) expect(r[`citation_${n}_excerpt`]).toBe('');
		expect(CSV_COLUMNS.every((c) => header.includes(c))).toBe(true);
	});

	it('keeps what the data says about vague dates and places: bounds, venue, notes', () => {
		const rows = parseCsv(incidentsCsv(incidents, ctx).slice(1));
		const header = rows[0];
		const bounded = incidents.filter(
			(f) => f.properties.date_not_before || f.properties.date_not_after || f.properties.venue
		);
		expect(bounded.length).toBeGreaterThan(0);
		for (const f of bounded) {
			const row = rows.find((r) => r[0] === f.properties.id)!;
			const cell = (c: string) => row[header.indexOf(c)];
			expect(cell('date_not_before')).toBe(f.properties.date_not_before ?? '');
			expect(cell('date_not_after')).toBe(f.properties.date_not_after ?? '');
			expect(cell('venue')).toBe(f.properties.venue ?? '');
			expect(cell('date_text')).toBe(f.properties.date_text);
			expect(cell('location_note')).toBe(f.properties.location_note ?? '');
		}
	});

	it('a spreadsheet never sees a formula, and every hostile string survives otherwise intact', () => {
		expect(hostile.length).toBeGreaterThan(500);
		const text = incidentsCsv(hostile.map(hostileIncident), ctx);
		const rows = parseCsv(text.slice(1));
		expect(rows).toHaveLength(hostile.length + 1);
		const header = rows[0];
		const textColumns = ['title', 'summary', 'attributed_by', 'actors', 'citation_1_excerpt'].map(
			(c) => header.indexOf(c)
		);
		rows.slice(1).forEach((row, i) => {
			expect(row).toHaveLength(header.length);
			for (const col of textColumns) {
				const cell = row[col];
				expect(startsAsFormula(cell), JSON.stringify(cell)).toBe(false);
				// The only change is the one quote in front of a would-be formula.
				expect(cell).toBe(startsAsFormula(hostile[i]) ? `'${hostile[i]}` : hostile[i]);
			}
		});
	});
});

describe('neutraliseFormula and csvField', () => {
	it.each(['=1+1', '+1', '-1', '@A1', '\t1', '\r1', '\u00001', '  =1', '\n\n@x', '=1\n2'])(
		'neutralises %j',
		(s) => expect(neutraliseFormula(s)).toBe(`'${s}`)
	);

	it.each(['Atyrau', 'a=b', "'=already", '1-2', 'x\n=y', ''])('leaves %j alone', (s) =>
		expect(neutraliseFormula(s)).toBe(s)
	);

	it('quotes per RFC 4180 and writes numbers as numbers, negative ones included', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField(-5.25)).toBe('-5.25');
		expect(csvField(null)).toBe('');
		expect(csvField('=1,2')).toBe(`"'=1,2"`);
	});
});
