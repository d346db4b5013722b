// A web search as Open WebUI runs it for /process/web/search and for chats with web search on:
// every query through the configured engine, the result pages loaded (or their snippets used with
// BYPASS_WEB_SEARCH_WEB_LOADER), then either returned as documents
// (BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL) or stored in one collection named after the queries.
import type { PersistentConfig } from '../config/persistent.ts';
import { mapLimit } from '../lib/concurrency.ts';
import { saveDocs, type SourceDoc } from './save-docs.ts';
import type { Retrieval } from './service.ts';
import { sha256Hex } from './text.ts';
import { loadPage } from './web-loader.ts';
import { searchWeb } from './web-search/index.ts';
import type { SearchResult } from './web-search/types.ts';

export interface WebSearchOutcome {
  status: true;
  collection_name?: string | null;
  collection_names?: string[];
  filenames: string[];
  items: SearchResult[];
  docs?: { content: string; metadata: Record<string, unknown> }[];
  loaded_count: number;
}

/** Nothing found (404 upstream) — distinct from an engine failure (400). */
export class NoWebResults extends Error {
  constructor() {
    super('No results found from web search');
  }
}

export const webSearchCollection = (queries: readonly string[]): string => `web-search-${sha256Hex(queries.join('-'))}`.slice(0, 63);

export async function runWebSearch(retrieval: Retrieval, config: PersistentConfig, queries: readonly string[]): Promise<WebSearchOutcome> {
  // WEB_SEARCH_CONCURRENT_REQUESTS 0 means no limit, as upstream.
  const searchLimit = config.get('WEB_SEARCH_CONCURRENT_REQUESTS');
  const perQuery = await mapLimit(queries, searchLimit > 0 ? searchLimit : queries.length, (q) => searchWeb(config, q));
  const items = perQuery.flat().filter((r) => r.link);
  const urls = [...new Set(items.map((r) => r.link))];
  if (urls.length === 0) throw new NoWebResults();

  let docs: SourceDoc[];
  if (config.get('BYPASS_WEB_SEARCH_WEB_LOADER')) {
    docs = items.filter((r) => r.snippet !== undefined).map((r) => ({ text: r.snippet as string, metadata: { source: r.link, title: r.title ?? null, snippet: r.snippet, link: r.link } }));
  } else {
    const pages = await mapLimit(urls, config.get('WEB_LOADER_CONCURRENT_REQUESTS') || 5, (url) => loadPage(retrieval, config, url).catch(() => undefined));
    docs = pages.flatMap((p) => p?.docs ?? []);
  }
  const loaded = [...new Set(docs.map((d) => d.metadata['source']).filter((s): s is string => typeof s === 'string'))];
  const kept = items.filter((r) => loaded.includes(r.link));
  if (config.get('BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL')) {
    return { status: true, collection_name: null, filenames: loaded, items: kept, docs: docs.map((d) => ({ content: d.text, metadata: d.metadata })), loaded_count: docs.length };
  }
  const collection = webSearchCollection(queries);
  if (docs.length > 0) await saveDocs(retrieval, config, docs, collection, { overwrite: true });
  return { status: true, collection_names: [collection], items: kept, filenames: loaded, loaded_count: docs.length };
}
