// Bocha: POST v1/web-search {query, summary: true, freshness: noLimit, count} with a Bearer key;
// the page summary is the snippet.
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const BOCHA_ENDPOINT = 'https://api.bochaai.com/v1/web-search?utm_source=ollama';

export async function searchBocha(req: EngineRequest, o: { apiKey: string }): Promise<SearchResult[]> {
  const body = await engineJson('bocha', req, req.endpoint ?? BOCHA_ENDPOINT, {
    headers: { Authorization: `Bearer ${o.apiKey}` },
    json: { query: req.query, summary: true, freshness: 'noLimit', count: req.count },
  });
  return hits(records(dig(body, 'data', 'webPages', 'value')).map((r) => hit(r['url'], r['name'], r['summary'] || r['snippet'])));
}
