// The reranker RAG_RERANKING_ENGINE names. Only `external` exists here: '' is Open WebUI's local
// CrossEncoder / ColBERT model, which this server does not run (hybrid search then ranks by the
// cosine similarity of query and chunk embeddings, as upstream does without a reranker).
import type { ConfigReader, Fetcher } from '../upstream.ts';
import { ExternalReranker, rerankerTimeoutMs, type Reranker } from './external.ts';

export { ExternalReranker, rerankerTimeoutMs, scoresFromResponse, DEFAULT_RERANKER_TIMEOUT_MS, type ExternalRerankerOptions, type Reranker } from './external.ts';

export interface RerankerExtras {
  fetch?: Fetcher;
  forwardUserInfoHeaders?: boolean;
}

/** The configured reranker, or null unless the engine is `external` with a URL. */
export function rerankerFromConfig(config: ConfigReader, extras: RerankerExtras = {}): Reranker | null {
  if (config.get('RAG_RERANKING_ENGINE') !== 'external') return null;
  const url = config.get('RAG_EXTERNAL_RERANKER_URL').trim();
  if (url === '') return null;
  return new ExternalReranker({
    url,
    apiKey: config.get('RAG_EXTERNAL_RERANKER_API_KEY'),
    model: config.get('RAG_RERANKING_MODEL'),
    timeoutMs: rerankerTimeoutMs(config.get('RAG_EXTERNAL_RERANKER_TIMEOUT')),
    ...extras,
  });
}
