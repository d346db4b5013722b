// Text → vectors through the configured engine (RAG_EMBEDDING_ENGINE). An empty engine (Open WebUI's
// local SentenceTransformers) has no embedder here: retrieval then runs on full-text search alone.

/** What the text is for: the query and content prefixes (RAG_EMBEDDING_QUERY/CONTENT_PREFIX) differ. */
export type EmbeddingPurpose = 'query' | 'content';

export interface Embedder {
  /** Stored with every chunk as metadata.embedding_config. */
  readonly engine: string;
  readonly model: string;
  /** One vector per text, in order. Throws on an engine error (the message says which). */
  embed(texts: readonly string[], purpose: EmbeddingPurpose): Promise<number[][]>;
}
