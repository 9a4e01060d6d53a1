/**
 * Synthetic incident rows in the ACLED or GTD CSV layout, for tests and benchmarks only.
 * No real ACLED or GTD row is in this repository (their terms forbid redistribution): every
 * value here is made up by a seeded generator, clustered around real town coordinates so
 * that maps and aggregates look like a real export (dense cities, sparse countryside,
 * a spread of years). The same seed always gives the same rows.
 */

/** Town centres the synthetic events cluster around, with a relative weight. */
export const SAMPLE_TOWNS: readonly {
	name: string;
	admin1: string;
	country: string;
	lon: number;
	lat: number;
	weight: number;
}[] = [
	{
		name: 'Almaty',
		admin1: 'Almaty City',
		country: 'Kazakhstan',
		lon: 76.95,
		lat: 43.25,
		weight: 8
	},
	{
		name: 'Astana',
		admin1: 'Astana City',
		country: 'Kazakhstan',
		lon: 71.45,
		lat: 51.17,
		weight: 5
	},
	{ name: 'Atyrau', admin1: 'Atyrau', country: 'Kazakhstan', lon: 51.92, lat: 47.11, weight: 3 },
	{ name: 'Aqtöbe', admin1: 'Aqtöbe', country: 'Kazakhstan', lon: 57.21, lat: 50.28, weight: 3 },
	{
		name: 'Shymkent',
		admin1: 'South Kazakhstan',
		country: 'Kazakhstan',
		lon: 69.6,
		lat: 42.32,
		weight: 4
	},
	{
		name: 'Karaganda',
		admin1: 'Qaraghandy',
		country: 'Kazakhstan',
		lon: 73.1,
		lat: 49.8,
		weight: 3
	},
	{
		name: 'Tashkent',
		admin1: 'Tashkent City',
		country: 'Uzbekistan',
		lon: 69.24,
		lat: 41.3,
		weight: 6
	},
	{ name: 'Bishkek', admin1: 'Bishkek', country: 'Kyrgyzstan', lon: 74.59, lat: 42.87, weight: 4 },
	{ name: 'Osh', admin1: 'Osh', country: 'Kyrgyzstan', lon: 72.8, lat: 40.53, weight: 3 },
	{
		name: 'Dushanbe',
		admin1: 'Dushanbe',
		country: 'Tajikistan',
		lon: 68.78,
		lat: 38.56,
		weight: 4
	},
	{ name: 'Kabul', admin1: 'Kabul', country: 'Afghanistan', lon: 69.17, lat: 34.53, weight: 10 },
	{
		name: 'Kandahar',
		admin1: 'Kandahar',
		country: 'Afghanistan',
		lon: 65.71,
		lat: 31.61,
		weight: 7
	},
	{ name: 'Khost', admin1: 'Khost', country: 'Afghanistan', lon: 69.92, lat: 33.34, weight: 5 },
	{ name: 'Herat', admin1: 'Herat', country: 'Afghanistan', lon: 62.2, lat: 34.35, weight: 4 },
	{
		name: 'Peshawar',
		admin1: 'Khyber Pakhtunkhwa',
		country: 'Pakistan',
		lon: 71.58,
		lat: 34.01,
		weight: 8
	},
	{ name: 'Miranshah', admin1: 'FATA', country: 'Pakistan', lon: 70.07, lat: 33.0, weight: 5 },
	{ name: 'Quetta', admin1: 'Balochistan', country: 'Pakistan', lon: 66.99, lat: 30.18, weight: 5 },
	{ name: 'Karachi', admin1: 'Sindh', country: 'Pakistan', lon: 67.01, lat: 24.86, weight: 7 },
	{ name: 'Grozny', admin1: 'Chechnya', country: 'Russia', lon: 45.69, lat: 43.32, weight: 4 },
	{ name: 'Makhachkala', admin1: 'Dagestan', country: 'Russia', lon: 47.5, lat: 42.98, weight: 5 },
	{ name: 'Nazran', admin1: 'Ingushetia', country: 'Russia', lon: 44.77, lat: 43.23, weight: 3 },
	{ name: 'Baghdad', admin1: 'Baghdad', country: 'Iraq', lon: 44.37, lat: 33.31, weight: 9 },
	{ name: 'Mosul', admin1: 'Nineveh', country: 'Iraq', lon: 43.13, lat: 36.34, weight: 6 },
	{ name: 'Aleppo', admin1: 'Aleppo', country: 'Syria', lon: 37.16, lat: 36.2, weight: 8 },
	{ name: 'Raqqa', admin1: 'Ar-Raqqa', country: 'Syria', lon: 39.01, lat: 35.95, weight: 5 },
	{ name: 'Toulouse', admin1: 'Occitanie', country: 'France', lon: 1.44, lat: 43.6, weight: 1 }
];

const EVENT_TYPES = [
	['Battles', 'Armed clash'],
	['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
	['Explosions/Remote violence', 'Suicide bomb'],
	['Violence against civilians', 'Attack'],
	['Strategic developments', 'Arrests'],
	['Protests', 'Peaceful protest']
] as const;
const ACTORS = [
	'Unidentified Armed Group',
	'Military Forces',
	'Police Forces',
	'Islamist Militia',
	'Civilians',
	'Protesters'
];
const GTD_ATTACKS = [
	'Bombing/Explosion',
	'Armed Assault',
	'Assassination',
	'Hostage Taking (Kidnapping)',
	'Facility/Infrastructure Attack'
];
const MONTH_NAMES = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

export type SampleLayout = 'acled' | 'gtd';

export const ACLED_HEADER = [
	'event_id_cnty',
	'event_date',
	'year',
	'time_precision',
	'disorder_type',
	'event_type',
	'sub_event_type',
	'actor1',
	'assoc_actor_1',
	'inter1',
	'actor2',
	'assoc_actor_2',
	'inter2',
	'interaction',
	'civilian_targeting',
	'iso',
	'region',
	'country',
	'admin1',
	'admin2',
	'admin3',
	'location',
	'latitude',
	'longitude',
	'geo_precision',
	'source',
	'source_scale',
	'notes',
	'fatalities',
	'tags',
	'timestamp'
];
export const GTD_HEADER = [
	'eventid',
	'iyear',
	'imonth',
	'iday',
	'approxdate',
	'extended',
	'country',
	'country_txt',
	'region',
	'region_txt',
	'provstate',
	'city',
	'latitude',
	'longitude',
	'specificity',
	'vicinity',
	'summary',
	'success',
	'suicide',
	'attacktype1',
	'attacktype1_txt',
	'gname',
	'claimed',
	'nkill',
	'nwound',
	'scite1',
	'scite2',
	'dbsource'
];

/** mulberry32: a tiny seeded PRNG, good enough for synthetic data. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** One CSV cell, quoted when it needs to be (RFC 4180). */
export function csvCell(value: string | number): string {
	const s = String(value);
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export interface SampleOptions {
	layout: SampleLayout;
	rows: number;
	seed?: number;
	/** First and last year of the synthetic events (inclusive). */
	years?: [number, number];
}

/** The header line and then one CSV line per synthetic event (no line endings). */
export function* sampleLines(options: SampleOptions): Generator<string> {
	const { layout, rows } = options;
	const [y0, y1] = options.years ?? [2010, 2020];
	const rand = prng(options.seed ?? 1);
	const total = SAMPLE_TOWNS.reduce((s, t) => s + t.weight, 0);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
	const town = () => {
		let r = rand() * total;
		for (const t of SAMPLE_TOWNS) if ((r -= t.weight) < 0) return t;
		return SAMPLE_TOWNS[0];
	};
	// Roughly normal offsets (sum of uniforms), most events near the centre, a tail
	// reaching ~1.5 degrees out into the countryside.
	const spread = () => (rand() + rand() + rand() - 1.5) * (rand() < 0.8 ? 0.15 : 1);
	yield (layout === 'acled' ? ACLED_HEADER : GTD_HEADER).join(',');
	for (let i = 0; i < rows; i++) {
		const t = town();
		const year = y0 + Math.floor(rand() * (y1 - y0 + 1));
		const month = 1 + Math.floor(rand() * 12);
		const day = 1 + Math.floor(rand() * 28);
		const lat = Math.max(-90, Math.min(90, t.lat + spread())).toFixed(4);
		const lon = Math.max(-180, Math.min(180, t.lon + spread())).toFixed(4);
		const [type, sub] = pick(EVENT_TYPES);
		const fatalities = rand() < 0.6 ? 0 : Math.floor(rand() * rand() * 40);
		const mm = String(month).padStart(2, '0');
		const dd = String(day).padStart(2, '0');
		if (layout === 'acled') {
			const precision = rand() < 0.8 ? 1 : rand() < 0.7 ? 2 : 3;
			const geo = rand() < 0.7 ? 1 : rand() < 0.7 ? 2 : 3;
			const a1 = pick(ACTORS);
			// Both date formats occur in real exports: ISO in newer ones, "12 March 2014" in older.
			const date = i % 5 === 4 ? `${day} ${MONTH_NAMES[month - 1]} ${year}` : `${year}-${mm}-${dd}`;
			const notes = `On ${date}, synthetic ${sub.toLowerCase()} near ${t.name} (${t.admin1}), "sample" row ${i + 1}; ${fatalities} fatalities.`;
			yield [
				`SYN${i + 1}`,
				date,
				year,
				precision,
				'Political violence',
				type,
				sub,
				a1,
				'',
				1 + (i % 8),
				rand() < 0.5 ? pick(ACTORS) : '',
				'',
				i % 9,
				10 + (i % 80),
				'',
				0,
				'Synthetic',
				t.country,
				t.admin1,
				'',
				'',
				t.name,
				lat,
				lon,
				geo,
				'Synthetic Source',
				'National',
				notes,
				fatalities,
				'',
				1700000000 + i
			]
				.map(csvCell)
				.join(',');
		} else {
			const imonth = rand() < 0.05 ? 0 : month;
			const iday = imonth === 0 || rand() < 0.08 ? 0 : day;
			const approx = iday === 0 && rand() < 0.5 ? `${MONTH_NAMES[month - 1]} ${year}` : '';
			const specificity = rand() < 0.75 ? 1 : 1 + Math.floor(rand() * 5);
			const summary = `${year}-${mm}-${dd}: synthetic ${pick(GTD_ATTACKS).toLowerCase()} in ${t.name}, ${t.country}, sample row ${i + 1}.`;
			yield [
				`${year}${mm}${dd}${String(i % 10000).padStart(4, '0')}`,
				year,
				imonth,
				iday,
				approx,
				0,
				0,
				t.country,
				0,
				'Synthetic',
				t.admin1,
				t.name,
				lat,
				lon,
				specificity,
				0,
				summary,
				1,
				rand() < 0.1 ? 1 : 0,
				1,
				pick(GTD_ATTACKS),
				rand() < 0.7 ? 'Unknown' : pick(ACTORS),
				rand() < 0.2 ? 1 : rand() < 0.1 ? -9 : 0,
				fatalities,
				Math.floor(rand() * 10),
				`Synthetic citation ${i + 1}`,
				'',
				'SYNTHETIC'
			]
				.map(csvCell)
				.join(',');
		}
	}
}
