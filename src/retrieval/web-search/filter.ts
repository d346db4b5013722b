// WEB_SEARCH_DOMAIN_FILTER_LIST: entries are domains to keep; `!domain` drops. When any keep entry
// exists, a result must match one; a drop entry always removes. A domain matches itself and its
// subdomains (`example.com` matches `docs.example.com`, not `notexample.com`; a leading dot is
// ignored). Results without a valid http(s) URL are dropped whenever a filter is set.
import type { SearchResult } from './types.ts';

export interface DomainFilter {
  allow: string[];
  block: string[];
}

export function parseDomainFilter(list: readonly string[]): DomainFilter {
  const allow: string[] = [];
  const block: string[] = [];
  for (const raw of list) {
    const entry = raw.trim();
    const blocked = entry.startsWith('!');
    const domain = (blocked ? entry.slice(1) : entry).trim().toLowerCase().replace(/^\.+/, '').replace(/\.+$/, '');
    if (domain === '') continue;
    (blocked ? block : allow).push(domain);
  }
  return { allow, block };
}

const matches = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);

function hostOf(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return host === '' ? undefined : host;
}

/** Whether a host passes the filter. */
export function isHostAllowed(host: string, filter: DomainFilter): boolean {
  if (filter.allow.length > 0 && !filter.allow.some((d) => matches(host, d))) return false;
  return !filter.block.some((d) => matches(host, d));
}

/** The results whose host passes the filter (all of them when the list is empty). */
export function filterResults(results: readonly SearchResult[], list: readonly string[]): SearchResult[] {
  const filter = parseDomainFilter(list);
  if (filter.allow.length === 0 && filter.block.length === 0) return [...results];
  return results.filter((r) => {
    const host = hostOf(r.link);
    return host !== undefined && isHostAllowed(host, filter);
  });
}
