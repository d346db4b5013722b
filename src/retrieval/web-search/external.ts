// External: POST EXTERNAL_WEB_SEARCH_URL {query, count} with a Bearer key, the user's
// X-OpenWebUI-User-* headers and X-OpenWebUI-Chat-Id → [{link, title, snippet}].
import { userInfoHeaders } from '../../providers/user-headers.ts';
import { engineJson } from './engine-http.ts';
import { hit, hits, RAG_BOT_USER_AGENT, records, type EngineRequest, type SearchResult } from './types.ts';

export async function searchExternal(req: EngineRequest, o: { url: string; apiKey: string }): Promise<SearchResult[]> {
  const headers: Record<string, string> = {
    'User-Agent': RAG_BOT_USER_AGENT,
    Authorization: `Bearer ${o.apiKey}`,
    ...(req.user ? userInfoHeaders({ forwardUserInfoHeaders: true }, req.user) : {}),
    ...(req.chatId ? { 'X-OpenWebUI-Chat-Id': req.chatId } : {}),
  };
  const body = await engineJson('external', req, o.url, { headers, json: { query: req.query, count: req.count } });
  return hits(records(body).map((r) => hit(r['link'], r['title'], r['snippet'])));
}
