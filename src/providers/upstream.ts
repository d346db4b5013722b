// HTTP to model servers (Ollama, OpenAI-compatible): one undici keep-alive pool per origin, every
// call bounded in time. Streams are handed over as they arrive; nothing here buffers a body.
import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';

export interface UpstreamRequest {
  method?: Dispatcher.HttpMethod;
  headers?: Record<string, string>;
  /** JSON-encoded when not a string, Buffer or stream. */
  body?: unknown;
  /** Connect, headers and idle-body timeout (while a streamed body uploads, undici restarts the headers timer as the node takes it). */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export type UpstreamResponse = Dispatcher.ResponseData;

/** A failure to reach the upstream at all (refused, reset, timed out): no HTTP status came back. */
export class UpstreamUnreachable extends Error {}

/** The request was abandoned because the client disconnected. */
export class ClientGone extends Error {
  constructor() {
    super('the client disconnected');
  }
}

export class Upstream {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: null, pipelining: 1 });

  /** Sends a request; the caller reads (or dumps) the body. Throws UpstreamUnreachable on transport failures. */
  async send(url: string, options: UpstreamRequest): Promise<UpstreamResponse> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | Buffer | Readable | undefined;
    if (options.body !== undefined) {
      const raw = typeof options.body === 'string' || Buffer.isBuffer(options.body) || options.body instanceof Readable;
      body = raw ? (options.body as string | Buffer | Readable) : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    try {
      return await request(url, {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body,
        dispatcher: this.agent,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        signal: options.signal,
      });
    } catch (error) {
      // The client went away: not the node's fault, so no failover and no cool-down.
      if (options.signal?.aborted) throw new ClientGone();
      throw new UpstreamUnreachable(error instanceof Error ? error.message : String(error));
    }
  }

  /** GET/POST returning parsed JSON of a 2xx answer; throws UpstreamHttpError otherwise. */
  async json<T = unknown>(url: string, options: UpstreamRequest): Promise<T> {
    const response = await this.send(url, options);
    const text = await response.body.text();
    if (response.statusCode >= 400) throw new UpstreamHttpError(response.statusCode, parseOrText(text));
    return parseOrText(text) as T;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** An upstream answered with an error status; `body` is its parsed JSON (or text). */
export class UpstreamHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP Error: ${status}`);
  }

  /** The `error` text upstreams put in their bodies (Ollama `{error}`, OpenAI `{error: {message}}`). */
  get upstreamMessage(): string | undefined {
    const body = this.body as { error?: unknown; detail?: unknown } | null;
    if (!body || typeof body !== 'object') return typeof this.body === 'string' && this.body ? this.body : undefined;
    const error = body.error ?? body.detail;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
    return undefined;
  }
}

export function parseOrText(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Joins a base URL and a path without doubling the slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
