// SearchApi and SerpApi share one API shape: GET ?engine&q&api_key → organic_results by position.
import { engineJson, withParams } from './engine-http.ts';
import { dig, hit, hits, records, sortBy, type EngineRequest, type SearchResult } from './types.ts';

export interface SerpStyleOptions {
  apiKey: string;
  /** SEARCHAPI_ENGINE / SERPAPI_ENGINE; '' → google. */
  engine: string;
}

export async function searchSerpStyle(name: string, endpoint: string, req: EngineRequest, o: SerpStyleOptions): Promise<SearchResult[]> {
  const url = withParams(req.endpoint ?? endpoint, { engine: o.engine || 'google', q: req.query, api_key: o.apiKey });
  const body = await engineJson(name, req, url);
  return hits(sortBy(records(dig(body, 'organic_results')), 'position', 'asc').map((r) => hit(r['link'], r['title'], r['snippet'])));
}
