// Ollama's model list as Open WebUI merges it (api-rest.md §4.1): every enabled connection's
// /api/tags in parallel, `model_ids` allow-list, `<prefix_id>.` names, tags and connection type;
// a model on several nodes is kept once with all their indexes in `urls`; `expires_at` from /api/ps.
import { ollamaConnections, type OllamaConnection } from './connections.ts';
import { ConnectionModels, type RawModel } from './connection-models.ts';
import { joinUrl } from './upstream.ts';
import { isObject } from '../lib/json.ts';

export type OllamaModel = Record<string, unknown> & { model: string; name: string; urls: number[] };

function modelsOf(response: unknown): RawModel[] {
  const models = isObject(response) ? response['models'] : undefined;
  return Array.isArray(models) ? models.filter((m): m is RawModel => isObject(m) && typeof m['model'] === 'string') : [];
}

export function ollamaAuthHeaders(connection: OllamaConnection): Record<string, string> {
  return connection.key ? { authorization: `Bearer ${connection.key}` } : {};
}

export class OllamaModels extends ConnectionModels<OllamaConnection> {
  protected readonly switchKey = 'ENABLE_OLLAMA_API';

  connections(): OllamaConnection[] {
    return ollamaConnections(this.config);
  }

  /** The merged list (empty when the Ollama API is off). */
  async list(refresh = false): Promise<OllamaModel[]> {
    const lists = await this.listsFor(this.connections(), refresh);
    const merged = new Map<string, OllamaModel>();
    lists.forEach((models, idx) => {
      for (const model of models) {
        const name = model['model'] as string;
        const seen = merged.get(name);
        if (seen) seen.urls.push(idx);
        else merged.set(name, { ...model, model: name, name: String(model['name'] ?? name), urls: [idx] });
      }
    });
    return [...merged.values()];
  }

  /** The merged entry of a model (a published name, prefix included). */
  async find(name: string): Promise<OllamaModel | undefined> {
    return (await this.list()).find((m) => m.model === name);
  }

  /** One connection's models, as published: allow-list, prefix, tags, connection type, expiry. */
  protected async fetch(connection: OllamaConnection): Promise<RawModel[]> {
    const options = { headers: ollamaAuthHeaders(connection), timeoutMs: this.settings.modelListTimeoutMs };
    const [tags, loaded] = await Promise.all([
      this.upstream.json(joinUrl(connection.url, '/api/tags'), options),
      this.upstream.json(joinUrl(connection.url, '/api/ps'), options).catch(() => null),
    ]);
    const expiry = new Map(modelsOf(loaded).map((m) => [m['model'] as string, m['expires_at']]));
    let models = modelsOf(tags);
    if (connection.modelIds.length > 0) models = models.filter((m) => connection.modelIds.includes(m['model'] as string));
    return models.map((m) => {
      const published = this.published(connection, { ...m, model: connection.prefixId ? `${connection.prefixId}.${String(m['model'])}` : m['model'] });
      const expiresAt = expiry.get(m['model'] as string);
      if (typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt))) published['expires_at'] = Math.floor(Date.parse(expiresAt) / 1000);
      return published;
    });
  }
}
