// Azure AI Search: POST {endpoint}/indexes/{index}/docs/search?api-version=… {search, top} with an
// `api-key` header. Indexes have their own schemas, so link, title and snippet are taken from the
// first field present among the usual names; documents without a link are skipped.
import { trimSlash } from '../upstream.ts';
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const AZURE_SEARCH_API_VERSION = '2024-07-01';

export interface AzureSearchOptions {
  apiKey: string;
  endpoint: string;
  indexName: string;
}

const LINK_FIELDS = ['url', 'link', 'uri', 'metadata_storage_path'];
const TITLE_FIELDS = ['title', 'name', 'metadata_title', 'metadata_storage_name'];
const SNIPPET_FIELDS = ['content', 'snippet', 'description', 'summary', 'text'];
const SNIPPET_MAX = 500;

function first(doc: Record<string, unknown>, fields: string[]): string | undefined {
  for (const f of fields) {
    const v = doc[f];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

export async function searchAzure(req: EngineRequest, o: AzureSearchOptions): Promise<SearchResult[]> {
  const url = `${trimSlash(o.endpoint)}/indexes/${encodeURIComponent(o.indexName)}/docs/search?api-version=${AZURE_SEARCH_API_VERSION}`;
  const body = await engineJson('azure', req, url, { headers: { 'api-key': o.apiKey }, json: { search: req.query, top: req.count } });
  return hits(
    records(dig(body, 'value')).map((doc) => {
      let snippet = first(doc, SNIPPET_FIELDS);
      if (snippet !== undefined && snippet.length > SNIPPET_MAX) snippet = `${snippet.slice(0, SNIPPET_MAX - 3)}...`;
      return hit(first(doc, LINK_FIELDS), first(doc, TITLE_FIELDS), snippet);
    }),
  );
}
