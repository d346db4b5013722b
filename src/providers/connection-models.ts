// What the Ollama and OpenAI-compatible model lists share: the API's on/off switch, the connections
// read from the persistent config, each connection's list fetched through the cache, and the
// fields every published model gets from its connection (tags, connection type).
import type { PersistentConfig } from '../config/persistent.ts';
import type { Settings } from '../config/settings.ts';
import type { NodeBalancer } from './balancer.ts';
import type { OllamaConnection, OpenAIConnection } from './connections.ts';
import { ConnectionListCache } from './list-cache.ts';
import type { Upstream } from './upstream.ts';

export type RawModel = Record<string, unknown>;

export abstract class ConnectionModels<C extends OllamaConnection | OpenAIConnection> {
  private readonly cache: ConnectionListCache<RawModel>;

  constructor(
    protected readonly upstream: Upstream,
    balancer: NodeBalancer,
    protected readonly settings: Settings,
    protected readonly config: PersistentConfig,
    log: (message: string) => void,
  ) {
    this.cache = new ConnectionListCache(settings.modelsCacheTtlMs, balancer, log);
  }

  /** The setting that switches this API on and off. */
  protected abstract readonly switchKey: 'ENABLE_OLLAMA_API' | 'ENABLE_OPENAI_API';

  get enabled(): boolean {
    return this.config.get(this.switchKey);
  }

  /** The configured connections, read at each call (an admin's change applies at once). */
  abstract connections(): C[];

  /** Each connection's published models, in connection order (cached; none while the API is off). */
  protected async listsFor(connections: readonly C[], refresh: boolean): Promise<RawModel[][]> {
    if (!this.enabled) return [];
    return this.cache.forConnections(connections, (c) => this.fetch(c), refresh);
  }

  /** One connection's models as it publishes them (see `published`). */
  protected abstract fetch(connection: C): Promise<RawModel[]>;

  /** A model as its connection publishes it: the connection's tags (if any) and type. */
  protected published(connection: C, model: RawModel): RawModel {
    if (connection.tags.length > 0) model['tags'] = connection.tags;
    model['connection_type'] = connection.connectionType;
    return model;
  }
}
