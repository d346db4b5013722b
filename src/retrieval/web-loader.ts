// A web page a user names → its text (Open WebUI's safe_web loader), fetched through the SSRF-safe
// client (no private, loopback, link-local or metadata addresses; every redirect re-checked; size and
// time limits) and extracted in the workers like an uploaded file of the same type.
import type { PersistentConfig } from '../config/persistent.ts';
import type { Retrieval } from './service.ts';
import type { SourceDoc } from './save-docs.ts';

const MAX_PAGE_BYTES = 10 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;

export interface LoadedPage {
  content: string;
  docs: SourceDoc[];
}

/** WEB_LOADER_TIMEOUT is seconds kept as a string ('' = our default). */
function timeoutMs(config: PersistentConfig): number {
  const seconds = Number.parseFloat(config.get('WEB_LOADER_TIMEOUT'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

function titleOf(html: string): string | undefined {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(html);
  return match?.[1]?.trim() || undefined;
}

export async function loadPage(retrieval: Retrieval, config: PersistentConfig, url: string): Promise<LoadedPage> {
  const page = await retrieval.fetcher.fetch(url, { maxBytes: MAX_PAGE_BYTES, timeoutMs: timeoutMs(config), headers: { 'user-agent': 'Mozilla/5.0 (compatible; open-webui-ts)' } });
  if (page.status < 200 || page.status >= 300) throw new Error(`${url} answered HTTP ${page.status}`);
  const contentType = page.contentType.split(';')[0]?.trim() || 'text/html';
  const isHtml = contentType === 'text/html' || contentType === 'application/xhtml+xml';
  const name = isHtml ? 'page.html' : (new URL(page.url).pathname.split('/').pop() || 'page');
  // Read before extraction: the bytes move to the worker.
  const title = isHtml ? titleOf(page.body.subarray(0, 64 * 1024).toString('utf8')) : undefined;
  const { content } = await retrieval.extractor.extract({ bytes: page.body, filename: name, contentType });
  const metadata: Record<string, unknown> = { source: url };
  if (title) metadata['title'] = title;
  return { content, docs: [{ text: content, metadata }] };
}
