/**
 * How imported records are named: `ds-<dataset>-<row>` for an incident, `ds-<dataset>` for
 * the dataset as a source. Tiny on purpose: the dashboard imports it at first load.
 */
export const INCIDENT_PREFIX = 'ds-';

/** A fresh dataset id: 8 base-36 characters. */
export function newDatasetId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export const incidentId = (dataset: string, row: number) => `${INCIDENT_PREFIX}${dataset}-${row}`;
export const sourceId = (dataset: string) => `${INCIDENT_PREFIX}${dataset}`;

/** The dataset id an incident id names, if it names an imported one. */
export function datasetOfIncident(id: string): string | null {
	const m = /^ds-([a-z0-9]+)-\d+$/.exec(id);
	return m ? m[1] : null;
}
