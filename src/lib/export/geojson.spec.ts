import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { visibleIncidents } from '$lib/data/incidents';
import { IncidentCollection } from '$lib/data/schema';
import { DATA_FILES, formatIssue, validateDataset } from '$lib/data/validate';
import { monthIndex } from '$lib/timeline/period';
import { incidentsGeoJson } from './geojson';

const readJson = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));
const raw = {
	incidents: readJson(DATA_FILES.incidents),
	places: readJson(DATA_FILES.places),
	regions: readJson(DATA_FILES.regions),
	sources: readJson(DATA_FILES.sources)
};
const incidents = IncidentCollection.parse(raw.incidents).features;

describe('incidentsGeoJson', () => {
	const octNov = { from: monthIndex(2011, 10), to: monthIndex(2011, 11), within: false };
	const shown = visibleIncidents(incidents, new Set(), {
		range: octNov,
		statuses: new Set(['claimed'] as const)
	});
	const exported = JSON.parse(incidentsGeoJson(shown));

	it('is a FeatureCollection of exactly the shown incidents, fields and citations intact', () => {
		expect(exported.type).toBe('FeatureCollection');
		expect(exported.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(
			shown.map((f) => f.properties.id)
		);
		// Every field as the dataset holds it, except references to incidents left out.
		const ids = new Set(shown.map((f) => f.properties.id));
		const expected = JSON.parse(JSON.stringify(shown));
		for (const f of expected) {
			if (!f.properties.conflicts_with) continue;
			f.properties.conflicts_with = f.properties.conflicts_with.filter((id: string) => ids.has(id));
			if (!f.properties.conflicts_with.length) delete f.properties.conflicts_with;
		}
		expect(exported.features).toEqual(expected);
		expect(shown.some((f) => f.properties.conflicts_with?.some((id) => !ids.has(id)))).toBe(true);
		expect(shown.length).toBeGreaterThan(0);
		expect(shown.length).toBeLessThan(incidents.length);
	});

	it('validates back as the dataset with the other files, with no issue', () => {
		const issues = validateDataset({ ...raw, incidents: exported });
		expect(issues.map(formatIssue)).toEqual([]);
	});

	it('exports all incidents as a valid dataset too; none is well-formed but no dataset', () => {
		const all = JSON.parse(incidentsGeoJson(incidents));
		expect(validateDataset({ ...raw, incidents: all }).map(formatIssue)).toEqual([]);
		// An empty export is a valid FeatureCollection; the validator's only complaint is that a
		// dataset needs at least one incident.
		const none = JSON.parse(incidentsGeoJson([]));
		expect(none).toEqual({ type: 'FeatureCollection', features: [] });
		expect(validateDataset({ ...raw, incidents: none }).map(formatIssue)).toEqual([
			'geodata/incidents.geojson: (file): has no incidents'
		]);
	});
});
