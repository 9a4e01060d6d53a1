import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AtlasData } from '$lib/data/load';
import {
	IncidentCollection,
	PlaceCollection,
	RegionCollection,
	SourceList
} from '$lib/data/schema';
import { Dashboard } from '$lib/state/dashboard.svelte';
import { emptyUrlState } from '$lib/state/url';
import { buildAtlasSearch } from '$lib/search/search-index';
import { histogram } from '$lib/timeline/histogram';
import { sampleLines } from '../../../scripts/lib/sample';
import { assembleDataset, type DatasetMeta } from './datasets';
import { mergeImported } from './merge';
import { mapAcledRow, type Row } from './rows';
import { parse } from 'csv-parse/sync';

const read = (f: string) => JSON.parse(readFileSync(`geodata/${f}`, 'utf8'));
const base: AtlasData = {
	incidents: IncidentCollection.parse(read('incidents.geojson')).features,
	places: PlaceCollection.parse(read('places.geojson')).features,
	regions: RegionCollection.parse(read('regions.geojson')).features,
	sources: SourceList.parse(read('sources.json'))
};

describe('scale probe', () => {
	it('times', () => {
		const N = 20000;
		const t = (label: string, f: () => unknown) => {
			const s = performance.now();
			const r = f();
			console.log(label, Math.round(performance.now() - s), 'ms');
			return r;
		};
		const rows = parse([...sampleLines({ layout: 'acled', rows: N })].join('\n'), {
			columns: true
		}) as Row[];
		const records = t('map', () => rows.map((r, i) => mapAcledRow(r, i + 2))) as ReturnType<
			typeof mapAcledRow
		>[];
		const ok = records.flatMap((r) => (r.ok ? [r.record] : []));
		const meta: DatasetMeta = {
			id: 'abc',
			name: 'x',
			kind: 'acled',
			fileName: 'x.csv',
			rows: ok.length,
			rejected: 0,
			span: null,
			importedAt: '2026-01-01',
			visible: true,
			colour: '#000'
		};
		const a = t('assemble', () => assembleDataset(meta, ok)) as ReturnType<typeof assembleDataset>;
		const data = t('merge', () => mergeImported(base, [a])) as AtlasData;
		const d = t('dashboard', () => new Dashboard(data, emptyUrlState())) as Dashboard;
		t('visible', () => d.visible.length);
		t('groups', () => d.groups.length);
		t('yearCounts', () => d.yearCountsShown.length);
		t('histogram', () => histogram(d.visible));
		t('search', () => buildAtlasSearch(data, d.actors));
		expect(ok.length).toBe(N);
	});
});
