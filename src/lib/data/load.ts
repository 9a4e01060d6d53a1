/**
 * Loads the dataset the build ships (hashed, same-origin assets) and checks its shape
 * before anything draws it. The full zod validation runs in CI (`npm run validate:data`);
 * here a failure must still end in a message that names the file and the problem.
 */
import incidentsUrl from '$geodata/incidents.geojson?url';
import placesUrl from '$geodata/places.geojson?url';
import regionsUrl from '$geodata/regions.geojson?url';
import sourcesUrl from '$geodata/sources.json?url';
import type { IncidentFeature, PlaceFeature, RegionFeature, SourceDocument } from './schema';

export type AtlasData = {
	incidents: IncidentFeature[];
	places: PlaceFeature[];
	regions: RegionFeature[];
	sources: SourceDocument[];
};

export class DataLoadError extends Error {
	constructor(
		readonly file: string,
		problem: string
	) {
		super(`Could not load ${file}: ${problem}`);
	}
}

type Fetch = typeof fetch;

async function fetchJson(fetchFn: Fetch, url: string, file: string): Promise<unknown> {
	let response: Response;
	try {
		response = await fetchFn(url);
	} catch (error) {
		throw new DataLoadError(file, `the request failed (${(error as Error).message})`);
	}
	if (!response.ok) throw new DataLoadError(file, `the server answered ${response.status}`);
	const text = await response.text();
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new DataLoadError(file, `it is not valid JSON (${(error as Error).message})`);
	}
}

/** The features of a FeatureCollection whose every feature has `properties.id`. */
export function featuresOf<T>(json: unknown, file: string): T[] {
	const fc = json as { type?: unknown; features?: unknown };
	if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
		throw new DataLoadError(file, 'it is not a GeoJSON FeatureCollection');
	}
	fc.features.forEach((f, i) => {
		const id = (f as { properties?: { id?: unknown } })?.properties?.id;
		if (typeof id !== 'string') {
			throw new DataLoadError(file, `feature ${i} has no string properties.id`);
		}
	});
	return fc.features as T[];
}

export function sourcesOf(json: unknown, file: string): SourceDocument[] {
	if (!Array.isArray(json) || json.some((s) => typeof s?.id !== 'string')) {
		throw new DataLoadError(file, 'it is not a list of sources with ids');
	}
	return json as SourceDocument[];
}

export async function loadAtlasData(fetchFn: Fetch = fetch): Promise<AtlasData> {
	const [incidents, places, regions, sources] = await Promise.all([
		fetchJson(fetchFn, incidentsUrl, 'geodata/incidents.geojson'),
		fetchJson(fetchFn, placesUrl, 'geodata/places.geojson'),
		fetchJson(fetchFn, regionsUrl, 'geodata/regions.geojson'),
		fetchJson(fetchFn, sourcesUrl, 'geodata/sources.json')
	]);
	return {
		incidents: featuresOf<IncidentFeature>(incidents, 'geodata/incidents.geojson'),
		places: featuresOf<PlaceFeature>(places, 'geodata/places.geojson'),
		regions: featuresOf<RegionFeature>(regions, 'geodata/regions.geojson'),
		sources: sourcesOf(sources, 'geodata/sources.json')
	};
}
