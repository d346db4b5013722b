// Jina Search: POST s.jina.ai {q, count ≤ 10}, JSON answer, no images.
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const JINA_ENDPOINT = 'https://s.jina.ai/';

export async function searchJina(req: EngineRequest, o: { apiKey: string }): Promise<SearchResult[]> {
  // Open WebUI sends the key as the whole Authorization value; a bare key gets its Bearer here.
  const key = o.apiKey.trim();
  const authorization = key === '' || /^bearer\s/i.test(key) ? key : `Bearer ${key}`;
  const body = await engineJson('jina', req, req.endpoint ?? JINA_ENDPOINT, {
    headers: { Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}), 'X-Retain-Images': 'none' },
    json: { q: req.query, count: Math.min(req.count, 10) },
  });
  return hits(records(dig(body, 'data')).map((r) => hit(r['url'], r['title'], r['content'])));
}
