// Model lists per connection, reused for MODELS_CACHE_TTL. A node that failed is not waited for:
// its last list (or none) is answered at once while a fresh fetch goes on in the background, so one
// dead upstream never slows the catalogue (Open WebUI waits for it on every call).
import type { NodeBalancer } from './balancer.ts';

interface Entry<T> {
  at: number;
  value: T[];
  pending: Promise<T[]> | undefined;
}

/** What tells one connection's list apart: its place, URL, key and settings. */
interface ListedConnection {
  idx: number;
  url: string;
  enable: boolean;
  key?: string | undefined;
  raw: Record<string, unknown>;
}

export class ConnectionListCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly balancer: NodeBalancer,
    private readonly log: (message: string) => void,
  ) {}

  /** One connection's list, identified by `key` (its URL and settings); `url` is the node. */
  private async get(key: string, url: string, fetch: () => Promise<T[]>, refresh = false): Promise<T[]> {
    const entry = this.entries.get(key);
    if (entry && !refresh && Date.now() - entry.at < this.ttlMs) return entry.value;
    const pending = entry?.pending ?? this.start(key, url, fetch);
    if (this.balancer.isDown(url)) return entry?.value ?? [];
    return pending;
  }

  /** Every connection's list, in connection order; a disabled connection lists nothing. */
  async forConnections<C extends ListedConnection>(connections: readonly C[], fetch: (connection: C) => Promise<T[]>, refresh: boolean): Promise<T[][]> {
    return Promise.all(
      connections.map((c) => (c.enable ? this.get(`${c.idx} ${c.url} ${c.key ?? ''} ${JSON.stringify(c.raw)}`, c.url, () => fetch(c), refresh) : [])),
    );
  }

  private start(key: string, url: string, fetch: () => Promise<T[]>): Promise<T[]> {
    const previous = this.entries.get(key);
    const entry: Entry<T> = { at: previous?.at ?? 0, value: previous?.value ?? [], pending: undefined };
    const settle = (value: T[]) => {
      entry.at = Date.now();
      entry.value = value;
      entry.pending = undefined;
      return value;
    };
    entry.pending = fetch().then(
      (value) => {
        this.balancer.succeeded(url);
        return settle(value);
      },
      (error: unknown) => {
        this.balancer.failed(url);
        this.log(`model list from ${withoutCredentials(url)} failed: ${error instanceof Error ? error.message : String(error)}`);
        return settle([]);
      },
    );
    this.entries.set(key, entry);
    return entry.pending;
  }
}

/** A URL fit for the log: user and password, if any, left out. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return '(unparsable URL)';
  }
}
