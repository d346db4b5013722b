// Finding the chunks for a question (Open WebUI's query_collection / query_collection_with_hybrid_search):
// - vector search when an embedding engine is configured, full-text (BM25) search otherwise;
// - hybrid: full text and vectors fused by weighted reciprocal rank (RAG_HYBRID_BM25_WEIGHT), then
//   scored by the reranker (or by cosine similarity to the query), threshold r, best k_reranker;
// - results of every collection and query merged, the same text kept once with its best score.
// A failed hybrid search falls back to the plain one (upstream meant to and did not).
import type { PersistentConfig } from '../config/persistent.ts';
import type { Embedder } from './embeddings/embedder.ts';
import { rerankerFromConfig } from './rerank/index.ts';
import type { Retrieval } from './service.ts';
import { sha256Hex } from './text.ts';
import type { ChunkMetadata, ScoredChunk } from './vector/store.ts';

export interface QueryOptions {
  k: number;
  kReranker: number;
  /** Relevance threshold (hybrid only, as upstream). */
  r: number;
  hybrid: boolean;
  bm25Weight: number;
  /** The reranker sees text + file name + headings (ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS). */
  enrichedTexts: boolean;
}

/** Open WebUI's merged SearchResult: one inner list, best first. */
export interface QueryResult {
  distances: number[][];
  documents: string[][];
  metadatas: ChunkMetadata[][];
}

export function queryOptionsFromConfig(config: PersistentConfig, overrides: Partial<QueryOptions> = {}): QueryOptions {
  return {
    k: config.get('TOP_K'),
    kReranker: config.get('TOP_K_RERANKER'),
    r: config.get('RELEVANCE_THRESHOLD'),
    hybrid: config.get('ENABLE_RAG_HYBRID_SEARCH'),
    bm25Weight: config.get('HYBRID_BM25_WEIGHT'),
    enrichedTexts: config.get('ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS'),
    ...overrides,
  };
}

// LangChain's EnsembleRetriever constant for reciprocal rank fusion.
const RRF_C = 60;

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The text the reranker sees in enriched mode: the chunk plus its file name (twice, separators as spaces), title, headings and source. */
function enriched(chunk: ScoredChunk): string {
  const m = chunk.metadata;
  const name = typeof m['name'] === 'string' ? m['name'] : '';
  const parts = [chunk.text, name, name.replace(/[_\-.]/g, ' ')];
  for (const key of ['title', 'source']) if (typeof m[key] === 'string') parts.push(m[key] as string);
  if (Array.isArray(m['headings'])) parts.push((m['headings'] as unknown[]).join(' '));
  return parts.join(' ');
}

export class ChunkSearch {
  constructor(
    private readonly retrieval: Retrieval,
    private readonly config: PersistentConfig,
  ) {}

  /** The best k chunks of one collection for one query: vectors when there is an embedder, full text otherwise. */
  async plain(collection: string, query: string, k: number, queryVector?: number[]): Promise<ScoredChunk[]> {
    const embedder = this.retrieval.embedder();
    if (!embedder) return this.retrieval.store.searchText(collection, query, k);
    const vector = queryVector ?? (await embedder.embed([query], 'query'))[0];
    return this.retrieval.store.searchVector(collection, vector as number[], k);
  }

  async hybrid(collection: string, query: string, options: QueryOptions, queryVector?: number[]): Promise<ScoredChunk[]> {
    const { store } = this.retrieval;
    const embedder = this.retrieval.embedder();
    const weight = Math.min(1, Math.max(0, options.bm25Weight));
    const candidates = Math.max(options.k, options.kReranker);
    const textHits = weight > 0 ? await store.searchText(collection, query, candidates) : [];
    const vector = embedder && weight < 1 ? (queryVector ?? (await embedder.embed([query], 'query'))[0]) : undefined;
    const vectorHits = vector ? await store.searchVector(collection, vector, candidates) : [];
    const fused = new Map<string, { chunk: ScoredChunk; score: number }>();
    const fuse = (hits: ScoredChunk[], w: number) =>
      hits.forEach((chunk, rank) => {
        const entry = fused.get(chunk.id) ?? { chunk, score: 0 };
        entry.score += w / (rank + 1 + RRF_C);
        if (chunk.vector && !entry.chunk.vector) entry.chunk = { ...entry.chunk, vector: chunk.vector };
        fused.set(chunk.id, entry);
      });
    fuse(textHits, weight);
    fuse(vectorHits, 1 - weight);
    let ranked = [...fused.values()].sort((a, b) => b.score - a.score).map((e) => e.chunk);
    ranked = await this.rescore(query, ranked, vector, embedder, options.enrichedTexts);
    return ranked.filter((c) => options.r <= 0 || c.score >= options.r).slice(0, Math.min(options.kReranker, options.k));
  }

  /** Reranker scores, else cosine similarity to the query, else the fused order as it is. */
  private async rescore(query: string, chunks: ScoredChunk[], vector: number[] | undefined, embedder: Embedder | null, enrichedTexts: boolean): Promise<ScoredChunk[]> {
    if (chunks.length === 0) return chunks;
    const reranker = rerankerFromConfig(this.config);
    let scores: number[];
    if (reranker) scores = await reranker.rerank(query, chunks.map((c) => (enrichedTexts ? enriched(c) : c.text)));
    else if (vector && embedder) {
      const missing = chunks.filter((c) => !c.vector);
      const embedded = missing.length > 0 ? await embedder.embed(missing.map((c) => c.text.replace(/\n/g, ' ')), 'content') : [];
      const byId = new Map(missing.map((c, i) => [c.id, embedded[i] as number[]]));
      scores = chunks.map((c) => cosine(vector, c.vector ?? byId.get(c.id) ?? []));
    } else return chunks.map((c, i) => ({ ...c, score: 1 / (i + 1) }));
    return chunks.map((c, i) => ({ ...c, score: scores[i] ?? 0, metadata: { ...c.metadata, score: scores[i] ?? 0 } })).sort((a, b) => b.score - a.score);
  }

  /** Every collection for every query, merged (same text once, best score), best k overall. */
  async query(collections: readonly string[], queries: readonly string[], options: QueryOptions): Promise<QueryResult> {
    const embedder = this.retrieval.embedder();
    const vectors = embedder && queries.length > 0 ? await embedder.embed(queries, 'query') : [];
    const found: ScoredChunk[] = [];
    for (const collection of collections) {
      for (const [i, query] of queries.entries()) {
        const vector = vectors[i];
        if (options.hybrid) {
          try {
            found.push(...(await this.hybrid(collection, query, options, vector)));
            continue;
          } catch {
            // falls back to the plain search below
          }
        }
        found.push(...(await this.plain(collection, query, options.k, vector)));
      }
    }
    return merged(found, options.k);
  }
}

function merged(chunks: readonly ScoredChunk[], k: number): QueryResult {
  const best = new Map<string, ScoredChunk>();
  for (const chunk of chunks) {
    const key = sha256Hex(chunk.text);
    const seen = best.get(key);
    if (!seen || chunk.score > seen.score) best.set(key, chunk);
  }
  const top = [...best.values()].sort((a, b) => b.score - a.score).slice(0, k);
  return { distances: [top.map((c) => c.score)], documents: [top.map((c) => c.text)], metadatas: [top.map((c) => c.metadata)] };
}
