// French search of listings and structures, shared by the device and the server.
export { analyze, foldAccents, isStopword, termOf, words } from './analyzer';
export { describeSearch } from './describe';
export type { SearchEntry } from './documents';
export {
	type CommuneResults,
	type EngineOptions,
	SearchEngine,
	type SearchHit,
	type SearchRequest,
	type SearchResponse,
} from './engine';
export type { Counts } from './facets';
export type { SearchType } from './filters';
export { FILTER_NAMES, type FilterName, type SearchFilters } from './filters';
export type { Suggestions } from './suggest';
export { expand, THESAURUS_SIZE } from './thesaurus';
