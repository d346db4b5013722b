// Sougou through Tencent Cloud (tms SearchPro, version 2020-12-29): a POST signed with TC3-HMAC-SHA256
// from SOUGOU_API_SID / SOUGOU_API_SK. Pages come back as JSON strings; sorted by `scour`, highest first.
import { createHash, createHmac } from 'node:crypto';
import { UpstreamError } from '../upstream.ts';
import { engineJson } from './engine-http.ts';
import { dig, engineLabel, hit, hits, sortBy, type EngineRequest, type SearchResult } from './types.ts';

export const SOUGOU_ENDPOINT = 'https://tms.tencentcloudapi.com/';
const SERVICE = 'tms';
const ACTION = 'SearchPro';
const VERSION = '2020-12-29';
const CONTENT_TYPE = 'application/json';

export interface SougouOptions {
  secretId: string;
  secretKey: string;
  /** Seconds since the epoch (tests); now by default. */
  timestamp?: number;
}

const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string): Buffer => createHmac('sha256', key).update(s).digest();

/** The TC3-HMAC-SHA256 Authorization header for a POST of `payload` to `host` (path `/`, no query). */
export function tc3Authorization(o: { secretId: string; secretKey: string; service: string; host: string; payload: string; timestamp: number; contentType: string }): string {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = ['POST', '/', '', `content-type:${o.contentType}\nhost:${o.host}\n`, signedHeaders, sha256Hex(o.payload)].join('\n');
  const scope = `${date}/${o.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${o.secretKey}`, date), o.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

export async function searchSougou(req: EngineRequest, o: SougouOptions): Promise<SearchResult[]> {
  const url = new URL(req.endpoint ?? SOUGOU_ENDPOINT);
  const payload = JSON.stringify({ Query: req.query, Cnt: 20 });
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const headers = {
    'Content-Type': CONTENT_TYPE,
    'X-TC-Action': ACTION,
    'X-TC-Version': VERSION,
    'X-TC-Timestamp': String(timestamp),
    Authorization: tc3Authorization({ secretId: o.secretId, secretKey: o.secretKey, service: SERVICE, host: url.host, payload, timestamp, contentType: CONTENT_TYPE }),
  };
  // The signature covers these exact bytes.
  const body = await engineJson('sougou', req, url, { method: 'POST', headers, body: payload });
  const error = dig(body, 'Response', 'Error');
  if (error !== undefined) {
    throw new UpstreamError(`${engineLabel('sougou')}: ${String(dig(error, 'Code') ?? 'error')}: ${String(dig(error, 'Message') ?? '')}`);
  }
  const pages = dig(body, 'Response', 'Pages');
  const parsed: Record<string, unknown>[] = [];
  for (const page of Array.isArray(pages) ? pages : []) {
    try {
      const value = typeof page === 'string' ? (JSON.parse(page) as unknown) : page;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) parsed.push(value as Record<string, unknown>);
    } catch {
      // a page that is not JSON is skipped
    }
  }
  return hits(sortBy(parsed, 'scour', 'desc').map((r) => hit(r['url'], r['title'], r['passage'])));
}
