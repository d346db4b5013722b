// Ollama Cloud web search: POST https://ollama.com/api/web_search {query, max_results} with a Bearer key.
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const OLLAMA_CLOUD_ENDPOINT = 'https://ollama.com/api/web_search';

export async function searchOllamaCloud(req: EngineRequest, o: { apiKey: string }): Promise<SearchResult[]> {
  const body = await engineJson('ollama_cloud', req, req.endpoint ?? OLLAMA_CLOUD_ENDPOINT, {
    headers: { Authorization: `Bearer ${o.apiKey}` },
    json: { query: req.query, max_results: req.count },
  });
  return hits(records(dig(body, 'results')).map((r) => hit(r['url'], r['title'] ?? '', r['content'] ?? '')));
}
