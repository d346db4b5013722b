// What the three HTTP embedding engines share: prefixes, newline folding, batching (sequential or a
// bounded number of batches at once), results kept in input order, and checking what came back.
import { userInfoHeaders, type ForwardedUser } from '../../providers/user-headers.ts';
import { UpstreamError, type Fetcher } from '../upstream.ts';
import type { Embedder, EmbeddingPurpose } from './embedder.ts';
import { mapLimit } from '../../lib/concurrency.ts';

export const DEFAULT_EMBEDDING_TIMEOUT_MS = 60_000;
export const DEFAULT_EMBEDDING_CONCURRENCY = 8;

export interface HttpEmbedderOptions {
  model: string;
  /** The engine's base URL (RAG_OLLAMA_BASE_URL, RAG_OPENAI_API_BASE_URL, RAG_AZURE_OPENAI_BASE_URL). */
  url: string;
  /** API key; none sent when empty. */
  key: string;
  /** RAG_EMBEDDING_BATCH_SIZE: texts per request (at least 1). */
  batchSize: number;
  /** ENABLE_ASYNC_EMBEDDING: batches sent at the same time (up to `concurrency`) instead of one by one. */
  parallel: boolean;
  concurrency?: number;
  /** RAG_EMBEDDING_QUERY_PREFIX / RAG_EMBEDDING_CONTENT_PREFIX. */
  queryPrefix?: string | undefined;
  contentPrefix?: string | undefined;
  /** RAG_EMBEDDING_PREFIX_FIELD_NAME: the prefix goes into this body field instead of before each text. */
  prefixFieldName?: string | undefined;
  /** Per request. */
  timeoutMs?: number;
  fetch?: Fetcher;
  /** ENABLE_FORWARD_USER_INFO_HEADERS: X-OpenWebUI-User-* headers when embed() is given a user. */
  forwardUserInfoHeaders?: boolean;
}

/** One request's worth of texts, ready to send. */
export interface EmbeddingBatch {
  input: string[];
  /** `{[prefixFieldName]: prefix}` or `{}`; merged into the request body. */
  extraBody: Record<string, string>;
  headers: Record<string, string>;
  timeoutMs: number;
  fetch: Fetcher;
}

/** A list of vectors: every item an array of finite numbers. */
export function checkVectors(label: string, value: unknown, expected: number): number[][] {
  if (!Array.isArray(value)) throw new UpstreamError(`${label}: the response has no embeddings`);
  if (value.length !== expected) throw new UpstreamError(`${label}: expected ${expected} embeddings, got ${value.length}`);
  for (const v of value) {
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new UpstreamError(`${label}: an embedding in the response is not a list of numbers`);
    }
  }
  return value as number[][];
}

export abstract class HttpEmbedder implements Embedder {
  abstract readonly engine: string;
  readonly model: string;
  protected readonly options: HttpEmbedderOptions;

  constructor(options: HttpEmbedderOptions) {
    this.options = options;
    this.model = options.model;
  }

  /** `Embedding engine <name>`: how errors start. */
  protected get label(): string {
    return `Embedding engine ${this.engine}`;
  }

  /** Send one batch; return exactly one vector per input text, in order. */
  protected abstract embedBatch(batch: EmbeddingBatch): Promise<number[][]>;

  /** Headers every request carries (auth); user info headers are added by embed(). */
  protected abstract authHeaders(): Record<string, string>;

  async embed(texts: readonly string[], purpose: EmbeddingPurpose, user?: ForwardedUser): Promise<number[][]> {
    if (texts.length === 0) return [];
    const o = this.options;
    const prefix = purpose === 'query' ? o.queryPrefix : o.contentPrefix;
    // Stored chunks are embedded with their newlines folded to spaces (queries are sent as typed).
    let input = purpose === 'content' ? texts.map((t) => t.replaceAll('\n', ' ')) : [...texts];
    const extraBody: Record<string, string> = {};
    if (prefix !== undefined) {
      if (o.prefixFieldName) extraBody[o.prefixFieldName] = prefix;
      else input = input.map((t) => `${prefix}${t}`);
    }
    const headers = { ...this.authHeaders(), ...(user ? userInfoHeaders({ forwardUserInfoHeaders: o.forwardUserInfoHeaders ?? false }, user) : {}) };
    const size = Math.max(1, Math.floor(o.batchSize) || 1);
    const batches: string[][] = [];
    for (let i = 0; i < input.length; i += size) batches.push(input.slice(i, i + size));
    const send = (batch: string[]): Promise<number[][]> =>
      this.embedBatch({ input: batch, extraBody, headers, timeoutMs: o.timeoutMs ?? DEFAULT_EMBEDDING_TIMEOUT_MS, fetch: o.fetch ?? fetch });
    const limit = o.parallel ? (o.concurrency ?? DEFAULT_EMBEDDING_CONCURRENCY) : 1;
    const results = await mapLimit(batches, limit, send);
    return results.flat();
  }
}
