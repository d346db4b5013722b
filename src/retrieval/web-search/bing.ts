// Bing Web Search v7: GET BING_SEARCH_V7_ENDPOINT?q&mkt&count with Ocp-Apim-Subscription-Key.
import { engineJson, withParams } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export interface BingOptions {
  subscriptionKey: string;
  endpoint: string;
  /** DEFAULT_LOCALE as the market (`mkt`); none sent when empty. */
  locale: string;
}

export async function searchBing(req: EngineRequest, o: BingOptions): Promise<SearchResult[]> {
  const url = withParams(o.endpoint, { q: req.query, mkt: o.locale || undefined, count: req.count });
  const body = await engineJson('bing', req, url, { headers: { 'Ocp-Apim-Subscription-Key': o.subscriptionKey } });
  return hits(records(dig(body, 'webPages', 'value')).map((r) => hit(r['url'], r['name'], r['snippet'])));
}
