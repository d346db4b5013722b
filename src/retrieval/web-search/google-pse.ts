// Google Programmable Search Engine: GET customsearch/v1?cx&q&key&num&start, 10 results a page,
// pages fetched until `count` results or an empty page (the API stops at 100).
import { engineJson, withParams } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const GOOGLE_PSE_ENDPOINT = 'https://www.googleapis.com/customsearch/v1';

export interface GooglePseOptions {
  apiKey: string;
  engineId: string;
  /** WEBUI_URL, sent as Referer (keys restricted to a site need it). */
  referer?: string;
}

export async function searchGooglePse(req: EngineRequest, o: GooglePseOptions): Promise<SearchResult[]> {
  const headers: Record<string, string> = o.referer ? { Referer: o.referer } : {};
  const all: Record<string, unknown>[] = [];
  let remaining = req.count;
  let start = 1;
  while (remaining > 0 && start <= 91) {
    const num = Math.min(remaining, 10);
    const url = withParams(req.endpoint ?? GOOGLE_PSE_ENDPOINT, { cx: o.engineId, q: req.query, key: o.apiKey, num, start });
    const items = records(dig(await engineJson('google_pse', req, url, { headers }), 'items'));
    if (items.length === 0) break;
    all.push(...items);
    remaining -= items.length;
    start += 10;
  }
  return hits(all.map((r) => hit(r['link'], r['title'], r['snippet'])));
}
