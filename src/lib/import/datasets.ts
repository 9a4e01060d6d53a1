/**
 * An imported dataset as the Atlas holds it: its description (what the Datasets list shows)
 * and how its rows become Atlas incidents, places and one citation source, so every view
 * that works on the reports works on the union. Pure.
 */
import { actorSlug } from '$lib/data/actors';
import { compareIncidents, formatIncidentDate, incidentYear } from '$lib/data/dates';
import type {
	IncidentFeature,
	PlaceFeature,
	PlaceProperties,
	SourceDocument
} from '$lib/data/schema';
import { familyOf, type CategoryFamily } from '$lib/data/symbology';
import { incidentPeriod } from '$lib/timeline/period';
import type { ImportedIncident } from './record';
import { INCIDENT_PREFIX, incidentId, sourceId } from './ids';

export { INCIDENT_PREFIX, datasetOfIncident, incidentId, newDatasetId, sourceId } from './ids';

export type DatasetKind = 'acled' | 'gtd' | 'custom' | 'geojson';

export const KIND_LABELS: Record<DatasetKind, string> = {
	acled: 'ACLED CSV',
	gtd: 'GTD CSV',
	custom: 'CSV (mapped columns)',
	geojson: 'GeoJSON'
};

export type DatasetMeta = {
	/** Lowercase letters and digits: ids of its records are `ds-<id>-<row>`. */
	id: string;
	name: string;
	kind: DatasetKind;
	fileName: string;
	rows: number;
	rejected: number;
	/** First and last date (ISO, at their precision), or null. */
	span: [string, string] | null;
	importedAt: string;
	visible: boolean;
	colour: string;
};

/** Distinct from the category families' colours, so an imported layer is never mistaken. */
export const DATASET_COLOURS = ['#1b7f8c', '#2e7d32', '#c2185b', '#8c6d1f', '#37474f', '#6d4c41'];

/** The feature properties an imported marker filters and styles on (as the reports' do). */
export type ImportedMapProps = {
	id: string;
	dataset: string;
	year: number;
	start: number;
	end: number;
	family: CategoryFamily;
	status: string;
	precision: string;
	actors: string;
	title: string;
	date_label: string;
};

export type AssembledDataset = {
	meta: DatasetMeta;
	incidents: IncidentFeature[];
	places: PlaceFeature[];
	source: SourceDocument;
	map: GeoJSON.FeatureCollection<GeoJSON.Point, ImportedMapProps>;
};

const PLACE_KIND: Record<ImportedIncident['location_precision'], PlaceProperties['kind']> = {
	site: 'site',
	town: 'town',
	region: 'region',
	country: 'country'
};

/** The dataset as the citation every one of its incidents carries. */
export function datasetSource(meta: DatasetMeta): SourceDocument {
	return {
		id: sourceId(meta.id),
		file: meta.fileName,
		title: `Imported dataset “${meta.name}”`,
		outlet: `${KIND_LABELS[meta.kind]}, imported ${meta.importedAt.slice(0, 10)}`,
		author: null,
		published: null,
		published_iso: null,
		note: 'Imported on this machine from your own file. Not one of the five reports, and not checked against them.'
	};
}

/**
 * Turns one dataset's rows into Atlas incidents, a batch at a time: each row's place is one
 * of the dataset's places (one per distinct name and point), numbered in the order first met,
 * so the same place keeps its id across batches (an export reads the rows chunk by chunk).
 */
export class DatasetAssembler {
	readonly source: SourceDocument;
	readonly places: PlaceFeature[] = [];
	private readonly placeIds = new Map<string, string>();
	private readonly placeById = new Map<string, PlaceFeature>();

	constructor(readonly meta: DatasetMeta) {
		this.source = datasetSource(meta);
	}

	/** A place this assembler made, by its id. */
	place(id: string): PlaceFeature | undefined {
		return this.placeById.get(id);
	}

	/** One row as an Atlas incident, cited to the dataset. */
	incident(r: ImportedIncident): IncidentFeature {
		const { meta, source } = this;
		const key = `${r.place_name}|${r.lon.toFixed(4)}|${r.lat.toFixed(4)}`;
		let place = this.placeIds.get(key);
		if (!place) {
			place = `${INCIDENT_PREFIX}${meta.id}-p${this.places.length + 1}`;
			this.placeIds.set(key, place);
			const feature: PlaceFeature = {
				type: 'Feature',
				geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
				properties: {
					id: place,
					name: r.place_name,
					aliases: [],
					kind: PLACE_KIND[r.location_precision],
					admin1: null,
					country: null,
					coordinates_note: `From the imported dataset “${meta.name}”`
				}
			};
			this.places.push(feature);
			this.placeById.set(place, feature);
		}
		const properties: IncidentFeature['properties'] = {
			id: incidentId(meta.id, r.row),
			title: r.title,
			summary: r.excerpt || r.title,
			date: r.date,
			date_precision: r.date_precision,
			...(r.season ? { season: r.season } : {}),
			...(r.date_qualifier ? { date_qualifier: r.date_qualifier } : {}),
			...(r.date_end ? { date_end: r.date_end } : {}),
			...(r.date_not_before ? { date_not_before: r.date_not_before } : {}),
			...(r.date_not_after ? { date_not_after: r.date_not_after } : {}),
			date_text: r.date_text,
			place,
			location_precision: r.location_precision,
			...(r.location_note ? { location_note: r.location_note } : {}),
			category: r.category,
			status: r.status,
			...(r.attributed_by ? { attributed_by: r.attributed_by } : {}),
			actors: r.actors,
			fatalities: r.fatalities,
			sources: [
				{
					source: source.id,
					excerpt: r.excerpt || '(this row of the dataset has no notes)',
					...(r.cited_as ? { cited_as: r.cited_as } : {})
				}
			]
		};
		return {
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
			properties
		};
	}
}

/** One dataset's rows as Atlas incidents, places (one per distinct name and point) and map features. */
export function assembleDataset(
	meta: DatasetMeta,
	records: readonly ImportedIncident[]
): AssembledDataset {
	const assembler = new DatasetAssembler(meta);
	const incidents: IncidentFeature[] = [];
	const features: AssembledDataset['map']['features'] = [];
	for (const r of records) {
		const incident = assembler.incident(r);
		const { properties } = incident;
		incidents.push(incident);
		const period = incidentPeriod(properties);
		features.push({
			type: 'Feature',
			geometry: incident.geometry,
			properties: {
				id: properties.id,
				dataset: meta.id,
				year: incidentYear(properties),
				start: period?.startMonth ?? -1,
				end: period?.endMonth ?? -1,
				family: familyOf(r.category),
				status: r.status,
				precision: r.location_precision,
				actors: `|${r.actors.map(actorSlug).join('|')}|`,
				title: r.title,
				date_label: formatIncidentDate(properties)
			}
		});
	}
	// In date order, as the dashboard lists them: its sort of the union then only merges runs.
	incidents.sort(compareIncidents);
	const { places, source } = assembler;
	return { meta, incidents, places, source, map: { type: 'FeatureCollection', features } };
}

/** First and last date of some records, for the Datasets list. */
export function dateSpan(records: readonly ImportedIncident[]): [string, string] | null {
	let lo: string | null = null;
	let hi: string | null = null;
	for (const r of records) {
		const end = r.date_end ?? r.date;
		if (lo === null || r.date < lo) lo = r.date;
		if (hi === null || end > hi) hi = end;
	}
	return lo && hi ? [lo, hi] : null;
}
