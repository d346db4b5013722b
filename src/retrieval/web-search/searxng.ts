// SearXNG: GET SEARXNG_QUERY_URL?q=…&format=json (the instance must allow the json format);
// results sorted by score, highest first.
import { engineJson, withParams } from './engine-http.ts';
import { dig, hit, hits, RAG_BOT_USER_AGENT, records, sortBy, type EngineRequest, type SearchResult } from './types.ts';

export interface SearxngOptions {
  /** SEARXNG_QUERY_URL; the legacy form with `?q=<query>` has its query string dropped. */
  queryUrl: string;
  /** SEARXNG_LANGUAGE */
  language: string;
}

export async function searchSearxng(req: EngineRequest, o: SearxngOptions): Promise<SearchResult[]> {
  const base = o.queryUrl.includes('<query>') ? (o.queryUrl.split('?')[0] ?? o.queryUrl) : o.queryUrl;
  const url = withParams(base, {
    q: req.query,
    format: 'json',
    pageno: 1,
    safesearch: '1',
    language: o.language || 'all',
    time_range: '',
    categories: '',
    theme: 'simple',
    image_proxy: 0,
  });
  const body = await engineJson('searxng', req, url, { headers: { 'User-Agent': RAG_BOT_USER_AGENT, Accept: 'application/json' } });
  return hits(sortBy(records(dig(body, 'results')), 'score', 'desc').map((r) => hit(r['url'], r['title'], r['content'])));
}
