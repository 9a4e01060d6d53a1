/**
 * Reads a GeoJSON file: either the Atlas's own incidents (what "Export GeoJSON" writes,
 * every field kept) or plain GeoJSON points with a date property. Each feature is checked;
 * a feature that cannot be an incident is named by its number with the reason.
 */
import { IncidentProperties } from '$lib/data/schema';
import { parseLooseDate } from './dates';
import { checkRecord, clip, type ImportedIncident, type RowError } from './record';
import { quote } from './rows';

export type GeoJsonRead =
	| { ok: true; records: ImportedIncident[]; errors: RowError[]; features: number }
	| { ok: false; message: string };

const DATE_KEYS = ['date', 'event_date', 'time', 'datetime', 'timestamp', 'year'];
const TITLE_KEYS = ['title', 'name', 'event', 'description', 'label'];
const PLACE_KEYS = ['place', 'location', 'city', 'town', 'name'];
const NOTE_KEYS = ['summary', 'notes', 'description', 'comment'];

type Props = Record<string, unknown>;

const firstText = (props: Props, keys: readonly string[]) => {
	for (const key of keys) {
		const v = props[key];
		if (typeof v === 'string' && v.trim()) return { key, value: v.trim() };
		if (typeof v === 'number' && Number.isFinite(v)) return { key, value: String(v) };
	}
	return undefined;
};

/** Parses and checks a GeoJSON document's text. */
export function readGeoJson(text: string): GeoJsonRead {
	let doc: unknown;
	try {
		doc = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		return {
			ok: false,
			message: `This is not valid JSON (${error instanceof Error ? error.message : String(error)}).`
		};
	}
	const root = doc as { type?: unknown; features?: unknown };
	const features =
		root &&
		typeof root === 'object' &&
		root.type === 'FeatureCollection' &&
		Array.isArray(root.features)
			? (root.features as unknown[])
			: root && typeof root === 'object' && root.type === 'Feature'
				? [root]
				: null;
	if (!features)
		return {
			ok: false,
			message:
				'This JSON is not a GeoJSON FeatureCollection or Feature, so it has no incidents to import.'
		};
	const records: ImportedIncident[] = [];
	const errors: RowError[] = [];
	features.forEach((feature, i) => {
		const result = readFeature(feature, i + 1);
		if ('record' in result) records.push(result.record);
		else errors.push(...result.errors);
	});
	return { ok: true, records, errors, features: features.length };
}

function readFeature(
	feature: unknown,
	n: number
): { record: ImportedIncident } | { errors: RowError[] } {
	const fail = (column: string, reason: string) => ({ errors: [{ line: n, column, reason }] });
	if (!feature || typeof feature !== 'object' || (feature as Props).type !== 'Feature')
		return fail('type', 'is not a GeoJSON Feature');
	const { geometry, properties } = feature as { geometry?: unknown; properties?: unknown };
	const g = geometry as { type?: unknown; coordinates?: unknown } | null;
	if (!g || g.type !== 'Point')
		return fail(
			'geometry',
			`only Point features can be imported (got ${g && typeof g.type === 'string' ? quote(g.type) : 'none'})`
		);
	const c = g.coordinates;
	if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number')
		return fail('coordinates', 'is not a [longitude, latitude] pair of numbers');
	const [lon, lat] = c as number[];
	const props: Props = properties && typeof properties === 'object' ? (properties as Props) : {};
	const atlas = IncidentProperties.safeParse(props);
	const column = (f: string) => (f === 'lat' || f === 'lon' ? 'coordinates' : f);
	if (atlas.success) {
		const p = atlas.data;
		const first = p.sources[0];
		const result = checkRecord(
			{
				row: n,
				lon,
				lat,
				title: clip(p.title),
				date: p.date,
				date_precision: p.date_precision,
				...(p.season ? { season: p.season } : {}),
				...(p.date_qualifier ? { date_qualifier: p.date_qualifier } : {}),
				...(p.date_end ? { date_end: p.date_end } : {}),
				...(p.date_not_before ? { date_not_before: p.date_not_before } : {}),
				...(p.date_not_after ? { date_not_after: p.date_not_after } : {}),
				date_text: clip(p.date_text),
				place_name: clip(typeof props.place_name === 'string' ? props.place_name : p.place),
				location_precision: p.location_precision,
				...(p.location_note ? { location_note: clip(p.location_note) } : {}),
				category: p.category,
				status: p.status,
				...(p.attributed_by ? { attributed_by: clip(p.attributed_by) } : {}),
				actors: p.actors.slice(0, 20).map(clip),
				fatalities: p.fatalities,
				excerpt: clip(first.excerpt),
				...(first.cited_as ? { cited_as: clip(first.cited_as) } : {})
			},
			column
		);
		return result.ok ? { record: result.record } : { errors: result.errors };
	}
	const dateCell = firstText(props, DATE_KEYS);
	if (!dateCell) return fail('properties', `has no date (one of ${DATE_KEYS.join(', ')})`);
	const date = parseLooseDate(dateCell.value);
	if (!date) return fail(dateCell.key, `${quote(dateCell.value)} is not a date`);
	const title = firstText(props, TITLE_KEYS);
	const place = firstText(props, PLACE_KEYS);
	const notes = firstText(props, NOTE_KEYS);
	const result = checkRecord(
		{
			row: n,
			lon,
			lat,
			title: clip(title?.value ?? `Feature ${n}`),
			date: date.date,
			date_precision: date.precision,
			date_text: clip(dateCell.value),
			place_name: clip(place?.value ?? `${lat}, ${lon}`),
			location_precision: 'site',
			location_note: 'The file gives coordinates and no precision: drawn at the point given',
			category: 'report',
			status: 'reported',
			actors: [],
			fatalities: null,
			excerpt: clip(notes?.value ?? '')
		},
		column
	);
	return result.ok ? { record: result.record } : { errors: result.errors };
}
