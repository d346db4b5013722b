// Outbound requests to admin-supplied tool-server / OAuth URLs: http(s) only, a short timeout,
// redirects never followed (a 3xx comes back as is), and the body read up to a size cap.
const TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RemoteReply {
  status: number;
  contentType: string;
  sessionId: string | null;
  text: string;
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw new Error('response too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Throws on a non-http(s) URL, a network failure, the timeout or an oversized body. */
export async function remoteRequest(url: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<RemoteReply> {
  if (!isHttpUrl(url)) throw new Error(`not an http(s) URL: ${url}`);
  const response = await fetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    sessionId: response.headers.get('mcp-session-id'),
    text: await readCapped(response),
  };
}

export const remoteGet = (url: string, headers: Record<string, string> = {}): Promise<RemoteReply> => remoteRequest(url, 'GET', headers);

/** Parses JSON, or returns undefined. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
