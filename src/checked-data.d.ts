/** The dataset as `vite build` checked it (scripts/lib/checked-data-plugin.ts); null in dev. */
declare module 'virtual:checked-data' {
	export const checked: { url: string; sha256: string } | null;
}
