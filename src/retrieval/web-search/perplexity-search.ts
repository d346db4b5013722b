// Perplexity Search API: POST PERPLEXITY_SEARCH_API_URL {query, max_results} with a Bearer key
// (and the user's X-OpenWebUI-User-* headers, as Open WebUI sends them).
import { userInfoHeaders } from '../../providers/user-headers.ts';
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export async function searchPerplexitySearch(req: EngineRequest, o: { apiKey: string; apiUrl: string }): Promise<SearchResult[]> {
  const body = await engineJson('perplexity_search', req, o.apiUrl, {
    headers: { Authorization: `Bearer ${o.apiKey}`, ...(req.user ? userInfoHeaders({ forwardUserInfoHeaders: true }, req.user) : {}) },
    json: { query: req.query, max_results: req.count },
  });
  return hits(records(dig(body, 'results')).map((r) => hit(r['url'], r['title'], r['snippet'])));
}
