/**
 * The column-mapping step's fields, apart from the row mappers so the dialog loads no
 * validator (zod stays in the worker).
 */
/** Which columns of a custom CSV hold what; the four required, the rest optional. */
export type ColumnMapping = {
	latitude: string;
	longitude: string;
	date: string;
	title: string;
	place?: string;
	actors?: string;
	notes?: string;
};

export const MAPPING_FIELDS = [
	'latitude',
	'longitude',
	'date',
	'title',
	'place',
	'actors',
	'notes'
] as const satisfies readonly (keyof ColumnMapping)[];
export const REQUIRED_FIELDS = ['latitude', 'longitude', 'date', 'title'] as const;
