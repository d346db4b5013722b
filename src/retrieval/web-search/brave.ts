// Brave Search: GET res/v1/web/search?q&count with X-Subscription-Token.
import { engineJson, withParams } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const BRAVE_ENDPOINT = 'https://api.search.brave.com/res/v1/web/search';

export async function searchBrave(req: EngineRequest, o: { apiKey: string }): Promise<SearchResult[]> {
  const url = withParams(req.endpoint ?? BRAVE_ENDPOINT, { q: req.query, count: req.count });
  const body = await engineJson('brave', req, url, { headers: { Accept: 'application/json', 'X-Subscription-Token': o.apiKey } });
  return hits(records(dig(body, 'web', 'results')).map((r) => hit(r['url'], r['title'], r['description'])));
}
