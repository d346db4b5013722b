// Exa: POST search {query, numResults, type: auto, contents: {text, highlights}} with a Bearer key;
// the domain filter is passed on as includeDomains / excludeDomains.
import { engineJson } from './engine-http.ts';
import { parseDomainFilter } from './filter.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const EXA_ENDPOINT = 'https://api.exa.ai/search';

export async function searchExa(req: EngineRequest, o: { apiKey: string }): Promise<SearchResult[]> {
  const { allow, block } = parseDomainFilter(req.filterList);
  const body = await engineJson('exa', req, req.endpoint ?? EXA_ENDPOINT, {
    headers: { Authorization: `Bearer ${o.apiKey}` },
    json: {
      query: req.query,
      numResults: req.count || 5,
      ...(allow.length > 0 ? { includeDomains: allow } : {}),
      ...(block.length > 0 ? { excludeDomains: block } : {}),
      contents: { text: true, highlights: true },
      type: 'auto',
    },
  });
  return hits(records(dig(body, 'results')).map((r) => hit(r['url'], r['title'], r['text'])));
}
