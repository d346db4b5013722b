// Request forms of the retrieval router's settings routes (Open WebUI's ConfigForm, WebConfig and
// EmbeddingModelUpdateForm). Every ConfigForm/WebConfig field is optional and may be null. Values are
// read the way pydantic's lax mode reads JSON: an integer or float may come as a numeric string (the
// admin UI sends some counts from plain text inputs), a boolean as 0/1 or "true"/"off"/... Unknown
// keys (the `status` the UI echoes back) are dropped. Keys are listed in the order the GET answers them.
import { z } from 'zod';

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const TRUTHY = ['true', '1', 'yes', 'on', 'y', 't'];
const FALSY = ['false', '0', 'no', 'off', 'n', 'f'];

/** An integer: a JSON number without a fraction or a string of digits. */
const laxInt = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess((v, ctx) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && INTEGER_TEXT.test(v)) return Number(v);
    ctx.addIssue({ code: 'invalid_type', expected: 'int', input: v });
    return z.NEVER;
  }, z.int().min(min).max(max));

/** A finite number, or a string that reads as one. */
const laxFloat = (min?: number, max?: number) => {
  let inner = z.number();
  if (min !== undefined) inner = inner.min(min);
  if (max !== undefined) inner = inner.max(max);
  return z.preprocess((v, ctx) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && NUMBER_TEXT.test(v)) return Number(v);
    ctx.addIssue({ code: 'invalid_type', expected: 'number', input: v });
    return z.NEVER;
  }, inner);
};

/** A boolean, 0/1, or one of pydantic's spellings of true and false. */
const laxBool = z.preprocess((v, ctx) => {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  if (typeof v === 'string') {
    const word = v.trim().toLowerCase();
    if (TRUTHY.includes(word)) return true;
    if (FALSY.includes(word)) return false;
  }
  ctx.addIssue({ code: 'invalid_type', expected: 'boolean', input: v });
  return z.NEVER;
}, z.boolean());

const text = (max: number) => z.string().max(max);
const URL_TEXT = text(4096);
const KEY_TEXT = text(16_384);
const NAME_TEXT = text(255);

/** A timeout kept as text. The admin UI sends MinerU's from a number input, so a number is taken too. */
const timeoutText = z.union([text(64), z.number().finite().transform((n) => String(n))]);

/** A JSON object (pydantic `dict`): arrays, strings and numbers are refused. */
const Dict = z.record(z.string(), z.unknown());

const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

export const WebConfig = z.object({
  ENABLE_WEB_SEARCH: optional(laxBool),
  WEB_SEARCH_ENGINE: optional(NAME_TEXT),
  WEB_SEARCH_TRUST_ENV: optional(laxBool),
  WEB_SEARCH_RESULT_COUNT: optional(laxInt(0, 1000)),
  WEB_SEARCH_CONCURRENT_REQUESTS: optional(laxInt(0, 10_000)),
  WEB_LOADER_CONCURRENT_REQUESTS: optional(laxInt(0, 10_000)),
  WEB_SEARCH_DOMAIN_FILTER_LIST: optional(z.array(text(1024)).max(10_000)),
  BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: optional(laxBool),
  BYPASS_WEB_SEARCH_WEB_LOADER: optional(laxBool),
  OLLAMA_CLOUD_WEB_SEARCH_API_KEY: optional(KEY_TEXT),
  SEARXNG_QUERY_URL: optional(URL_TEXT),
  SEARXNG_LANGUAGE: optional(NAME_TEXT),
  YACY_QUERY_URL: optional(URL_TEXT),
  YACY_USERNAME: optional(NAME_TEXT),
  YACY_PASSWORD: optional(KEY_TEXT),
  GOOGLE_PSE_API_KEY: optional(KEY_TEXT),
  GOOGLE_PSE_ENGINE_ID: optional(NAME_TEXT),
  BRAVE_SEARCH_API_KEY: optional(KEY_TEXT),
  KAGI_SEARCH_API_KEY: optional(KEY_TEXT),
  MOJEEK_SEARCH_API_KEY: optional(KEY_TEXT),
  BOCHA_SEARCH_API_KEY: optional(KEY_TEXT),
  SERPSTACK_API_KEY: optional(KEY_TEXT),
  SERPSTACK_HTTPS: optional(laxBool),
  SERPER_API_KEY: optional(KEY_TEXT),
  SERPLY_API_KEY: optional(KEY_TEXT),
  TAVILY_API_KEY: optional(KEY_TEXT),
  SEARCHAPI_API_KEY: optional(KEY_TEXT),
  SEARCHAPI_ENGINE: optional(NAME_TEXT),
  SERPAPI_API_KEY: optional(KEY_TEXT),
  SERPAPI_ENGINE: optional(NAME_TEXT),
  JINA_API_KEY: optional(KEY_TEXT),
  BING_SEARCH_V7_ENDPOINT: optional(URL_TEXT),
  BING_SEARCH_V7_SUBSCRIPTION_KEY: optional(KEY_TEXT),
  EXA_API_KEY: optional(KEY_TEXT),
  PERPLEXITY_API_KEY: optional(KEY_TEXT),
  PERPLEXITY_MODEL: optional(NAME_TEXT),
  PERPLEXITY_SEARCH_CONTEXT_USAGE: optional(NAME_TEXT),
  PERPLEXITY_SEARCH_API_URL: optional(URL_TEXT),
  SOUGOU_API_SID: optional(KEY_TEXT),
  SOUGOU_API_SK: optional(KEY_TEXT),
  WEB_LOADER_ENGINE: optional(NAME_TEXT),
  WEB_LOADER_TIMEOUT: optional(timeoutText),
  ENABLE_WEB_LOADER_SSL_VERIFICATION: optional(laxBool),
  PLAYWRIGHT_WS_URL: optional(URL_TEXT),
  PLAYWRIGHT_TIMEOUT: optional(laxInt(0)),
  FIRECRAWL_API_KEY: optional(KEY_TEXT),
  FIRECRAWL_API_BASE_URL: optional(URL_TEXT),
  TAVILY_EXTRACT_DEPTH: optional(NAME_TEXT),
  EXTERNAL_WEB_SEARCH_URL: optional(URL_TEXT),
  EXTERNAL_WEB_SEARCH_API_KEY: optional(KEY_TEXT),
  EXTERNAL_WEB_LOADER_URL: optional(URL_TEXT),
  EXTERNAL_WEB_LOADER_API_KEY: optional(KEY_TEXT),
  YOUTUBE_LOADER_LANGUAGE: optional(z.array(text(64)).max(1000)),
  YOUTUBE_LOADER_PROXY_URL: optional(URL_TEXT),
  YOUTUBE_LOADER_TRANSLATION: optional(text(64)),
});
export type WebConfig = z.infer<typeof WebConfig>;

export const ConfigForm = z.object({
  // RAG
  RAG_TEMPLATE: optional(text(1_000_000)),
  TOP_K: optional(laxInt(0, 100_000)),
  BYPASS_EMBEDDING_AND_RETRIEVAL: optional(laxBool),
  RAG_FULL_CONTEXT: optional(laxBool),
  // Hybrid search
  ENABLE_RAG_HYBRID_SEARCH: optional(laxBool),
  ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS: optional(laxBool),
  TOP_K_RERANKER: optional(laxInt(0, 100_000)),
  RELEVANCE_THRESHOLD: optional(laxFloat()),
  HYBRID_BM25_WEIGHT: optional(laxFloat()),
  // Content extraction
  CONTENT_EXTRACTION_ENGINE: optional(NAME_TEXT),
  PDF_EXTRACT_IMAGES: optional(laxBool),
  DATALAB_MARKER_API_KEY: optional(KEY_TEXT),
  DATALAB_MARKER_API_BASE_URL: optional(URL_TEXT),
  DATALAB_MARKER_ADDITIONAL_CONFIG: optional(text(1_000_000)),
  DATALAB_MARKER_SKIP_CACHE: optional(laxBool),
  DATALAB_MARKER_FORCE_OCR: optional(laxBool),
  DATALAB_MARKER_PAGINATE: optional(laxBool),
  DATALAB_MARKER_STRIP_EXISTING_OCR: optional(laxBool),
  DATALAB_MARKER_DISABLE_IMAGE_EXTRACTION: optional(laxBool),
  DATALAB_MARKER_FORMAT_LINES: optional(laxBool),
  DATALAB_MARKER_USE_LLM: optional(laxBool),
  DATALAB_MARKER_OUTPUT_FORMAT: optional(NAME_TEXT),
  EXTERNAL_DOCUMENT_LOADER_URL: optional(URL_TEXT),
  EXTERNAL_DOCUMENT_LOADER_API_KEY: optional(KEY_TEXT),
  TIKA_SERVER_URL: optional(URL_TEXT),
  DOCLING_SERVER_URL: optional(URL_TEXT),
  DOCLING_API_KEY: optional(KEY_TEXT),
  DOCLING_PARAMS: optional(Dict),
  DOCUMENT_INTELLIGENCE_ENDPOINT: optional(URL_TEXT),
  DOCUMENT_INTELLIGENCE_KEY: optional(KEY_TEXT),
  DOCUMENT_INTELLIGENCE_MODEL: optional(NAME_TEXT),
  MISTRAL_OCR_API_BASE_URL: optional(URL_TEXT),
  MISTRAL_OCR_API_KEY: optional(KEY_TEXT),
  MINERU_API_MODE: optional(NAME_TEXT),
  MINERU_API_URL: optional(URL_TEXT),
  MINERU_API_KEY: optional(KEY_TEXT),
  MINERU_API_TIMEOUT: optional(timeoutText),
  MINERU_PARAMS: optional(Dict),
  // Reranking
  RAG_RERANKING_MODEL: optional(text(1024)),
  RAG_RERANKING_ENGINE: optional(NAME_TEXT),
  RAG_EXTERNAL_RERANKER_URL: optional(URL_TEXT),
  RAG_EXTERNAL_RERANKER_API_KEY: optional(KEY_TEXT),
  RAG_EXTERNAL_RERANKER_TIMEOUT: optional(timeoutText),
  // Chunking
  TEXT_SPLITTER: optional(NAME_TEXT),
  CHUNK_SIZE: optional(laxInt(1, 10_000_000)),
  CHUNK_OVERLAP: optional(laxInt(0, 10_000_000)),
  // Uploads (null = unlimited / no compression)
  FILE_MAX_SIZE: optional(laxInt(0)),
  FILE_MAX_COUNT: optional(laxInt(0)),
  FILE_IMAGE_COMPRESSION_WIDTH: optional(laxInt(0)),
  FILE_IMAGE_COMPRESSION_HEIGHT: optional(laxInt(0)),
  ALLOWED_FILE_EXTENSIONS: optional(z.array(text(255)).max(10_000)),
  // Integrations
  ENABLE_GOOGLE_DRIVE_INTEGRATION: optional(laxBool),
  ENABLE_ONEDRIVE_INTEGRATION: optional(laxBool),
  // Web search and loading
  web: optional(WebConfig),
});
export type ConfigForm = z.infer<typeof ConfigForm>;

const Connection = z.object({ url: URL_TEXT, key: KEY_TEXT });

export const EmbeddingModelUpdateForm = z.object({
  openai_config: optional(Connection),
  ollama_config: optional(Connection),
  azure_openai_config: optional(Connection.extend({ version: NAME_TEXT })),
  RAG_EMBEDDING_ENGINE: NAME_TEXT,
  RAG_EMBEDDING_MODEL: text(1024),
  RAG_EMBEDDING_BATCH_SIZE: optional(laxInt(1, 100_000)),
  ENABLE_ASYNC_EMBEDDING: optional(laxBool),
});
export type EmbeddingModelUpdateForm = z.infer<typeof EmbeddingModelUpdateForm>;
