// CSV import and export of the directory (structures, memberships, people and their contacts).
// Kept out of the domain's barrel so pages that never import a spreadsheet do not load papaparse.

export { parseAmount, readStatement, type Statement, type StatementLine } from './bank-statement';
export { COLUMNS, type Column, headerOf } from './columns';
export { type ExportOptions, exportDirectory } from './export';
export { type ImportPlan, type ImportReport, type PlannedWrite, planImport, type Refusal } from './plan';
export { decodeCsv } from './read';
