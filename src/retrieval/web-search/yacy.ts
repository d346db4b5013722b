// YaCy: GET {YACY_QUERY_URL}/yacysearch.json?query=…, with HTTP Digest auth when a username or
// password is set; results sorted by ranking, highest first.
import { createHash, randomBytes } from 'node:crypto';
import { engineJson, withParams } from './engine-http.ts';
import { dig, hit, hits, RAG_BOT_USER_AGENT, records, sortBy, type EngineRequest, type SearchResult } from './types.ts';

export interface YacyOptions {
  queryUrl: string;
  username: string;
  password: string;
}

/** The parameters of a `WWW-Authenticate: Digest …` challenge, or undefined for another scheme. */
export function parseDigestChallenge(header: string | null): Record<string, string> | undefined {
  if (!header || !/^\s*digest\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  const re = /([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/gi;
  for (const m of header.replace(/^\s*digest\s+/i, '').matchAll(re)) {
    params[(m[1] as string).toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return params;
}

/** The Authorization header answering a Digest challenge (RFC 7616; MD5, MD5-sess, SHA-256; qop auth). */
export function digestAuthorization(challenge: Record<string, string>, method: string, uri: string, username: string, password: string, cnonce = randomBytes(8).toString('hex')): string {
  const algorithm = challenge['algorithm'] ?? 'MD5';
  const hashName = algorithm.toUpperCase().startsWith('SHA-256') ? 'sha256' : 'md5';
  const h = (s: string): string => createHash(hashName).update(s).digest('hex');
  const realm = challenge['realm'] ?? '';
  const nonce = challenge['nonce'] ?? '';
  const qop = (challenge['qop'] ?? '').split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined;
  const nc = '00000001';
  let ha1 = h(`${username}:${realm}:${password}`);
  if (algorithm.toLowerCase().endsWith('-sess')) ha1 = h(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = h(`${method}:${uri}`);
  const response = qop ? h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`);
  const parts = [`username="${username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, `algorithm=${algorithm}`, `response="${response}"`];
  if (challenge['opaque'] !== undefined) parts.push(`opaque="${challenge['opaque']}"`);
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(', ')}`;
}

export async function searchYacy(req: EngineRequest, o: YacyOptions): Promise<SearchResult[]> {
  const base = new URL(o.queryUrl);
  if (!base.pathname.endsWith('yacysearch.json')) base.pathname = `${base.pathname.replace(/\/+$/, '')}/yacysearch.json`;
  const url = withParams(base.toString(), { query: req.query, contentdom: 'text', resource: 'global', maximumRecords: req.count, nav: 'none' });
  const headers: Record<string, string> = { 'User-Agent': RAG_BOT_USER_AGENT, Accept: 'application/json' };
  if (o.username || o.password) {
    // Ask once without credentials for the server's challenge, then answer it.
    const probe = await req.fetch(url, { headers, signal: AbortSignal.timeout(req.timeoutMs) }).catch(() => undefined);
    await probe?.body?.cancel().catch(() => undefined);
    const challenge = probe?.status === 401 ? parseDigestChallenge(probe.headers.get('www-authenticate')) : undefined;
    if (challenge) headers['Authorization'] = digestAuthorization(challenge, 'GET', `${url.pathname}${url.search}`, o.username, o.password);
  }
  const body = await engineJson('yacy', req, url, { headers });
  const channel = records(dig(body, 'channels'))[0];
  return hits(sortBy(records(channel?.['items']), 'ranking', 'desc').map((r) => hit(r['link'], r['title'], r['description'])));
}
