/**
 * Times the search over an imported tile set's events (EventTileIndex.search, the code the
 * imported-tiles worker runs), in Node, over synthetic events shaped like imported ACLED rows
 * ("<type> in <place>" titles, dates to the day, 2010-2020):
 *   npm run bench:search [-- --events 1000000 --places 3000]
 * It is a benchmark, not a test: it prints the median of 5 runs per query, and the first
 * search's time on its own (it folds every distinct title once).
 */
import { parseArgs } from 'node:util';
import { EventTileIndex } from '../src/lib/tiles/event-index';

const { values } = parseArgs({
	options: {
		events: { type: 'string', default: '1000000' },
		places: { type: 'string', default: '3000' }
	}
});
const N = Number(values.events);
const PLACES = Number(values.places);
const TYPES = [
	'Armed clash',
	'Peaceful protest',
	'Arrests',
	'Attack',
	'Shelling/artillery/missile attack',
	'Remote explosive/landmine/IED',
	'Air/drone strike',
	'Looting/property destruction'
];

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pad = (n: number) => String(n).padStart(2, '0');
const index = new EventTileIndex('ds-bench-', N);
const titles = new Set<string>();
for (let i = 0; i < N; i++) {
	const year = 2010 + Math.floor(rand() * 11);
	const title = `${TYPES[i % TYPES.length]} in Town${Math.floor(rand() * PLACES)}`;
	titles.add(title);
	index.add({
		row: i + 2,
		lon: 40 + rand() * 50,
		lat: 20 + rand() * 35,
		date: `${year}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`,
		year,
		title,
		kind: Math.floor(rand() * 4),
		status: 0
	});
}
index.finish();

const time = (query: string) => {
	const started = performance.now();
	const { total } = index.search(query, () => true, 50);
	return { ms: performance.now() - started, total };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(
	`${N.toLocaleString('en')} events, ${titles.size.toLocaleString('en')} distinct titles`
);
const first = time('town12');
console.log(
	`first search ("town12", folds the titles): ${first.ms.toFixed(0)} ms, ${first.total} matches`
);
for (const query of ['town12', 'town2999', 'armed clash', 'zzz', 'in']) {
	const runs = Array.from({ length: 5 }, () => time(query));
	console.log(
		`"${query}": ${runs[0].total.toLocaleString('en')} matches, median ${median(runs.map((r) => r.ms)).toFixed(0)} ms`
	);
}
