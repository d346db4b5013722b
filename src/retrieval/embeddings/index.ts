// The embedder RAG_EMBEDDING_ENGINE names, built from the current configuration: `ollama`, `openai`
// or `azure_openai`; none for '' (Open WebUI's local SentenceTransformers, which this server does not
// run: retrieval is then full-text search alone).
import type { RetrievalSettings } from '../../config/retrieval-settings.ts';
import type { ConfigReader, Fetcher } from '../upstream.ts';
import { AzureOpenAIEmbedder } from './azure-openai.ts';
import type { Embedder } from './embedder.ts';
import type { HttpEmbedderOptions } from './http-embedder.ts';
import { OllamaEmbedder } from './ollama.ts';
import { OpenAIEmbedder } from './openai.ts';

export type { Embedder, EmbeddingPurpose } from './embedder.ts';
export { HttpEmbedder, DEFAULT_EMBEDDING_CONCURRENCY, DEFAULT_EMBEDDING_TIMEOUT_MS, type HttpEmbedderOptions } from './http-embedder.ts';
export { OllamaEmbedder, ollamaEmbedder } from './ollama.ts';
export { OpenAIEmbedder, openAIEmbedder } from './openai.ts';
export { AzureOpenAIEmbedder, azureOpenAIEmbedder, type AzureOpenAIEmbedderOptions } from './azure-openai.ts';

export const EMBEDDING_ENGINES = ['ollama', 'openai', 'azure_openai'] as const;

export type EmbeddingPrefixSettings = Pick<RetrievalSettings, 'queryPrefix' | 'contentPrefix' | 'prefixFieldName'>;

export interface EmbedderExtras {
  fetch?: Fetcher;
  timeoutMs?: number;
  concurrency?: number;
  /** ENABLE_FORWARD_USER_INFO_HEADERS (Settings.forwardUserInfoHeaders). */
  forwardUserInfoHeaders?: boolean;
}

/**
 * The configured embedder, or null when RAG_EMBEDDING_ENGINE is '' (no local model here).
 * Throws `Unknown embedding engine: <name>` for any other name.
 */
export function embedderFromConfig(config: ConfigReader, settings: EmbeddingPrefixSettings, extras: EmbedderExtras = {}): Embedder | null {
  const engine = config.get('RAG_EMBEDDING_ENGINE');
  if (engine === '') return null;
  const base = (url: string, key: string): HttpEmbedderOptions => ({
    model: config.get('RAG_EMBEDDING_MODEL'),
    url,
    key,
    batchSize: config.get('RAG_EMBEDDING_BATCH_SIZE'),
    parallel: config.get('ENABLE_ASYNC_EMBEDDING'),
    queryPrefix: settings.queryPrefix,
    contentPrefix: settings.contentPrefix,
    prefixFieldName: settings.prefixFieldName,
    ...extras,
  });
  switch (engine) {
    case 'ollama':
      return new OllamaEmbedder(base(config.get('RAG_OLLAMA_BASE_URL'), config.get('RAG_OLLAMA_API_KEY')));
    case 'openai':
      return new OpenAIEmbedder(base(config.get('RAG_OPENAI_API_BASE_URL'), config.get('RAG_OPENAI_API_KEY')));
    case 'azure_openai':
      return new AzureOpenAIEmbedder({
        ...base(config.get('RAG_AZURE_OPENAI_BASE_URL'), config.get('RAG_AZURE_OPENAI_API_KEY')),
        apiVersion: config.get('RAG_AZURE_OPENAI_API_VERSION'),
      });
    default:
      throw new Error(`Unknown embedding engine: ${engine}`);
  }
}
