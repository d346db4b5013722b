// Tavily: POST search {query, max_results} with a Bearer key.
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const TAVILY_ENDPOINT = 'https://api.tavily.com/search';

export async function searchTavily(req: EngineRequest, o: { apiKey: string }): Promise<SearchResult[]> {
  const body = await engineJson('tavily', req, req.endpoint ?? TAVILY_ENDPOINT, {
    headers: { Authorization: `Bearer ${o.apiKey}` },
    json: { query: req.query, max_results: req.count },
  });
  return hits(records(dig(body, 'results')).map((r) => hit(r['url'], r['title'] ?? '', r['content'])));
}
