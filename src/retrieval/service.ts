// The retrieval parts a request handler uses, built once per app (services.retrieval).
import type { Embedder } from './embeddings/embedder.ts';
import type { Extractor } from './loaders/index.ts';
import type { VectorStore } from './vector/store.ts';
import type { SafeFetcher } from '../net/safe-fetch.ts';

export interface Retrieval {
  /** Chunks of every collection: sqlite-vec + FTS5, or pgvector + PostgreSQL full text. */
  readonly store: VectorStore;
  /** Text extraction and splitting, in worker threads. */
  readonly extractor: Extractor;
  /** Fetches URLs users name (web pages, search results) without reaching private addresses. */
  readonly fetcher: SafeFetcher;
  /** The embedder the current configuration names; null when none is (full-text search only). */
  embedder(): Embedder | null;
}
