import { readFileSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import {
	MARKER_SPACING,
	OFFSET_ZOOMS,
	fanOffsets,
	offsetAt,
	projectToPixels,
	toMapIncidents,
	toRecruitmentAreas,
	toUncertaintyAreas
} from './map-features';
import { buildActorIndex } from './actors';
import { Category, IncidentCollection, PlaceCollection, RegionCollection } from './schema';
import { FAMILIES, MAX_MARKER_OFFSET, familyOf, iconName, offsetKeys } from './symbology';

const read = (f: string) => JSON.parse(readFileSync(`geodata/${f}`, 'utf8'));
const incidents = IncidentCollection.parse(read('incidents.geojson')).features;
const places = PlaceCollection.parse(read('places.geojson')).features;
const regions = RegionCollection.parse(read('regions.geojson')).features;

describe('fanOffsets', () => {
	it('leaves a lone marker on its place', () => {
		expect(fanOffsets(1)).toEqual([[0, 0]]);
		expect(fanOffsets(0)).toEqual([]);
	});

	it.each([2, 3, 5, 8, 13, 30])('keeps %i markers at one place apart', (n) => {
		const offsets = fanOffsets(n);
		expect(offsets).toHaveLength(n);
		for (let i = 0; i < n; i++) {
			for (let j = i + 1; j < n; j++) {
				const d = Math.hypot(offsets[i][0] - offsets[j][0], offsets[i][1] - offsets[j][1]);
				// Markers are about 13 px wide: neighbours must not cover each other.
				expect(d).toBeGreaterThanOrEqual(MARKER_SPACING * 0.85);
			}
		}
	});
});

describe('toMapIncidents', () => {
	const fc = toMapIncidents(incidents);

	it('draws every incident once, keyed by its id', () => {
		expect(fc.features.map((f) => f.id).sort()).toEqual(
			incidents.map((f) => f.properties.id).sort()
		);
	});

	it('flags only records posted online or with no venue given', () => {
		const flagged = fc.features.filter((f) => f.properties.venue).map((f) => f.properties.id);
		expect(flagged.sort()).toEqual(
			incidents
				.filter((f) => f.properties.venue)
				.map((f) => f.properties.id)
				.sort()
		);
		const claim = fc.features.find((f) => f.properties.id === 'atyrau-bombings-claim-2011')!;
		expect(claim.properties.venue).toBe('online');
		const bombings = fc.features.find((f) => f.properties.id === 'atyrau-bombings-2011-10-31')!;
		expect('venue' in bombings.properties).toBe(false);
	});

	it('gives each marker its year, colour family and status icon', () => {
		const atyrau = fc.features.find((f) => f.properties.id === 'atyrau-bombings-2011-10-31')!;
		expect(atyrau.properties.year).toBe(2011);
		expect(atyrau.properties.date_label).toBe('31 October 2011');
		expect(atyrau.properties.icon).toBe(iconName('violence', 'alleged'));
	});

	it('gives each marker the months its date may fall in, for the time-range filter', () => {
		const byId = new Map(fc.features.map((f) => [f.properties.id, f.properties]));
		const at = (id: string) => [byId.get(id)!.start, byId.get(id)!.end];
		// Day: its month. Span of months: both months. Summer: June to August.
		expect(at('atyrau-bombings-2011-10-31')).toEqual([2011 * 12 + 9, 2011 * 12 + 9]);
		expect(at('khost-attack-videos-2011-09')).toEqual([2011 * 12 + 8, 2011 * 12 + 9]);
		expect(at('jak-founding-2011')).toEqual([2011 * 12 + 5, 2011 * 12 + 7]);
		for (const f of incidents) {
			const p = byId.get(f.properties.id)!;
			expect(p.start, f.properties.id).toBeGreaterThan(0);
			expect(p.end).toBeGreaterThanOrEqual(p.start);
		}
	});

	it('carries the slugs of the actors each incident names, for the actor filter', () => {
		const index = buildActorIndex(incidents);
		for (const actor of index.actors) {
			const marked = fc.features
				.filter((f) => f.properties.actors.includes(`|${actor.slug}|`))
				.map((f) => f.properties.id);
			expect(marked.sort()).toEqual(actor.incidents.map((f) => f.properties.id).sort());
		}
		const areas = toUncertaintyAreas(incidents, places, regions);
		for (const area of areas.features) {
			const marker = fc.features.find((f) => f.properties.id === area.properties.id)!;
			expect(area.properties.actors).toBe(marker.properties.actors);
		}
	});

	it.each([...OFFSET_ZOOMS, 2.5, 6.7, 12])(
		'at zoom %s no marker covers another, even across nearby places',
		(zoom) => {
			const at = fc.features.map((f) => {
				const [x, y] = projectToPixels(f.geometry.coordinates, Math.floor(zoom));
				const [dx, dy] = offsetAt(f.properties, zoom);
				return { id: f.properties.id, x: x + dx, y: y + dy };
			});
			for (let i = 0; i < at.length; i++) {
				for (let j = i + 1; j < at.length; j++) {
					const d = Math.hypot(at[i].x - at[j].x, at[i].y - at[j].y);
					expect(d, `${at[i].id} vs ${at[j].id}`).toBeGreaterThanOrEqual(MARKER_SPACING * 0.85);
				}
			}
		}
	);

	it('stores each offset as two plain numbers within the range the map can draw', () => {
		// Nested arrays would come back from MapLibre's encoded tiles as JSON text.
		for (const f of fc.features) {
			for (const z of OFFSET_ZOOMS) {
				for (const key of offsetKeys(z)) {
					const v = f.properties[key];
					expect(typeof v, `${f.properties.id}.${key}`).toBe('number');
					expect(Math.abs(v)).toBeLessThan(MAX_MARKER_OFFSET);
				}
			}
			expect(Object.values(f.properties).every((v) => typeof v !== 'object')).toBe(true);
		}
	});

	it("keeps a lone place's single marker on its point once zoomed in", () => {
		const aktobeBombing = fc.features.find(
			(f) => f.properties.id === 'aktobe-suicide-bombing-2011-05'
		)!;
		expect(offsetAt(aktobeBombing.properties, 10)).toEqual([0, 0]);
	});

	it('gives Almaty and Boraldai one shared fan when zoomed out, and their own when zoomed in', () => {
		const near = fc.features.filter((f) => ['almaty', 'boraldai'].includes(f.properties.place));
		const spread = (zoom: number) => {
			const xs = near.map(
				(f) => projectToPixels(f.geometry.coordinates, zoom)[0] + offsetAt(f.properties, zoom)[0]
			);
			return Math.max(...xs) - Math.min(...xs);
		};
		// Zoomed out the places are a few pixels apart, yet their markers are spread as one fan.
		expect(spread(4)).toBeGreaterThan(MARKER_SPACING);
		// Zoomed in, each marker sits in its own place's fan again.
		for (const f of near) {
			expect(Math.hypot(...offsetAt(f.properties, 10))).toBeLessThanOrEqual(MARKER_SPACING + 0.1);
		}
	});
});

describe('symbology', () => {
	it('gives every category exactly one colour family', () => {
		for (const category of Category.options) {
			const families = FAMILIES.filter((f) => f.categories.includes(category));
			expect(families, category).toHaveLength(1);
			expect(familyOf(category)).toBe(families[0].id);
		}
	});
});

describe('toUncertaintyAreas', () => {
	const areas = toUncertaintyAreas(incidents, places, regions);

	it('draws an area for every town- or region-level incident and none for exact sites', () => {
		const vague = incidents.filter(
			(f) => ['town', 'region'].includes(f.properties.location_precision) && !f.properties.venue
		);
		expect(areas.features.map((f) => f.properties.id).sort()).toEqual(
			vague.map((f) => f.properties.id).sort()
		);
	});

	it('draws no area for a record posted online or with no venue, whatever its precision', () => {
		const drawn = new Set(areas.features.map((f) => f.properties.id));
		const online = incidents.find((f) => f.properties.id === 'atyrau-bombings-claim-2011')!;
		expect(online.properties).toMatchObject({ venue: 'online', location_precision: 'town' });
		expect(drawn.has(online.properties.id)).toBe(false);
		const unknown = incidents.filter((f) => f.properties.venue === 'unknown');
		expect(unknown.length).toBeGreaterThan(0);
		for (const f of unknown) expect(drawn.has(f.properties.id), f.properties.id).toBe(false);
		// The same record without a venue would get its town circle: the venue is the reason.
		const located = { ...online, properties: { ...online.properties, venue: undefined } };
		expect(toUncertaintyAreas([located], places, regions).features).toHaveLength(1);
	});

	it('uses the oblast polygon when the place is the oblast itself, and the area holds the point', () => {
		const checkpoint = incidents.find((f) => f.properties.place === 'aktobe-oblast')!;
		const area = areas.features.find((f) => f.properties.id === checkpoint.properties.id)!;
		const oblast = regions.find((r) => r.properties.id === 'KZ.AT')!;
		expect(area.geometry).toEqual(oblast.geometry);
		for (const f of areas.features) {
			const incident = incidents.find((i) => i.properties.id === f.properties.id)!;
			expect(booleanPointInPolygon(incident.geometry.coordinates, f), f.properties.id).toBe(true);
			// Areas filter by time exactly as their markers do.
			const marker = toMapIncidents([incident]).features[0].properties;
			expect([f.properties.start, f.properties.end]).toEqual([marker.start, marker.end]);
		}
	});
});

describe('toRecruitmentAreas', () => {
	it('marks the four oblasts the 2014 report names, with its year', () => {
		const areas = toRecruitmentAreas(regions);
		expect(areas.features.map((f) => f.properties.id).sort()).toEqual([
			'KZ.AT',
			'KZ.QG',
			'KZ.SK',
			'KZ.WK'
		]);
		expect(new Set(areas.features.map((f) => f.properties.year))).toEqual(new Set([2014]));
	});

	it("labels each area with the period in the source's words, and flags our reading", () => {
		const byId = new Map(
			toRecruitmentAreas(regions).features.map((f) => [f.id ?? f.properties.id, f.properties])
		);
		expect(byId.get('KZ.SK')).toMatchObject({
			period: 'in the past',
			reading: 'interpreted',
			label: 'Recruitment “in the past” · 2014 report\n(the oblast is our reading)'
		});
		for (const id of ['KZ.AT', 'KZ.QG', 'KZ.WK']) {
			expect(byId.get(id)).toMatchObject({
				period: 'now',
				reading: 'named',
				label: 'Recruitment “now” · 2014 report'
			});
		}
	});
});
