/**
 * `tiles/index.json`: the published tile sets the app can show, written by build:tiles. Read
 * defensively: it is a file anyone hosting the app may edit.
 */
import { z } from 'zod';

import { TILE_SET_NAME as NAME } from './schema';

export const TileManifestSchema = z.object({
	datasets: z.array(
		z.object({
			/** The slug in links (`tiles=<name>`). */
			name: z.string().regex(NAME).max(60),
			title: z.string().max(200),
			/** The archive, relative to the manifest. */
			file: z.string().regex(/^[a-z0-9][a-z0-9._-]*\.pmtiles$/),
			count: z.number().int().nonnegative(),
			years: z.tuple([z.number().int(), z.number().int()]),
			bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
			bytes: z.number().int().nonnegative()
		})
	)
});
export type TileManifest = z.infer<typeof TileManifestSchema>;
export type TileDatasetEntry = TileManifest['datasets'][number];

export function readManifest(json: unknown): TileManifest {
	return TileManifestSchema.parse(json);
}
