/**
 * Reads the dataset's files, parses them and runs `validateDataset` on them: what the dataset
 * worker does at load. Never throws: an unreachable file, broken JSON or a bad record all
 * become problems naming the file (and the record and field where there is one).
 */
import { buildMapOverlay } from './map-overlay';
import type { AtlasData, DatasetResult, FileSource } from './dataset-protocol';
import { DATA_FILES, FILE_LEVEL, type DataFileKey, type ValidationIssue } from './issues';
import { parseJsonFile, validateDataset, type DatasetInput } from './validate';

type Fetch = typeof fetch;

async function readText(
	file: string,
	source: FileSource,
	fetchFn: Fetch
): Promise<{ text: string } | { issue: ValidationIssue }> {
	if ('text' in source) return { text: source.text };
	const fail = (message: string) => ({ issue: { file, id: FILE_LEVEL, path: '', message } });
	let response: Response;
	try {
		response = await fetchFn(source.url);
	} catch (error) {
		return fail(`could not be fetched (${error instanceof Error ? error.message : error})`);
	}
	if (!response.ok) return fail(`could not be fetched: the server answered ${response.status}`);
	try {
		return { text: await response.text() };
	} catch (error) {
		return fail(`could not be read (${error instanceof Error ? error.message : error})`);
	}
}

export async function readDataset(
	files: Record<DataFileKey, FileSource>,
	fetchFn: Fetch = fetch
): Promise<DatasetResult> {
	const keys = Object.keys(DATA_FILES) as DataFileKey[];
	const texts = await Promise.all(
		keys.map((key) => readText(DATA_FILES[key], files[key], fetchFn))
	);
	const input: DatasetInput = {};
	const issues: ValidationIssue[] = [];
	keys.forEach((key, i) => {
		const read = texts[i];
		if ('issue' in read) return void issues.push(read.issue);
		const parsed = parseJsonFile(DATA_FILES[key], read.text);
		if (parsed.ok) input[key] = parsed.value;
		else issues.push(parsed.issue);
	});
	issues.push(...validateDataset(input));
	if (issues.length > 0) return { ok: false, issues };
	// Every file is in and valid: the shapes below are what the schemas just checked.
	const { incidents, places, regions, sources } = input as {
		incidents: { features: AtlasData['incidents'] };
		places: { features: AtlasData['places'] };
		regions: { features: AtlasData['regions'] };
		sources: AtlasData['sources'];
	};
	const data: AtlasData = {
		incidents: incidents.features,
		places: places.features,
		regions: regions.features,
		sources
	};
	// The map's overlay is built here too, off the page's main thread (no turf in the page).
	return { ok: true, data: { ...data, overlay: buildMapOverlay(data) } };
}
