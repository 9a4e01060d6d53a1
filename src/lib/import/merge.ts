/**
 * The reports plus the imported datasets as one AtlasData, so every view works on the union.
 * The built-in overlay (the reports' markers) is kept as it is; imported datasets are drawn
 * as their own layers from `imported`.
 */
import type { AtlasData } from '$lib/data/dataset-protocol';
import type { AssembledDataset } from './datasets';

export function mergeImported(base: AtlasData, datasets: readonly AssembledDataset[]): AtlasData {
	if (!datasets.length) return { ...base, imported: [] };
	return {
		...base,
		incidents: [...base.incidents, ...datasets.flatMap((d) => d.incidents)],
		places: [...base.places, ...datasets.flatMap((d) => d.places)],
		sources: [...base.sources, ...datasets.map((d) => d.source)],
		imported: datasets.map((d) => ({ meta: d.meta, map: d.map }))
	};
}
