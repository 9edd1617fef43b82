/** Kinds of record the global search covers, in their default display order. */
export type SearchDocType = 'person' | 'organization' | 'deal' | 'activity' | 'task';

/** All search document types, in the order used to break ties between groups. */
export const SEARCH_DOC_TYPES: readonly SearchDocType[] = [
  'person',
  'organization',
  'deal',
  'activity',
  'task',
];

/** One record as the index sees it: decrypted text, never stored anywhere. */
export interface SearchDoc {
  id: string;
  type: SearchDocType;
  /** Main name: ranked highest. */
  title: string;
  /** Secondary short fields: emails, phones, organization name, city, tags. */
  fields?: readonly string[];
  /** Long free text (note bodies): ranked lowest. */
  text?: string;
}

/** A matching record with its relevance (higher is better). */
export interface SearchHit {
  id: string;
  type: SearchDocType;
  score: number;
}

/** Hits of one type: the exact number of matches and the best `perGroup` of them. */
export interface SearchGroup {
  type: SearchDocType;
  total: number;
  hits: SearchHit[];
}

/** Answer to one query; empty groups are left out, groups are ordered by their best hit. */
export interface SearchResult {
  query: string;
  groups: SearchGroup[];
}

/** Options of `SearchIndex.search`. */
export interface SearchOptions {
  /** How many top hits each group carries (default 5); `total` is always exact. */
  perGroup?: number;
}
