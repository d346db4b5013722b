// PersistentConfig entries under `rag.web.*`: web search (engine choice and each provider's
// credentials) and the loader that fetches result pages.
import { bool, int, isStringArray, json, str } from '../entry.ts';

const SEARCH = 'rag.web.search';
const LOADER = 'rag.web.loader';

export const WEB_CONFIG = {
  ENABLE_WEB_SEARCH: bool('ENABLE_WEB_SEARCH', `${SEARCH}.enable`, false),
  WEB_SEARCH_ENGINE: str('WEB_SEARCH_ENGINE', `${SEARCH}.engine`, ''),
  BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: bool('BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL', `${SEARCH}.bypass_embedding_and_retrieval`, false),
  BYPASS_WEB_SEARCH_WEB_LOADER: bool('BYPASS_WEB_SEARCH_WEB_LOADER', `${SEARCH}.bypass_web_loader`, false),
  WEB_SEARCH_RESULT_COUNT: int('WEB_SEARCH_RESULT_COUNT', `${SEARCH}.result_count`, 3),
  // 0 = unlimited
  WEB_SEARCH_CONCURRENT_REQUESTS: int('WEB_SEARCH_CONCURRENT_REQUESTS', `${SEARCH}.concurrent_requests`, 0),
  WEB_SEARCH_TRUST_ENV: bool('WEB_SEARCH_TRUST_ENV', `${SEARCH}.trust_env`, false),
  // Domains to keep (`!domain` to drop). Upstream sets it only from the admin UI; a JSON array of
  // strings in the environment is accepted as a convenience.
  WEB_SEARCH_DOMAIN_FILTER_LIST: json('WEB_SEARCH_DOMAIN_FILTER_LIST', `${SEARCH}.domain.filter_list`, (): string[] => [], isStringArray),

  // Loader
  WEB_LOADER_ENGINE: str('WEB_LOADER_ENGINE', `${LOADER}.engine`, ''),
  WEB_LOADER_CONCURRENT_REQUESTS: int('WEB_LOADER_CONCURRENT_REQUESTS', `${LOADER}.concurrent_requests`, 10),
  // Seconds as a string; '' means no explicit timeout.
  WEB_LOADER_TIMEOUT: str('WEB_LOADER_TIMEOUT', `${LOADER}.timeout`, ''),
  ENABLE_WEB_LOADER_SSL_VERIFICATION: bool('ENABLE_WEB_LOADER_SSL_VERIFICATION', `${LOADER}.ssl_verification`, true),
  PLAYWRIGHT_WS_URL: str('PLAYWRIGHT_WS_URL', `${LOADER}.playwright_ws_url`, ''),
  // Milliseconds
  PLAYWRIGHT_TIMEOUT: int('PLAYWRIGHT_TIMEOUT', `${LOADER}.playwright_timeout`, 10000),
  FIRECRAWL_API_KEY: str('FIRECRAWL_API_KEY', `${LOADER}.firecrawl_api_key`, ''),
  FIRECRAWL_API_BASE_URL: str('FIRECRAWL_API_BASE_URL', `${LOADER}.firecrawl_api_url`, 'https://api.firecrawl.dev'),
  EXTERNAL_WEB_LOADER_URL: str('EXTERNAL_WEB_LOADER_URL', `${LOADER}.external_web_loader_url`, ''),
  EXTERNAL_WEB_LOADER_API_KEY: str('EXTERNAL_WEB_LOADER_API_KEY', `${LOADER}.external_web_loader_api_key`, ''),

  // Search providers. Upstream reads the Ollama Cloud key from OLLAMA_CLOUD_API_KEY.
  OLLAMA_CLOUD_WEB_SEARCH_API_KEY: str(['OLLAMA_CLOUD_API_KEY', 'OLLAMA_CLOUD_WEB_SEARCH_API_KEY'], `${SEARCH}.ollama_cloud_api_key`, ''),
  SEARXNG_QUERY_URL: str('SEARXNG_QUERY_URL', `${SEARCH}.searxng_query_url`, ''),
  SEARXNG_LANGUAGE: str('SEARXNG_LANGUAGE', `${SEARCH}.searxng_language`, 'all'),
  YACY_QUERY_URL: str('YACY_QUERY_URL', `${SEARCH}.yacy_query_url`, ''),
  YACY_USERNAME: str('YACY_USERNAME', `${SEARCH}.yacy_username`, ''),
  YACY_PASSWORD: str('YACY_PASSWORD', `${SEARCH}.yacy_password`, ''),
  GOOGLE_PSE_API_KEY: str('GOOGLE_PSE_API_KEY', `${SEARCH}.google_pse_api_key`, ''),
  GOOGLE_PSE_ENGINE_ID: str('GOOGLE_PSE_ENGINE_ID', `${SEARCH}.google_pse_engine_id`, ''),
  BRAVE_SEARCH_API_KEY: str('BRAVE_SEARCH_API_KEY', `${SEARCH}.brave_search_api_key`, ''),
  KAGI_SEARCH_API_KEY: str('KAGI_SEARCH_API_KEY', `${SEARCH}.kagi_search_api_key`, ''),
  MOJEEK_SEARCH_API_KEY: str('MOJEEK_SEARCH_API_KEY', `${SEARCH}.mojeek_search_api_key`, ''),
  BOCHA_SEARCH_API_KEY: str('BOCHA_SEARCH_API_KEY', `${SEARCH}.bocha_search_api_key`, ''),
  SERPSTACK_API_KEY: str('SERPSTACK_API_KEY', `${SEARCH}.serpstack_api_key`, ''),
  SERPSTACK_HTTPS: bool('SERPSTACK_HTTPS', `${SEARCH}.serpstack_https`, true),
  SERPER_API_KEY: str('SERPER_API_KEY', `${SEARCH}.serper_api_key`, ''),
  SERPLY_API_KEY: str('SERPLY_API_KEY', `${SEARCH}.serply_api_key`, ''),
  JINA_API_KEY: str('JINA_API_KEY', `${SEARCH}.jina_api_key`, ''),
  SEARCHAPI_API_KEY: str('SEARCHAPI_API_KEY', `${SEARCH}.searchapi_api_key`, ''),
  SEARCHAPI_ENGINE: str('SEARCHAPI_ENGINE', `${SEARCH}.searchapi_engine`, ''),
  SERPAPI_API_KEY: str('SERPAPI_API_KEY', `${SEARCH}.serpapi_api_key`, ''),
  SERPAPI_ENGINE: str('SERPAPI_ENGINE', `${SEARCH}.serpapi_engine`, ''),
  BING_SEARCH_V7_ENDPOINT: str('BING_SEARCH_V7_ENDPOINT', `${SEARCH}.bing_search_v7_endpoint`, 'https://api.bing.microsoft.com/v7.0/search'),
  BING_SEARCH_V7_SUBSCRIPTION_KEY: str('BING_SEARCH_V7_SUBSCRIPTION_KEY', `${SEARCH}.bing_search_v7_subscription_key`, ''),
  AZURE_AI_SEARCH_API_KEY: str('AZURE_AI_SEARCH_API_KEY', `${SEARCH}.azure_ai_search_api_key`, ''),
  AZURE_AI_SEARCH_ENDPOINT: str('AZURE_AI_SEARCH_ENDPOINT', `${SEARCH}.azure_ai_search_endpoint`, ''),
  AZURE_AI_SEARCH_INDEX_NAME: str('AZURE_AI_SEARCH_INDEX_NAME', `${SEARCH}.azure_ai_search_index_name`, ''),
  EXA_API_KEY: str('EXA_API_KEY', `${SEARCH}.exa_api_key`, ''),
  PERPLEXITY_API_KEY: str('PERPLEXITY_API_KEY', `${SEARCH}.perplexity_api_key`, ''),
  PERPLEXITY_MODEL: str('PERPLEXITY_MODEL', `${SEARCH}.perplexity_model`, 'sonar'),
  PERPLEXITY_SEARCH_CONTEXT_USAGE: str('PERPLEXITY_SEARCH_CONTEXT_USAGE', `${SEARCH}.perplexity_search_context_usage`, 'medium'),
  PERPLEXITY_SEARCH_API_URL: str('PERPLEXITY_SEARCH_API_URL', `${SEARCH}.perplexity_search_api_url`, 'https://api.perplexity.ai/search'),
  SOUGOU_API_SID: str('SOUGOU_API_SID', `${SEARCH}.sougou_api_sid`, ''),
  SOUGOU_API_SK: str('SOUGOU_API_SK', `${SEARCH}.sougou_api_sk`, ''),
  TAVILY_API_KEY: str('TAVILY_API_KEY', `${SEARCH}.tavily_api_key`, ''),
  TAVILY_EXTRACT_DEPTH: str('TAVILY_EXTRACT_DEPTH', `${SEARCH}.tavily_extract_depth`, 'basic'),
  EXTERNAL_WEB_SEARCH_URL: str('EXTERNAL_WEB_SEARCH_URL', `${SEARCH}.external_web_search_url`, ''),
  EXTERNAL_WEB_SEARCH_API_KEY: str('EXTERNAL_WEB_SEARCH_API_KEY', `${SEARCH}.external_web_search_api_key`, ''),
} as const;
