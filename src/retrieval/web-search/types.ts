// What every web search engine module takes and gives.
import type { ForwardedUser } from '../../providers/user-headers.ts';
import { optString, type Fetcher } from '../upstream.ts';

/** One hit, as Open WebUI's SearchResult: the page's URL, with its title and snippet when the engine gives them. */
export interface SearchResult {
  link: string;
  title?: string;
  snippet?: string;
}

/** The parts of a search every engine gets, whatever its own settings. */
export interface EngineRequest {
  query: string;
  /** WEB_SEARCH_RESULT_COUNT: how many results to ask for. */
  count: number;
  /** WEB_SEARCH_DOMAIN_FILTER_LIST, for engines that can filter on their side (the caller filters again). */
  filterList: readonly string[];
  fetch: Fetcher;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Replaces an engine's fixed public endpoint (tests, proxies). */
  endpoint?: string;
  /** Who searches, for engines that forward it (external, perplexity_search). */
  user?: ForwardedUser;
  chatId?: string;
}

/** `Web search engine <name>`: how errors start. */
export const engineLabel = (engine: string): string => `Web search engine ${engine}`;

/** Open WebUI's User-Agent for searches sent to self-hosted engines (SearXNG, YaCy, external). */
export const RAG_BOT_USER_AGENT = 'Open WebUI (https://github.com/open-webui/open-webui) RAG Bot';

/** A SearchResult from loosely typed fields; undefined when there is no usable link. */
export function hit(link: unknown, title: unknown, snippet: unknown): SearchResult | undefined {
  if (typeof link !== 'string' || link === '') return undefined;
  const r: SearchResult = { link };
  const t = optString(title);
  const s = optString(snippet);
  if (t !== undefined) r.title = t;
  if (s !== undefined) r.snippet = s;
  return r;
}

export const hits = (list: readonly (SearchResult | undefined)[]): SearchResult[] => list.filter((r): r is SearchResult => r !== undefined);

/** `value` as a list of objects (anything else → []). */
export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}

/** Sort by a numeric field (strings holding numbers count), missing = 0; stable. */
export function sortBy(items: Record<string, unknown>[], field: string, direction: 'asc' | 'desc'): Record<string, unknown>[] {
  const num = (v: unknown): number => {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0;
    return Number.isFinite(n) ? n : 0;
  };
  const sign = direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * (num(a[field]) - num(b[field])));
}

/** Where a field path leads in a JSON value (`get(x, 'web', 'results')`). */
export function dig(value: unknown, ...path: string[]): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
