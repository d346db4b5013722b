// Where chunks live: one interface for the embedded store (SQLite: FTS5 + sqlite-vec) and the one
// at scale (PostgreSQL: full-text + pgvector). A collection is Open WebUI's name (`file-{id}`, a
// knowledge id, `user-memory-{id}`, …); a chunk may have no vector (no embedding engine configured),
// and is then found by full text only.

export type ChunkMetadata = Record<string, unknown>;

export interface ChunkRecord {
  /** uuid4 for document chunks; the memory id for memories. */
  id: string;
  text: string;
  /** Absent when no embedding engine is configured. */
  vector?: number[] | undefined;
  metadata: ChunkMetadata;
}

export interface ScoredChunk extends ChunkRecord {
  /** Higher is better: cosine similarity (2−d)/2-style in [0, 1] for vectors, BM25 relevance for text. */
  score: number;
}

/** Matches chunks whose metadata has every one of these values (e.g. {file_id}, {hash}). */
export type MetadataFilter = Record<string, string>;

export interface VectorStore {
  /** Adds chunks (creating the collection on first write); an existing id is replaced. */
  upsert(collection: string, chunks: readonly ChunkRecord[]): Promise<void>;
  hasCollection(collection: string): Promise<boolean>;
  /** Every chunk of a collection in insertion order (full-context mode, hybrid search, copies). */
  get(collection: string, filter?: MetadataFilter): Promise<ChunkRecord[]>;
  /** Whether any chunk of the collection matches (the DUPLICATE_CONTENT hash check). */
  exists(collection: string, filter: MetadataFilter): Promise<boolean>;
  /** The k nearest chunks by cosine similarity, best first; chunks without vectors are skipped. */
  searchVector(collection: string, vector: readonly number[], k: number): Promise<ScoredChunk[]>;
  /** The k best chunks by full-text relevance (BM25 on SQLite), best first. */
  searchText(collection: string, query: string, k: number): Promise<ScoredChunk[]>;
  /** Removes chunks by id and/or metadata; removing nothing is not an error. */
  delete(collection: string, selector: { ids?: readonly string[]; filter?: MetadataFilter }): Promise<void>;
  deleteCollection(collection: string): Promise<void>;
  /** Drops every collection. */
  reset(): Promise<void>;
  close(): Promise<void>;
}
