import { FULL_READER, type ContactReader } from '../analysis/analyst-copy.ts';
import {
  searchCases,
  searchContacts,
  searchCustomers,
  type SearchHit,
  type SearchHitType,
} from '../../store/repositories/search.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';

export const SEARCH_TYPES: readonly SearchHitType[] = ['customer', 'case', 'contact'];

/** One ranked list over customers, cases and contacts; each kind brings its best hits. */
export async function searchRecords(
  scope: TenantScope,
  query: string,
  options: { limit: number; types?: SearchHitType[] | undefined; reader?: ContactReader },
) {
  const reader = options.reader ?? FULL_READER;
  const types = new Set(options.types && options.types.length > 0 ? options.types : SEARCH_TYPES);
  const q = query.trim();
  // Sequential on purpose: the embedded store runs one query at a time anyway.
  const hits: SearchHit[] = [];
  if (types.has('customer')) hits.push(...(await searchCustomers(scope, q, options.limit)));
  if (types.has('case')) hits.push(...(await searchCases(scope, q, options.limit)));
  if (types.has('contact')) hits.push(...(await searchContacts(scope, q, options.limit)));
  hits.sort((a, b) => b.score - a.score);
  return {
    query: q,
    results: hits.slice(0, options.limit).map((hit) => ({
      ...hit,
      // Readers without personal-data access get titles and snippets as the analyst copy.
      title: reader.text(hit.title),
      snippet: reader.text(hit.snippet),
      score: Math.round(hit.score * 1000) / 1000,
      occurredAt: hit.occurredAt ? new Date(hit.occurredAt).toISOString() : null,
    })),
  };
}
