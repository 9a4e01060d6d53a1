import { describe, expect, it } from 'vitest';
import { DataLoadError, featuresOf, loadAtlasData, sourcesOf } from './load';

describe('featuresOf', () => {
	it('names the file when the JSON is not a FeatureCollection', () => {
		expect(() => featuresOf({ type: 'Feature' }, 'geodata/places.geojson')).toThrow(
			'Could not load geodata/places.geojson: it is not a GeoJSON FeatureCollection'
		);
	});

	it('names the feature that lacks an id', () => {
		const fc = { type: 'FeatureCollection', features: [{ properties: { id: 'a' } }, {}] };
		expect(() => featuresOf(fc, 'geodata/incidents.geojson')).toThrow(
			'geodata/incidents.geojson: feature 1 has no string properties.id'
		);
	});
});

describe('sourcesOf', () => {
	it('rejects anything but a list of sources with ids', () => {
		expect(() => sourcesOf({}, 'geodata/sources.json')).toThrow(DataLoadError);
		expect(sourcesOf([{ id: 'x' }], 'geodata/sources.json')).toEqual([{ id: 'x' }]);
	});
});

describe('loadAtlasData', () => {
	it('reports an HTTP failure with the file it was loading', async () => {
		const failing = (async () => new Response('nope', { status: 404 })) as typeof fetch;
		await expect(loadAtlasData(failing)).rejects.toThrow(/Could not load geodata\/.+ 404/);
	});

	it('reports invalid JSON with the file name', async () => {
		const broken = (async () => new Response('{"type": "Feature')) as typeof fetch;
		await expect(loadAtlasData(broken)).rejects.toThrow(/geodata\/.+ it is not valid JSON/);
	});
});
