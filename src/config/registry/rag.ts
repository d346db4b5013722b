// PersistentConfig entries under `rag.*` except `rag.web.*` (web.ts): document extraction,
// embedding, retrieval, chunking, upload limits and the RAG prompt. Some keys are the shorter
// `app.state.config` names (TOP_K for RAG_TOP_K, FILE_MAX_SIZE for RAG_FILE_MAX_SIZE, ...).
import { bool, float, int, isObject, json, list, optInt, str, type ConfigEntry } from '../entry.ts';
import { defaultOllamaBaseUrl } from './ollama.ts';
import { OPENAI_OFFICIAL_BASE_URL, officialOpenAIKey } from './openai.ts';
import { DEFAULT_RAG_TEMPLATE } from './prompt-templates.ts';

/** The same entry, with the environment's value lower-cased (stored values are taken as they are). */
const lowerCased = (entry: ConfigEntry<string>): ConfigEntry<string> => ({ ...entry, fromEnv: (env) => entry.fromEnv(env).toLowerCase() });

const emptyObject = (): Record<string, unknown> => ({});

export const RAG_CONFIG = {
  // Content extraction: '' (built-in loaders), external, tika, docling, datalab_marker,
  // document_intelligence, mistral_ocr, mineru.
  CONTENT_EXTRACTION_ENGINE: lowerCased(str('CONTENT_EXTRACTION_ENGINE', 'rag.CONTENT_EXTRACTION_ENGINE', '')),
  PDF_EXTRACT_IMAGES: bool('PDF_EXTRACT_IMAGES', 'rag.pdf_extract_images', false),
  DATALAB_MARKER_API_KEY: str('DATALAB_MARKER_API_KEY', 'rag.datalab_marker_api_key', ''),
  DATALAB_MARKER_API_BASE_URL: str('DATALAB_MARKER_API_BASE_URL', 'rag.datalab_marker_api_base_url', ''),
  // A JSON document kept as a string.
  DATALAB_MARKER_ADDITIONAL_CONFIG: str('DATALAB_MARKER_ADDITIONAL_CONFIG', 'rag.datalab_marker_additional_config', ''),
  DATALAB_MARKER_USE_LLM: bool('DATALAB_MARKER_USE_LLM', 'rag.DATALAB_MARKER_USE_LLM', false),
  DATALAB_MARKER_SKIP_CACHE: bool('DATALAB_MARKER_SKIP_CACHE', 'rag.datalab_marker_skip_cache', false),
  DATALAB_MARKER_FORCE_OCR: bool('DATALAB_MARKER_FORCE_OCR', 'rag.datalab_marker_force_ocr', false),
  DATALAB_MARKER_PAGINATE: bool('DATALAB_MARKER_PAGINATE', 'rag.datalab_marker_paginate', false),
  DATALAB_MARKER_STRIP_EXISTING_OCR: bool('DATALAB_MARKER_STRIP_EXISTING_OCR', 'rag.datalab_marker_strip_existing_ocr', false),
  DATALAB_MARKER_DISABLE_IMAGE_EXTRACTION: bool('DATALAB_MARKER_DISABLE_IMAGE_EXTRACTION', 'rag.datalab_marker_disable_image_extraction', false),
  DATALAB_MARKER_FORMAT_LINES: bool('DATALAB_MARKER_FORMAT_LINES', 'rag.datalab_marker_format_lines', false),
  DATALAB_MARKER_OUTPUT_FORMAT: str('DATALAB_MARKER_OUTPUT_FORMAT', 'rag.datalab_marker_output_format', 'markdown'),
  MINERU_API_MODE: str('MINERU_API_MODE', 'rag.mineru_api_mode', 'local'),
  MINERU_API_URL: str('MINERU_API_URL', 'rag.mineru_api_url', 'http://localhost:8000'),
  // Seconds, kept as a string like upstream.
  MINERU_API_TIMEOUT: str('MINERU_API_TIMEOUT', 'rag.mineru_api_timeout', '300'),
  MINERU_API_KEY: str('MINERU_API_KEY', 'rag.mineru_api_key', ''),
  MINERU_PARAMS: json('MINERU_PARAMS', 'rag.mineru_params', emptyObject, isObject),
  EXTERNAL_DOCUMENT_LOADER_URL: str('EXTERNAL_DOCUMENT_LOADER_URL', 'rag.external_document_loader_url', ''),
  EXTERNAL_DOCUMENT_LOADER_API_KEY: str('EXTERNAL_DOCUMENT_LOADER_API_KEY', 'rag.external_document_loader_api_key', ''),
  TIKA_SERVER_URL: str('TIKA_SERVER_URL', 'rag.tika_server_url', 'http://tika:9998'),
  DOCLING_SERVER_URL: str('DOCLING_SERVER_URL', 'rag.docling_server_url', 'http://docling:5001'),
  DOCLING_API_KEY: str('DOCLING_API_KEY', 'rag.docling_api_key', ''),
  DOCLING_PARAMS: json('DOCLING_PARAMS', 'rag.docling_params', emptyObject, isObject),
  DOCUMENT_INTELLIGENCE_ENDPOINT: str('DOCUMENT_INTELLIGENCE_ENDPOINT', 'rag.document_intelligence_endpoint', ''),
  DOCUMENT_INTELLIGENCE_KEY: str('DOCUMENT_INTELLIGENCE_KEY', 'rag.document_intelligence_key', ''),
  DOCUMENT_INTELLIGENCE_MODEL: str('DOCUMENT_INTELLIGENCE_MODEL', 'rag.document_intelligence_model', 'prebuilt-layout'),
  MISTRAL_OCR_API_BASE_URL: str('MISTRAL_OCR_API_BASE_URL', 'rag.MISTRAL_OCR_API_BASE_URL', 'https://api.mistral.ai/v1'),
  MISTRAL_OCR_API_KEY: str('MISTRAL_OCR_API_KEY', 'rag.mistral_ocr_api_key', ''),

  // Retrieval
  BYPASS_EMBEDDING_AND_RETRIEVAL: bool('BYPASS_EMBEDDING_AND_RETRIEVAL', 'rag.bypass_embedding_and_retrieval', false),
  RAG_FULL_CONTEXT: bool('RAG_FULL_CONTEXT', 'rag.full_context', false),
  TOP_K: int('RAG_TOP_K', 'rag.top_k', 3),
  TOP_K_RERANKER: int('RAG_TOP_K_RERANKER', 'rag.top_k_reranker', 3),
  RELEVANCE_THRESHOLD: float('RAG_RELEVANCE_THRESHOLD', 'rag.relevance_threshold', 0),
  HYBRID_BM25_WEIGHT: float('RAG_HYBRID_BM25_WEIGHT', 'rag.hybrid_bm25_weight', 0.5),
  ENABLE_RAG_HYBRID_SEARCH: bool('ENABLE_RAG_HYBRID_SEARCH', 'rag.enable_hybrid_search', false),
  ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS: bool('ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS', 'rag.enable_hybrid_search_enriched_texts', false),
  // Default written for this project (same {{CONTEXT}} placeholder as upstream); see prompt-templates.ts.
  RAG_TEMPLATE: str('RAG_TEMPLATE', 'rag.template', DEFAULT_RAG_TEMPLATE),

  // Uploads: size in MB and count per upload, null = unlimited; extensions without a dot, [] = any.
  FILE_MAX_SIZE: optInt('RAG_FILE_MAX_SIZE', 'rag.file.max_size'),
  FILE_MAX_COUNT: optInt('RAG_FILE_MAX_COUNT', 'rag.file.max_count'),
  ALLOWED_FILE_EXTENSIONS: list('RAG_ALLOWED_FILE_EXTENSIONS', 'rag.file.allowed_extensions', [], ','),

  // Embedding: engine '' (local sentence-transformers), ollama, openai or azure_openai.
  RAG_EMBEDDING_ENGINE: str('RAG_EMBEDDING_ENGINE', 'rag.embedding_engine', ''),
  RAG_EMBEDDING_MODEL: str('RAG_EMBEDDING_MODEL', 'rag.embedding_model', 'sentence-transformers/all-MiniLM-L6-v2'),
  RAG_EMBEDDING_BATCH_SIZE: int(['RAG_EMBEDDING_BATCH_SIZE', 'RAG_EMBEDDING_OPENAI_BATCH_SIZE'], 'rag.embedding_batch_size', 1),
  ENABLE_ASYNC_EMBEDDING: bool('ENABLE_ASYNC_EMBEDDING', 'rag.enable_async_embedding', true),
  RAG_OPENAI_API_BASE_URL: str('RAG_OPENAI_API_BASE_URL', 'rag.openai_api_base_url', OPENAI_OFFICIAL_BASE_URL),
  RAG_OPENAI_API_KEY: str('RAG_OPENAI_API_KEY', 'rag.openai_api_key', officialOpenAIKey),
  RAG_AZURE_OPENAI_BASE_URL: str('RAG_AZURE_OPENAI_BASE_URL', 'rag.azure_openai.base_url', ''),
  RAG_AZURE_OPENAI_API_KEY: str('RAG_AZURE_OPENAI_API_KEY', 'rag.azure_openai.api_key', ''),
  RAG_AZURE_OPENAI_API_VERSION: str('RAG_AZURE_OPENAI_API_VERSION', 'rag.azure_openai.api_version', ''),
  RAG_OLLAMA_BASE_URL: str('RAG_OLLAMA_BASE_URL', 'rag.ollama.url', defaultOllamaBaseUrl),
  RAG_OLLAMA_API_KEY: str('RAG_OLLAMA_API_KEY', 'rag.ollama.key', ''),

  // Reranking
  RAG_RERANKING_ENGINE: str('RAG_RERANKING_ENGINE', 'rag.reranking_engine', ''),
  RAG_RERANKING_MODEL: str('RAG_RERANKING_MODEL', 'rag.reranking_model', ''),
  RAG_EXTERNAL_RERANKER_URL: str('RAG_EXTERNAL_RERANKER_URL', 'rag.external_reranker_url', ''),
  RAG_EXTERNAL_RERANKER_API_KEY: str('RAG_EXTERNAL_RERANKER_API_KEY', 'rag.external_reranker_api_key', ''),
  // Seconds as a string; '' means no explicit timeout.
  RAG_EXTERNAL_RERANKER_TIMEOUT: str('RAG_EXTERNAL_RERANKER_TIMEOUT', 'rag.external_reranker_timeout', ''),

  // Chunking: splitter '' or character, token, markdown_header.
  TEXT_SPLITTER: str('RAG_TEXT_SPLITTER', 'rag.text_splitter', ''),
  TIKTOKEN_ENCODING_NAME: str('TIKTOKEN_ENCODING_NAME', 'rag.tiktoken_encoding_name', 'cl100k_base'),
  CHUNK_SIZE: int('CHUNK_SIZE', 'rag.chunk_size', 1000),
  CHUNK_OVERLAP: int('CHUNK_OVERLAP', 'rag.chunk_overlap', 100),

  // YouTube transcripts
  YOUTUBE_LOADER_LANGUAGE: list('YOUTUBE_LOADER_LANGUAGE', 'rag.youtube_loader_language', ['en'], ','),
  YOUTUBE_LOADER_PROXY_URL: str('YOUTUBE_LOADER_PROXY_URL', 'rag.youtube_loader_proxy_url', ''),
} as const;
