// Web search through the engine WEB_SEARCH_ENGINE names, with its credentials from the
// configuration. Every engine's answer is reduced to SearchResult, filtered by
// WEB_SEARCH_DOMAIN_FILTER_LIST and cut to WEB_SEARCH_RESULT_COUNT. Engine errors (HTTP status,
// time-outs, bad answers) are thrown with the engine's name; a missing credential is thrown with
// Open WebUI's `No … found in environment variables` text.
import type { ForwardedUser } from '../../providers/user-headers.ts';
import type { ConfigReader, Fetcher } from '../upstream.ts';
import { searchAzure } from './azure.ts';
import { searchBing } from './bing.ts';
import { searchBocha } from './bocha.ts';
import { searchBrave } from './brave.ts';
import { searchExa } from './exa.ts';
import { searchExternal } from './external.ts';
import { filterResults } from './filter.ts';
import { searchFirecrawl } from './firecrawl.ts';
import { searchGooglePse } from './google-pse.ts';
import { searchJina } from './jina.ts';
import { searchKagi } from './kagi.ts';
import { searchMojeek } from './mojeek.ts';
import { searchOllamaCloud } from './ollama-cloud.ts';
import { searchPerplexity } from './perplexity.ts';
import { searchPerplexitySearch } from './perplexity-search.ts';
import { searchSearchapi } from './searchapi.ts';
import { searchSearxng } from './searxng.ts';
import { searchSerpapi } from './serpapi.ts';
import { searchSerper } from './serper.ts';
import { searchSerply } from './serply.ts';
import { searchSerpstack } from './serpstack.ts';
import { searchSougou } from './sougou.ts';
import { searchTavily } from './tavily.ts';
import type { EngineRequest, SearchResult } from './types.ts';
import { searchYacy } from './yacy.ts';

export type { EngineRequest, SearchResult } from './types.ts';
export { filterResults, isHostAllowed, parseDomainFilter } from './filter.ts';

export const DEFAULT_WEB_SEARCH_TIMEOUT_MS = 30_000;

/** Engines WEB_SEARCH_ENGINE may name that this server does not implement. */
export const UNSUPPORTED_WEB_SEARCH_ENGINES = ['duckduckgo'] as const;

export class WebSearchConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebSearchConfigError';
  }
}

export interface SearchWebOptions {
  /** Per engine name, an endpoint replacing the engine's fixed public URL (tests, proxies). */
  endpoints?: Partial<Record<string, string>>;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Who searches: sent by the engines Open WebUI forwards it to (external, perplexity_search). */
  user?: ForwardedUser;
  chatId?: string;
}

type EngineRun = (config: ConfigReader, req: EngineRequest) => Promise<SearchResult[]>;

/** `value` when set, else a configuration error with upstream's text. */
function need(value: string, message: string): string {
  if (value.trim() === '') throw new WebSearchConfigError(message);
  return value;
}
const missing = (name: string): string => `No ${name} found in environment variables`;

const ENGINES: Record<string, EngineRun> = {
  ollama_cloud: (c, r) => searchOllamaCloud(r, { apiKey: c.get('OLLAMA_CLOUD_WEB_SEARCH_API_KEY') }),
  perplexity_search: (c, r) =>
    searchPerplexitySearch(r, { apiKey: need(c.get('PERPLEXITY_API_KEY'), missing('PERPLEXITY_API_KEY')), apiUrl: need(c.get('PERPLEXITY_SEARCH_API_URL'), missing('PERPLEXITY_SEARCH_API_URL')) }),
  searxng: (c, r) => searchSearxng(r, { queryUrl: need(c.get('SEARXNG_QUERY_URL'), missing('SEARXNG_QUERY_URL')), language: c.get('SEARXNG_LANGUAGE') }),
  yacy: (c, r) => searchYacy(r, { queryUrl: need(c.get('YACY_QUERY_URL'), missing('YACY_QUERY_URL')), username: c.get('YACY_USERNAME'), password: c.get('YACY_PASSWORD') }),
  google_pse: (c, r) => {
    const message = missing('GOOGLE_PSE_API_KEY or GOOGLE_PSE_ENGINE_ID');
    return searchGooglePse(r, { apiKey: need(c.get('GOOGLE_PSE_API_KEY'), message), engineId: need(c.get('GOOGLE_PSE_ENGINE_ID'), message), referer: c.get('WEBUI_URL') });
  },
  brave: (c, r) => searchBrave(r, { apiKey: need(c.get('BRAVE_SEARCH_API_KEY'), missing('BRAVE_SEARCH_API_KEY')) }),
  kagi: (c, r) => searchKagi(r, { apiKey: need(c.get('KAGI_SEARCH_API_KEY'), missing('KAGI_SEARCH_API_KEY')) }),
  mojeek: (c, r) => searchMojeek(r, { apiKey: need(c.get('MOJEEK_SEARCH_API_KEY'), missing('MOJEEK_SEARCH_API_KEY')) }),
  bocha: (c, r) => searchBocha(r, { apiKey: need(c.get('BOCHA_SEARCH_API_KEY'), missing('BOCHA_SEARCH_API_KEY')) }),
  serpstack: (c, r) => searchSerpstack(r, { apiKey: need(c.get('SERPSTACK_API_KEY'), missing('SERPSTACK_API_KEY')), https: c.get('SERPSTACK_HTTPS') }),
  serper: (c, r) => searchSerper(r, { apiKey: need(c.get('SERPER_API_KEY'), missing('SERPER_API_KEY')) }),
  serply: (c, r) => searchSerply(r, { apiKey: need(c.get('SERPLY_API_KEY'), missing('SERPLY_API_KEY')) }),
  tavily: (c, r) => searchTavily(r, { apiKey: need(c.get('TAVILY_API_KEY'), missing('TAVILY_API_KEY')) }),
  exa: (c, r) => searchExa(r, { apiKey: need(c.get('EXA_API_KEY'), missing('EXA_API_KEY')) }),
  searchapi: (c, r) => searchSearchapi(r, { apiKey: need(c.get('SEARCHAPI_API_KEY'), missing('SEARCHAPI_API_KEY')), engine: c.get('SEARCHAPI_ENGINE') }),
  serpapi: (c, r) => searchSerpapi(r, { apiKey: need(c.get('SERPAPI_API_KEY'), missing('SERPAPI_API_KEY')), engine: c.get('SERPAPI_ENGINE') }),
  jina: (c, r) => searchJina(r, { apiKey: c.get('JINA_API_KEY') }),
  bing: (c, r) =>
    searchBing(r, {
      subscriptionKey: c.get('BING_SEARCH_V7_SUBSCRIPTION_KEY'),
      endpoint: need(c.get('BING_SEARCH_V7_ENDPOINT'), missing('BING_SEARCH_V7_ENDPOINT')),
      locale: c.get('DEFAULT_LOCALE'),
    }),
  azure: (c, r) => {
    const message = 'AZURE_AI_SEARCH_API_KEY, AZURE_AI_SEARCH_ENDPOINT, and AZURE_AI_SEARCH_INDEX_NAME are required for Azure AI Search';
    return searchAzure(r, {
      apiKey: need(c.get('AZURE_AI_SEARCH_API_KEY'), message),
      endpoint: need(c.get('AZURE_AI_SEARCH_ENDPOINT'), message),
      indexName: need(c.get('AZURE_AI_SEARCH_INDEX_NAME'), message),
    });
  },
  perplexity: (c, r) =>
    searchPerplexity(r, { apiKey: c.get('PERPLEXITY_API_KEY'), model: c.get('PERPLEXITY_MODEL'), searchContextUsage: c.get('PERPLEXITY_SEARCH_CONTEXT_USAGE') }),
  sougou: (c, r) => {
    const message = missing('SOUGOU_API_SID or SOUGOU_API_SK');
    return searchSougou(r, { secretId: need(c.get('SOUGOU_API_SID'), message), secretKey: need(c.get('SOUGOU_API_SK'), message) });
  },
  firecrawl: (c, r) => searchFirecrawl(r, { apiKey: c.get('FIRECRAWL_API_KEY'), baseUrl: need(c.get('FIRECRAWL_API_BASE_URL'), missing('FIRECRAWL_API_BASE_URL')) }),
  external: (c, r) => searchExternal(r, { url: need(c.get('EXTERNAL_WEB_SEARCH_URL'), missing('EXTERNAL_WEB_SEARCH_URL')), apiKey: c.get('EXTERNAL_WEB_SEARCH_API_KEY') }),
};

/** Every engine name searchWeb answers (the names in WEB_SEARCH_ENGINE it does not are errors). */
export const WEB_SEARCH_ENGINES = Object.keys(ENGINES);

/**
 * Search the web for `query` with the configured engine. Throws WebSearchConfigError when the engine
 * is unset, unknown, unsupported or missing a credential; UpstreamError when the engine fails.
 */
export async function searchWeb(config: ConfigReader, query: string, fetcher?: Fetcher, options: SearchWebOptions = {}): Promise<SearchResult[]> {
  const engine = config.get('WEB_SEARCH_ENGINE').trim();
  if ((UNSUPPORTED_WEB_SEARCH_ENGINES as readonly string[]).includes(engine)) throw new WebSearchConfigError(`${engine} web search is not supported`);
  const run = Object.hasOwn(ENGINES, engine) ? ENGINES[engine] : undefined;
  if (!run) throw new WebSearchConfigError('No search engine API key found in environment variables');
  const count = Math.max(1, config.get('WEB_SEARCH_RESULT_COUNT'));
  const filterList = config.get('WEB_SEARCH_DOMAIN_FILTER_LIST');
  const endpoint = options.endpoints?.[engine];
  const req: EngineRequest = {
    query,
    count,
    filterList,
    fetch: fetcher ?? fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_WEB_SEARCH_TIMEOUT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(options.user ? { user: options.user } : {}),
    ...(options.chatId ? { chatId: options.chatId } : {}),
  };
  const results = await run(config, req);
  return filterResults(results, filterList).slice(0, count);
}
