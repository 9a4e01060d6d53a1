/**
 * A strict RFC 4180 reader for tests: quoted fields, doubled quotes, CRLF records only, and
 * an error for anything a conforming file may not contain, so tests check what a
 * spreadsheet would actually see.
 */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	let quoted = false;
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i += 2;
			} else if (c === '"') {
				quoted = false;
				i++;
			} else {
				field += c;
				i++;
			}
		} else if (c === '"') {
			if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
			quoted = true;
			i++;
		} else if (c === ',') {
			row.push(field);
			field = '';
			i++;
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i += 2;
		} else if (c === '\r' || c === '\n') {
			throw new Error(`bare line break outside quotes at ${i}`);
		} else {
			field += c;
			i++;
		}
	}
	if (quoted) throw new Error('unterminated quote');
	if (field !== '' || row.length) throw new Error('last record has no CRLF');
	return rows;
}
