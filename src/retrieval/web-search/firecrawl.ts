// Firecrawl: POST {FIRECRAWL_API_BASE_URL}/v2/search {query, limit, ignoreInvalidURLs} with a
// Bearer key → {success, data: {web: [{url, title, description}]}} (v1 servers: data is the list).
import { trimSlash } from '../upstream.ts';
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export async function searchFirecrawl(req: EngineRequest, o: { apiKey: string; baseUrl: string }): Promise<SearchResult[]> {
  const body = await engineJson('firecrawl', req, `${trimSlash(o.baseUrl)}/v2/search`, {
    headers: o.apiKey ? { Authorization: `Bearer ${o.apiKey}` } : {},
    json: { query: req.query, limit: req.count, ignoreInvalidURLs: true },
  });
  const data = dig(body, 'data');
  const items = Array.isArray(data) ? records(data) : records(dig(data, 'web'));
  return hits(
    items.map((r) => {
      const meta = dig(r, 'metadata');
      return hit(r['url'] ?? dig(meta, 'sourceURL') ?? dig(meta, 'url'), r['title'] ?? dig(meta, 'title'), r['description'] ?? dig(meta, 'description'));
    }),
  );
}
