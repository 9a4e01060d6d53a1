/**
 * "1 incident", "2 incidents": a count with its noun in the right number. English only;
 * pass the plural where adding "s" is wrong.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
	return `${n} ${n === 1 ? singular : plural}`;
}
