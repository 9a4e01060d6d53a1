/**
 * The messages between the page and the dataset worker (dataset.worker.ts). Both sides import
 * these types; nothing here runs, so the page loads no validator code by importing it.
 */
import type { DataFileKey, ValidationIssue } from './issues';
import type { IncidentFeature, PlaceFeature, RegionFeature, SourceDocument } from './schema';
import type { DatasetMeta, ImportedMapProps } from '$lib/import/datasets';

/** An imported dataset as the map draws it: its own layer, from its own features. */
export type ImportedLayer = {
	meta: DatasetMeta;
	map: GeoJSON.FeatureCollection<GeoJSON.Point, ImportedMapProps>;
};

/** The dataset once every file has passed every check. */
export type AtlasData = {
	incidents: IncidentFeature[];
	places: PlaceFeature[];
	regions: RegionFeature[];
	sources: SourceDocument[];
	/** What the map draws, when the worker has built it (map-overlay.ts). */
	overlay?: MapOverlay;
	/** Imported datasets (their records are in the lists above too), one map layer each. */
	imported?: ImportedLayer[];
};

/** The map's overlay sources and the extent of the incidents, as map-overlay.ts builds them. */
export type MapOverlay = {
	incidents: GeoJSON.FeatureCollection;
	places: GeoJSON.FeatureCollection;
	uncertainty: GeoJSON.FeatureCollection;
	recruitment: GeoJSON.FeatureCollection;
	recruitmentLabels: GeoJSON.FeatureCollection;
	bounds: [[number, number], [number, number]];
};

/** Where one file comes from: a URL the worker fetches, or text already read (an import). */
export type FileSource = { url: string } | { text: string };

/** Page → worker: read, parse and check these files. */
export type DatasetRequest = { type: 'check-dataset'; files: Record<DataFileKey, FileSource> };

/** The outcome: the data, or every problem found (none of the data is used then). */
export type DatasetResult =
	{ ok: true; data: AtlasData } | { ok: false; issues: ValidationIssue[] };

/** Worker → page: the outcome, or the message of an error the worker did not foresee. */
export type DatasetResponse =
	{ type: 'dataset-checked'; result: DatasetResult } | { type: 'worker-failed'; message: string };
