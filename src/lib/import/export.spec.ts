import { describe, expect, it } from 'vitest';
import { IncidentFeature } from '$lib/data/schema';
import { DatasetAssembler, assembleDataset, type DatasetMeta } from './datasets';
import { incidentsCsv } from '$lib/export/csv';
import {
	CSV_HEAD,
	GEOJSON_HEAD,
	GEOJSON_TAIL,
	csvRowsText,
	exportFileName,
	featuresText,
	tileFilterPredicate
} from './export';
import { mapAcledRow } from './rows';
import type { ImportedIncident } from './record';

const meta: DatasetMeta = {
	id: 'q7w2e9rr',
	name: 'Field notes',
	kind: 'acled',
	fileName: 'notes.csv',
	rows: 5,
	rejected: 0,
	span: null,
	importedAt: '2026-12-02T03:00:00.000Z',
	visible: true,
	colour: '#1b7f8c'
};

function record(row: number, location: string, lon: number): ImportedIncident {
	const r = mapAcledRow(
		{
			event_date: `2014-03-${String(row).padStart(2, '0')}`,
			time_precision: '1',
			event_type: 'Protests',
			sub_event_type: 'Peaceful protest',
			actor1: 'Protesters',
			location,
			latitude: '47.11',
			longitude: String(lon),
			geo_precision: '1',
			notes: `<script>alert(${row})</script> "quoted", and a line\nbreak`,
			fatalities: '0',
			source: 'Synthetic Source'
		},
		row
	);
	if (!r.ok) throw new Error('fixture row rejected');
	return r.record;
}

describe('exporting an imported dataset chunk by chunk', () => {
	const chunks = [
		[record(2, 'Atyrau', 51.92), record(3, 'Aktobe', 57.21)],
		[],
		[record(4, 'Atyrau', 51.92), record(5, 'Uralsk', 51.37), record(6, 'Aktobe', 57.21)]
	];

	function exported() {
		const assembler = new DatasetAssembler(meta);
		let first = true;
		let text = GEOJSON_HEAD;
		for (const chunk of chunks) {
			const part = featuresText(assembler, chunk, first);
			if (part) first = false;
			text += part;
		}
		return JSON.parse(text + GEOJSON_TAIL) as { type: string; features: unknown[] };
	}

	it('writes one valid Atlas incident per row, in the order stored, text kept as text', () => {
		const doc = exported();
		expect(doc.type).toBe('FeatureCollection');
		const features = doc.features.map((f) => IncidentFeature.parse(f));
		expect(features.map((f) => f.properties.id)).toEqual(
			[2, 3, 4, 5, 6].map((row) => `ds-q7w2e9rr-${row}`)
		);
		expect(features[0].properties.sources[0].excerpt).toContain('<script>alert(2)</script>');
	});

	it('gives a place the same id in every chunk, as the dataset in one piece does', () => {
		const features = exported().features.map((f) => IncidentFeature.parse(f));
		const whole = assembleDataset(meta, chunks.flat());
		const placeOf = new Map(whole.incidents.map((f) => [f.properties.id, f.properties.place]));
		for (const f of features) expect(f.properties.place).toBe(placeOf.get(f.properties.id));
		expect(new Set(features.map((f) => f.properties.place)).size).toBe(3);
	});

	it('writes the CSV a chunk at a time exactly as the dashboard writes the whole dataset', () => {
		const links = { pageUrl: 'https://atlas.example/', viewLink: 'https://atlas.example/#y=2014' };
		const assembler = new DatasetAssembler(meta);
		const text = CSV_HEAD + chunks.map((c) => csvRowsText(assembler, c, links)).join('');
		const whole = assembleDataset(meta, chunks.flat());
		const expected = incidentsCsv(whole.incidents, {
			placeById: new Map(whole.places.map((p) => [p.properties.id, p])),
			sourceById: new Map([[whole.source.id, whole.source]]),
			...links
		});
		expect(text).toBe(expected);
		// Header and five records, each ending in CRLF; the notes' line break stays in its cell.
		expect(text.startsWith('\uFEFFid,title,date,')).toBe(true);
		expect(text).toContain('Field notes');
		expect(text).toContain('https://atlas.example/#incident=ds-q7w2e9rr-5');
		expect(text.split('\r\n')).toHaveLength(1 + 5 + 1);
	});

	it('names the file after the dataset, safely', () => {
		expect(exportFileName('Field notes.csv', 'csv')).toBe('field-notes.csv');
		expect(exportFileName('ACLED Kazakhstan 2014.csv')).toBe('acled-kazakhstan-2014.geojson');
		expect(exportFileName('../../etc/passwd')).toBe('etc-passwd.geojson');
		expect(exportFileName('   ')).toBe('dataset.geojson');
	});
});

describe('the rows a tiled dataset shows under the filters', () => {
	const rows = [
		{ ...record(2, 'Atyrau', 51.92), date: '2013-05-01' },
		{ ...record(3, 'Aktobe', 57.21), date: '2014-11' },
		{ ...record(4, 'Atyrau', 51.92), category: 'attack' as const },
		{ ...record(5, 'Uralsk', 51.37), status: 'claimed' as const, date: '2015' }
	];
	const kept = (filters: Parameters<typeof tileFilterPredicate>[0]) =>
		rows.filter(tileFilterPredicate(filters)).map((r) => r.row);
	const none = { hiddenYears: [], hiddenKinds: [], hiddenStatuses: [], range: null };

	it('keeps every row with no filter, and drops a hidden year, kind or status', () => {
		expect(kept(none)).toEqual([2, 3, 4, 5]);
		expect(kept({ ...none, hiddenYears: [2014] })).toEqual([2, 5]);
		expect(kept({ ...none, hiddenKinds: ['violence'] })).toEqual([2, 3, 5]);
		expect(kept({ ...none, hiddenStatuses: ['claimed'] })).toEqual([2, 3, 4]);
	});

	it('takes a time range in whole years, as the tiles count them', () => {
		// March 2014 to February 2015 overlaps 2014 and 2015: all of both count.
		const range = { from: 2014 * 12 + 2, to: 2015 * 12 + 1, within: false };
		expect(kept({ ...none, range })).toEqual([3, 4, 5]);
		expect(kept({ ...none, range: { ...range, within: true } })).toEqual([]);
	});
});
