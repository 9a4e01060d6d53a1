/**
 * The features of a GeoJSON FeatureCollection, one parsed object at a time, from text chunks:
 * only one feature's text is held at once, so a file of any size streams in little memory.
 * It finds the array under the top-level "features" key and splits it by bracket depth,
 * skipping brackets inside strings.
 */
export async function* geojsonFeatures(chunks: AsyncIterable<string>): AsyncGenerator<unknown> {
	let state: 'seek' | 'array' | 'done' = 'seek';
	let seekTail = '';
	let depth = 0;
	let inString = false;
	let escaped = false;
	let current = '';
	for await (const chunk of chunks) {
		let i = 0;
		if (state === 'seek') {
			const text = seekTail + chunk;
			const key = /"features"\s*:\s*\[/.exec(text);
			if (!key) {
				seekTail = text.slice(-64);
				continue;
			}
			state = 'array';
			// Continue right after the '[' within this chunk's part of `text`.
			i = key.index + key[0].length - seekTail.length;
			if (i < 0) i = 0;
		}
		let start = depth > 0 ? 0 : -1;
		for (; i < chunk.length; i++) {
			const c = chunk[i];
			if (inString) {
				if (escaped) escaped = false;
				else if (c === '\\') escaped = true;
				else if (c === '"') inString = false;
				continue;
			}
			if (c === '"') inString = true;
			else if (c === '{' || c === '[') {
				if (depth === 0) start = i;
				depth++;
			} else if (c === '}' || c === ']') {
				if (depth === 0) {
					state = 'done';
					break;
				}
				depth--;
				if (depth === 0) {
					yield JSON.parse(current + chunk.slice(start, i + 1));
					current = '';
					start = -1;
				}
			}
		}
		if (depth > 0 && start >= 0) current += chunk.slice(start);
		if (state === 'done') break;
	}
	if (state === 'seek') throw new Error('no "features" array: not a GeoJSON FeatureCollection');
	if (state !== 'done') throw new Error('the "features" array never ends: the file is cut short');
}
