// Public surface of the search index.
export { normalizeForSearch, tokenizeForSearch } from './normalize';
export { SearchIndex, type ProgressiveOptions, type SearchTuning } from './search-index';
export { SEARCH_DOC_TYPES } from './types';
export type { SearchDoc, SearchDocType, SearchGroup, SearchHit, SearchOptions, SearchResult } from './types';
