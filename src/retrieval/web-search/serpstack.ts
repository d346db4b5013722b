// serpstack: GET search?access_key&query (http or https by SERPSTACK_HTTPS); organic results by position.
import { engineJson, withParams } from './engine-http.ts';
import { dig, hit, hits, records, sortBy, type EngineRequest, type SearchResult } from './types.ts';

export const serpstackEndpoint = (https: boolean): string => `${https ? 'https' : 'http'}://api.serpstack.com/search`;

export async function searchSerpstack(req: EngineRequest, o: { apiKey: string; https: boolean }): Promise<SearchResult[]> {
  const url = withParams(req.endpoint ?? serpstackEndpoint(o.https), { access_key: o.apiKey, query: req.query });
  const body = await engineJson('serpstack', req, url);
  return hits(sortBy(records(dig(body, 'organic_results')), 'position', 'asc').map((r) => hit(r['url'], r['title'], r['snippet'])));
}
