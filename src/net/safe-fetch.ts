// Fetching a URL a user supplied (web pages to index, search results) without letting them reach what
// only the server can: the URL is parsed once; only http(s); the host is checked against
// WEB_FETCH_FILTER_LIST (with Open WebUI's always-blocked cloud metadata hosts); every address the
// connection actually goes to is checked when it is resolved (no DNS rebinding between check and
// connect; IPv4-mapped IPv6 counts as IPv4): cloud metadata always, private, loopback, link-local
// and other special ranges unless ENABLE_RAG_LOCAL_WEB_FETCH. Redirects are followed by hand, each
// hop checked again; the body is cut off at a size limit and the whole fetch at a time limit.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';

/** Open WebUI's DEFAULT_WEB_FETCH_FILTER_LIST: blocked whatever the configuration says. */
export const ALWAYS_BLOCKED_HOSTS = ['169.254.169.254', 'fd00:ec2::254', 'metadata.google.internal', 'metadata.azure.com', '100.100.100.200'];

export class UnsafeUrlError extends Error {
  constructor(url: string, reason: string) {
    super(`refused to fetch ${url}: ${reason}`);
    this.name = 'UnsafeUrlError';
  }
}

export interface SafeFetchPolicy {
  /** ENABLE_RAG_LOCAL_WEB_FETCH: private and loopback addresses allowed (cloud metadata never). */
  allowPrivate: boolean;
  /** WEB_FETCH_FILTER_LIST entries: `host` allows (when any is given, only those), `!host` blocks; a host matches itself and its subdomains. */
  filterList: string[];
}

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
}

export interface FetchedPage {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

const metadataAddresses = new BlockList();
metadataAddresses.addAddress('169.254.169.254', 'ipv4');
metadataAddresses.addAddress('100.100.100.200', 'ipv4');
metadataAddresses.addAddress('fd00:ec2::254', 'ipv6');

const specialAddresses = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  specialAddresses.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8]] as const) {
  specialAddresses.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address, if any. */
function embeddedIPv4(address: string): string | undefined {
  const nat64 = /^64:ff9b::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address) ?? /^64:ff9b::(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/i.exec(address);
  const match = nat64 ?? sixToFour;
  if (!match) return undefined;
  if (match[2] === undefined) return match[1];
  const high = parseInt(match[1] as string, 16);
  const low = parseInt(match[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why an address may not be connected to, or undefined when it may. */
function addressRefusal(address: string, allowPrivate: boolean): string | undefined {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  const inner = family === 'ipv6' ? embeddedIPv4(address) : undefined;
  if (metadataAddresses.check(address, family) || (inner && metadataAddresses.check(inner, 'ipv4'))) return 'a cloud metadata address';
  if (!allowPrivate && (specialAddresses.check(address, family) || (inner && specialAddresses.check(inner, 'ipv4')))) return `a private or reserved address (${address})`;
  return undefined;
}

const matchesHost = (host: string, entry: string) => host === entry || host.endsWith(`.${entry}`);

export class SafeFetcher {
  private readonly agent: Agent;
  private readonly allow: string[];
  private readonly block: string[];

  constructor(private readonly policy: SafeFetchPolicy) {
    const entries = policy.filterList.map((entry) => entry.trim().toLowerCase()).filter(Boolean);
    this.allow = entries.filter((entry) => !entry.startsWith('!'));
    this.block = [...new Set([...ALWAYS_BLOCKED_HOSTS, ...entries.filter((entry) => entry.startsWith('!')).map((entry) => entry.slice(1))])];
    // Every connection's addresses are checked as they are resolved, so what was checked is what is connected to.
    const lookup: LookupFunction = (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, '', 0);
        const refusal = addresses.map((a) => addressRefusal(a.address, policy.allowPrivate)).find((reason) => reason !== undefined);
        if (refusal) return callback(new UnsafeUrlError(hostname, `${hostname} resolves to ${refusal}`), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        const first = addresses[0] as LookupAddress;
        callback(null, first.address, first.family);
      });
    };
    this.agent = new Agent({ connect: { lookup } });
  }

  /** The URL parsed and checked (scheme, filter list, a literal IP address); throws UnsafeUrlError. */
  check(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new UnsafeUrlError(raw, 'not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsafeUrlError(raw, 'only http and https are fetched');
    if (url.username || url.password) throw new UnsafeUrlError(raw, 'credentials in the URL');
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (this.allow.length > 0 && !this.allow.some((entry) => matchesHost(host, entry))) throw new UnsafeUrlError(raw, 'the host is not in WEB_FETCH_FILTER_LIST');
    if (this.block.some((entry) => matchesHost(host, entry))) throw new UnsafeUrlError(raw, 'the host is blocked');
    if (isIP(host)) {
      const refusal = addressRefusal(host, this.policy.allowPrivate);
      if (refusal) throw new UnsafeUrlError(raw, refusal);
    }
    return url;
  }

  async fetch(raw: string, limits: FetchLimits): Promise<FetchedPage> {
    const signal = AbortSignal.timeout(limits.timeoutMs);
    let url = this.check(raw);
    for (let hop = 0; ; hop++) {
      const response = await request(url, { dispatcher: this.agent, method: 'GET', headers: limits.headers, signal, headersTimeout: limits.timeoutMs, bodyTimeout: limits.timeoutMs });
      const location = response.headers['location'];
      if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
        await response.body.dump();
        if (hop >= (limits.maxRedirects ?? 5)) throw new UnsafeUrlError(raw, 'too many redirects');
        url = this.check(new URL(location, url).href);
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > limits.maxBytes) {
          response.body.destroy();
          throw new UnsafeUrlError(url.href, `the answer is larger than ${limits.maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
      const type = response.headers['content-type'];
      return { url: url.href, status: response.statusCode, contentType: typeof type === 'string' ? type : '', body: Buffer.concat(chunks) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
