// Serply: GET v1/search/<url-encoded parameters> (in the path, as its API wants) with X-API-KEY;
// results by realPosition.
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, sortBy, type EngineRequest, type SearchResult } from './types.ts';

export const SERPLY_ENDPOINT = 'https://api.serply.io/v1/search/';

export interface SerplyOptions {
  apiKey: string;
  hl?: string;
  limit?: number;
  deviceType?: string;
  proxyLocation?: string;
}

export async function searchSerply(req: EngineRequest, o: SerplyOptions): Promise<SearchResult[]> {
  const proxyLocation = o.proxyLocation ?? 'US';
  const params = new URLSearchParams({ q: req.query, language: 'en', num: String(o.limit ?? 10), gl: proxyLocation.toUpperCase(), hl: (o.hl ?? 'us').toLowerCase() });
  const body = await engineJson('serply', req, `${req.endpoint ?? SERPLY_ENDPOINT}${params.toString()}`, {
    headers: { 'X-API-KEY': o.apiKey, 'X-User-Agent': o.deviceType ?? 'desktop', 'User-Agent': 'open-webui', 'X-Proxy-Location': proxyLocation },
  });
  return hits(sortBy(records(dig(body, 'results')), 'realPosition', 'asc').map((r) => hit(r['link'], r['title'], r['description'])));
}
