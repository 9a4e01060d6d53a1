/**
 * How the codebooks' precision codes become the Atlas's date and location precision. Each
 * table is the mapping the README documents; nothing finer than the code says is invented.
 *
 * ACLED codebook: `time_precision` 1 = the exact day is known; 2 = only the week (the date
 * is a day in that week); 3 = only the month. `geo_precision` 1 = the town or village
 * named; 2 = near a town or a part of a district (a nearby town's point is used); 3 = only
 * a larger area is known (the point is that area's capital or centre).
 * GTD codebook: `specificity` 1 = the city, town or village is known (its point); 2 = the
 * event was in a part of a city or near it, the point is the city's; 3 = the smallest
 * known area's centroid (district); 4 = only the province's centroid; 5 = no location
 * information, or the country's centroid. `imonth`/`iday` of 0 mean unknown.
 */
import type { LocationPrecision } from '$lib/data/schema';

export const ACLED_GEO_PRECISION: Record<string, LocationPrecision> = {
	'1': 'town',
	'2': 'region',
	'3': 'region'
};

export const GTD_SPECIFICITY: Record<string, LocationPrecision> = {
	'1': 'town',
	'2': 'town',
	'3': 'region',
	'4': 'region',
	'5': 'country'
};

/** Human words for the README and the location note of each imported row. */
export const ACLED_GEO_NOTE: Record<string, string> = {
	'1': 'ACLED geo_precision 1: the town named',
	'2': 'ACLED geo_precision 2: near a town or part of a district; a nearby town’s point',
	'3': 'ACLED geo_precision 3: only a larger area is known; its capital or centre'
};

export const GTD_SPECIFICITY_NOTE: Record<string, string> = {
	'1': 'GTD specificity 1: the city, town or village',
	'2': 'GTD specificity 2: in or near the city; the city’s point',
	'3': 'GTD specificity 3: the centroid of the smallest known area',
	'4': 'GTD specificity 4: the province’s centroid',
	'5': 'GTD specificity 5: no location information, or the country’s centroid'
};

/** ACLED `time_precision`: day, week (kept as day bounds ±3 days) or month. */
export const ACLED_TIME_PRECISION = { '1': 'day', '2': 'week', '3': 'month' } as const;
