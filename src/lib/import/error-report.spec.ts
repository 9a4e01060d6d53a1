import { describe, expect, it } from 'vitest';
import { describeError, errorReportCsv } from './error-report';

describe('errorReportCsv', () => {
	it('lists line, column and reason, neutralising formula-like cells', () => {
		const csv = errorReportCsv(
			[
				{ line: 1834, column: 'latitude', reason: "'abc' is not a number" },
				{ line: 7, column: '=HYPERLINK("x")', reason: 'is empty' }
			],
			3
		);
		const lines = csv.trimEnd().split('\r\n');
		expect(lines[0]).toBe('line,column,reason');
		expect(lines[1]).toBe("1834,latitude,'abc' is not a number");
		expect(lines[2]).toMatch(/^7,"?'=HYPERLINK/);
		expect(lines[3]).toContain('1 more rejected rows');
	});
	it('describes one error the way the dialog shows it', () => {
		expect(describeError({ line: 1834, column: 'latitude', reason: "'abc' is not a number" })).toBe(
			"line 1834, latitude: 'abc' is not a number"
		);
	});
});
