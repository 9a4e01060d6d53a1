/**
 * The rejected rows as a CSV the user can download and fix their file by: line, column,
 * reason. Cells are neutralised against formula injection like every CSV the Atlas writes.
 */
import { csvRow } from '$lib/export/csv';
import type { RowError } from './record';

export function errorReportCsv(errors: readonly RowError[], total: number): string {
	const lines = [csvRow(['line', 'column', 'reason'])];
	for (const e of errors) lines.push(csvRow([e.line, e.column, e.reason]));
	if (total > errors.length)
		lines.push(csvRow(['', '', `… and ${total - errors.length} more rejected rows not listed`]));
	return `${lines.join('\r\n')}\r\n`;
}

/** "line 1834, latitude: 'abc' is not a number" */
export function describeError(e: RowError): string {
	return `line ${e.line}, ${e.column}: ${e.reason}`;
}
