// RAG_RERANKING_ENGINE=external: POST RAG_EXTERNAL_RERANKER_URL {model, query, documents, top_n}
// with a Bearer key; the answer `results: [{index, relevance_score}]` (Cohere / Jina / vLLM shape)
// becomes one score per document, in document order. A document the answer leaves out scores 0.
import { userInfoHeaders, type ForwardedUser } from '../../providers/user-headers.ts';
import { isRecord, requestJson, UpstreamError, type Fetcher } from '../upstream.ts';

export interface Reranker {
  /** One relevance score per document, aligned with `documents` (higher is more relevant). */
  rerank(query: string, documents: readonly string[]): Promise<number[]>;
}

export const DEFAULT_RERANKER_TIMEOUT_MS = 60_000;

export interface ExternalRerankerOptions {
  url: string;
  apiKey: string;
  model: string;
  timeoutMs?: number;
  fetch?: Fetcher;
  /** ENABLE_FORWARD_USER_INFO_HEADERS: X-OpenWebUI-User-* headers when rerank() is given a user. */
  forwardUserInfoHeaders?: boolean;
}

const LABEL = 'Reranker external';

/** RAG_EXTERNAL_RERANKER_TIMEOUT: seconds as a string; '' or nonsense → the default. */
export function rerankerTimeoutMs(value: string): number {
  const s = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(s) && s > 0 ? Math.round(s * 1000) : DEFAULT_RERANKER_TIMEOUT_MS;
}

/** Scores by document index from either `{results: [{index, relevance_score}]}` or a bare `[{index, score}]` (TEI). */
export function scoresFromResponse(body: unknown, count: number): number[] {
  const list = isRecord(body) ? body['results'] : Array.isArray(body) ? body : undefined;
  if (!Array.isArray(list)) throw new UpstreamError(`${LABEL}: the response has no results`);
  const scores = new Array<number>(count).fill(0);
  for (const item of list) {
    if (!isRecord(item)) continue;
    const index = item['index'];
    const score = item['relevance_score'] ?? item['score'];
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < count && typeof score === 'number' && Number.isFinite(score)) {
      scores[index] = score;
    }
  }
  return scores;
}

export class ExternalReranker implements Reranker {
  readonly engine = 'external';
  readonly model: string;

  constructor(private readonly options: ExternalRerankerOptions) {
    this.model = options.model;
  }

  async rerank(query: string, documents: readonly string[], user?: ForwardedUser): Promise<number[]> {
    if (documents.length === 0) return [];
    const o = this.options;
    const headers: Record<string, string> = {
      ...(o.apiKey ? { Authorization: `Bearer ${o.apiKey}` } : {}),
      ...(user ? userInfoHeaders({ forwardUserInfoHeaders: o.forwardUserInfoHeaders ?? false }, user) : {}),
    };
    const body = await requestJson(LABEL, o.url, {
      headers,
      json: { model: o.model, query, documents, top_n: documents.length },
      timeoutMs: o.timeoutMs ?? DEFAULT_RERANKER_TIMEOUT_MS,
      ...(o.fetch ? { fetch: o.fetch } : {}),
    });
    return scoresFromResponse(body, documents.length);
  }
}
