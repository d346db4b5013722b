// Kagi: GET api/v0/search?q&limit with `Authorization: Bot <key>`; search results are the items
// of type (`t`) 0 (type 1 are related searches).
import { engineJson, withParams } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const KAGI_ENDPOINT = 'https://kagi.com/api/v0/search';

export async function searchKagi(req: EngineRequest, o: { apiKey: string }): Promise<SearchResult[]> {
  const url = withParams(req.endpoint ?? KAGI_ENDPOINT, { q: req.query, limit: req.count });
  const body = await engineJson('kagi', req, url, { headers: { Authorization: `Bot ${o.apiKey}` } });
  return hits(records(dig(body, 'data')).filter((r) => r['t'] === 0).map((r) => hit(r['url'], r['title'], r['snippet'])));
}
