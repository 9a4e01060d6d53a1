/**
 * Wraps text from the data in Unicode isolates (FSI … PDI) where no markup can isolate it (a
 * map tooltip set with setText, an export): right-to-left text or a stray override inside it
 * then cannot reorder the words around it.
 */
export function isolate(text: unknown): string {
	return `\u2068${String(text)}\u2069`;
}
