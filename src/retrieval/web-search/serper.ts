// Serper (google.serper.dev): POST search {q} with X-API-KEY; organic results by position.
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, sortBy, type EngineRequest, type SearchResult } from './types.ts';

export const SERPER_ENDPOINT = 'https://google.serper.dev/search';

export async function searchSerper(req: EngineRequest, o: { apiKey: string }): Promise<SearchResult[]> {
  const body = await engineJson('serper', req, req.endpoint ?? SERPER_ENDPOINT, { headers: { 'X-API-KEY': o.apiKey }, json: { q: req.query } });
  // Serper names the snippet `snippet` (Open WebUI reads `description`, which it never sends).
  return hits(sortBy(records(dig(body, 'organic')), 'position', 'asc').map((r) => hit(r['link'], r['title'], r['snippet'] ?? r['description'])));
}
