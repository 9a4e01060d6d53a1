import { describe, expect, it } from 'vitest';
import { IncidentFeature } from '$lib/data/schema';
import { assembleDataset, datasetOfIncident, dateSpan, type DatasetMeta } from './datasets';
import { mapAcledRow, mapGtdRow } from './rows';
import type { ImportedIncident } from './record';

const meta: DatasetMeta = {
	id: 'k3v9x2aa',
	name: 'My ACLED export',
	kind: 'acled',
	fileName: 'acled.csv',
	rows: 3,
	rejected: 0,
	span: null,
	importedAt: '2026-12-01T02:00:00.000Z',
	visible: true,
	colour: '#1b7f8c'
};

const record = (over: Partial<ImportedIncident>): ImportedIncident => {
	const r = mapAcledRow(
		{
			event_date: '2014-03-12',
			time_precision: '1',
			event_type: 'Battles',
			sub_event_type: 'Armed clash',
			actor1: 'Military Forces',
			location: 'Atyrau',
			latitude: '47.11',
			longitude: '51.92',
			geo_precision: '1',
			notes: 'A synthetic note long enough.',
			fatalities: '1',
			source: 'Synthetic Source'
		},
		2
	);
	if (!r.ok) throw new Error('fixture row rejected');
	return { ...r.record, ...over };
};

describe('assembleDataset', () => {
	const records = [
		record({ row: 4, date: '2015-01-02' }),
		record({ row: 2 }),
		record({ row: 3, excerpt: '', place_name: 'Aqtöbe', lon: 57.21, lat: 50.28 })
	];
	const a = assembleDataset(meta, records);

	it('names records by dataset and line, and sorts them by date', () => {
		expect(a.incidents.map((f) => f.properties.id)).toEqual([
			'ds-k3v9x2aa-2',
			'ds-k3v9x2aa-3',
			'ds-k3v9x2aa-4'
		]);
		expect(datasetOfIncident('ds-k3v9x2aa-4')).toBe('k3v9x2aa');
		expect(datasetOfIncident('atyrau-bombings-2011-10-31')).toBeNull();
	});

	it('makes one place per distinct name and point', () => {
		expect(a.places.map((p) => p.properties.name)).toEqual(['Atyrau', 'Aqtöbe']);
		expect(a.incidents[0].properties.place).toBe(a.incidents[2].properties.place);
	});

	it('cites the dataset, never one of the reports, with the row’s notes as the excerpt', () => {
		expect(a.source).toMatchObject({
			id: 'ds-k3v9x2aa',
			title: 'Imported dataset “My ACLED export”',
			outlet: 'ACLED CSV, imported 2026-12-01'
		});
		expect(a.incidents[0].properties.sources).toEqual([
			{
				source: 'ds-k3v9x2aa',
				excerpt: 'A synthetic note long enough.',
				cited_as: 'Synthetic Source'
			}
		]);
		expect(a.incidents[1].properties.sources[0].excerpt).toBe(
			'(this row of the dataset has no notes)'
		);
	});

	it('gives valid Atlas incidents, so export writes what validate:data accepts', () => {
		for (const f of a.incidents) expect(IncidentFeature.safeParse(f).success).toBe(true);
	});

	it('gives the map the properties the reports’ filters use', () => {
		expect(
			a.map.features.find((f) => f.properties.id === 'ds-k3v9x2aa-2')?.properties
		).toMatchObject({
			id: 'ds-k3v9x2aa-2',
			dataset: 'k3v9x2aa',
			year: 2014,
			family: 'violence',
			status: 'reported',
			precision: 'town',
			actors: '|military-forces|'
		});
	});

	it('spans the dates of its records', () => {
		const gtd = mapGtdRow(
			{ iyear: '2011', imonth: '0', iday: '0', latitude: '1', longitude: '2', claimed: '0' },
			2
		);
		if (!gtd.ok) throw new Error('fixture row rejected');
		expect(dateSpan([...records, gtd.record])).toEqual(['2011', '2015-01-02']);
	});
});
