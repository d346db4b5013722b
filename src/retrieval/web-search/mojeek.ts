// Mojeek: GET search?q&api_key&fmt=json&t=<count>.
import { engineJson, withParams } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const MOJEEK_ENDPOINT = 'https://api.mojeek.com/search';

export async function searchMojeek(req: EngineRequest, o: { apiKey: string }): Promise<SearchResult[]> {
  const url = withParams(req.endpoint ?? MOJEEK_ENDPOINT, { q: req.query, api_key: o.apiKey, fmt: 'json', t: req.count });
  const body = await engineJson('mojeek', req, url, { headers: { Accept: 'application/json' } });
  return hits(records(dig(body, 'response', 'results')).map((r) => hit(r['url'], r['title'], r['desc'])));
}
