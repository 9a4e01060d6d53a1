/**
 * The incidents a reader sees as an RFC 7946 GeoJSON FeatureCollection: the original
 * records, every field and citation as the dataset holds them, so the file is itself a
 * valid `incidents.geojson` (`npm run validate:data` accepts it back). The one change:
 * `conflicts_with` keeps only incidents that are in the export, since a reference to a
 * record left out would make the file an inconsistent dataset (the CSV lists them all).
 */
import type { IncidentCollection, IncidentFeature } from '$lib/data/schema';

export function incidentsCollection(incidents: readonly IncidentFeature[]): IncidentCollection {
	const ids = new Set(incidents.map((f) => f.properties.id));
	return {
		type: 'FeatureCollection',
		features: incidents.map((f) => {
			const conflicts = f.properties.conflicts_with;
			if (!conflicts || conflicts.every((id) => ids.has(id))) return f;
			const properties: IncidentFeature['properties'] = { ...f.properties };
			const kept = conflicts.filter((id) => ids.has(id));
			if (kept.length) properties.conflicts_with = kept;
			else delete properties.conflicts_with;
			return { ...f, properties };
		})
	};
}

/** The collection as JSON text, indented for reading and diffing. */
export function incidentsGeoJson(incidents: readonly IncidentFeature[]): string {
	return `${JSON.stringify(incidentsCollection(incidents), null, '\t')}\n`;
}
