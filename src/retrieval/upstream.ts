// JSON over HTTP to the services retrieval talks to (embedding engines, rerankers, web search
// engines). Their URLs come from the admin's configuration, not from users, so this is plain fetch;
// what it adds is a time limit on every request and errors that say which engine failed and how.
import type { PersistentConfig } from '../config/persistent.ts';

/** The part of the app's PersistentConfig these clients read (tests pass a plain object). */
export type ConfigReader = Pick<PersistentConfig, 'get'>;

/** `fetch` or a stand-in with the same shape. */
export type Fetcher = (input: string | URL, init?: RequestInit) => Promise<Response>;

export class UpstreamError extends Error {
  constructor(
    message: string,
    /** The HTTP status the engine answered with, when it answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export interface JsonRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON (with `Content-Type: application/json`) when given. */
  json?: unknown;
  /** A body already serialised (sent as is; give its Content-Type in `headers`). */
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: Fetcher;
}

const EXCERPT_CHARS = 300;

/** The start of a response body on one line, for error messages. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function failure(label: string, err: unknown, timeoutMs: number): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const e = err as { name?: string; message?: string; cause?: { message?: string; code?: string } };
  if (e?.name === 'TimeoutError') return new UpstreamError(`${label}: timed out after ${seconds(timeoutMs)}`);
  if (e?.name === 'AbortError') return new UpstreamError(`${label}: request aborted`);
  const cause = e?.cause?.message || e?.cause?.code;
  return new UpstreamError(`${label}: ${cause ? `${e?.message ?? 'request failed'} (${cause})` : (e?.message ?? String(err))}`);
}

/**
 * Send one request and read the whole response within `timeoutMs`. Returns the response once its
 * status is 2xx; otherwise throws `<label>: HTTP <status>: <body excerpt>`.
 */
export async function request(label: string, url: string | URL, req: JsonRequest): Promise<{ response: Response; text: string }> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  const headers: Record<string, string> = { ...req.headers };
  let body = req.body;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  const doFetch = req.fetch ?? fetch;
  try {
    const response = await doFetch(url, { method: req.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal });
    const text = await response.text();
    if (!response.ok) {
      const detail = excerpt(text);
      throw new UpstreamError(`${label}: HTTP ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
    }
    return { response, text };
  } catch (err) {
    throw failure(label, err, req.timeoutMs);
  }
}

/** `request`, then the body parsed as JSON (a body that is not JSON is an error naming the engine). */
export async function requestJson(label: string, url: string | URL, req: JsonRequest): Promise<unknown> {
  const { text } = await request(label, url, req);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UpstreamError(`${label}: the response is not JSON: ${excerpt(text, 200)}`);
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `v` if it is a string, else undefined. */
export const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A base URL without its trailing slashes, so `${base}/path` never doubles one. */
export const trimSlash = (url: string): string => url.replace(/\/+$/, '');
