// The OpenAI-compatible model list as Open WebUI merges it (api-rest.md §4.2): each enabled
// connection's `/models` (or a list made from its `model_ids`), `<prefix_id>.` ids, tags and
// connection type; on a duplicate id the first connection wins.
import { openaiConnections, type OpenAIConnection } from './connections.ts';
import { ConnectionModels, type RawModel } from './connection-models.ts';
import { joinUrl } from './upstream.ts';
import { isObject } from '../lib/json.ts';

export type OpenAIModel = Record<string, unknown> & { id: string; name: string; owned_by: 'openai'; openai: Record<string, unknown>; urlIdx: number };

/** Models of api.openai.com that cannot chat. */
const NOT_CHAT_MODELS = ['babbage', 'dall-e', 'davinci', 'embedding', 'tts', 'whisper'];
const AZURE_DEFAULT_API_VERSION = '2023-03-15-preview';

/**
 * The headers that authenticate a call to an OpenAI-compatible connection, as Open WebUI sends them:
 * a bearer token by `auth_type` (`bearer`: the key; `session`: the caller's own credential, none for
 * calls made for no one, like the shared model list; `system_oauth` and Entra ID need tokens this
 * server cannot obtain yet, so none), and Azure's `api-key` unless Entra ID authenticates.
 */
export function openaiAuthHeaders(connection: OpenAIConnection, sessionToken?: string): Record<string, string> {
  const token = connection.authType === 'bearer' ? connection.key : connection.authType === 'session' ? sessionToken : undefined;
  const entra = connection.authType === 'azure_ad' || connection.authType === 'microsoft_entra_id';
  return {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(connection.azure && !entra && connection.key ? { 'api-key': connection.key } : {}),
  };
}

export function azureApiVersion(connection: OpenAIConnection): string {
  return connection.apiVersion ?? AZURE_DEFAULT_API_VERSION;
}

export class OpenAIModels extends ConnectionModels<OpenAIConnection> {
  protected readonly switchKey = 'ENABLE_OPENAI_API';

  connections(): OpenAIConnection[] {
    return openaiConnections(this.config);
  }

  async list(refresh = false): Promise<OpenAIModel[]> {
    const connections = this.connections();
    const lists = await this.listsFor(connections, refresh);
    const merged = new Map<string, OpenAIModel>();
    lists.forEach((models, idx) => {
      const official = connections[idx]?.url.includes('api.openai.com') ?? false;
      for (const model of models) {
        const id = typeof model['id'] === 'string' && model['id'] ? model['id'] : typeof model['name'] === 'string' ? model['name'] : '';
        if (!id || merged.has(id)) continue;
        if (official && NOT_CHAT_MODELS.some((word) => id.includes(word))) continue;
        merged.set(id, { ...model, id, name: typeof model['name'] === 'string' ? model['name'] : id, owned_by: 'openai', openai: model, connection_type: model['connection_type'] ?? 'external', urlIdx: idx });
      }
    });
    return [...merged.values()];
  }

  async find(id: string): Promise<OpenAIModel | undefined> {
    return (await this.list()).find((m) => m.id === id);
  }

  /** One connection's models as published: prefix, tags, connection type. */
  protected async fetch(connection: OpenAIConnection): Promise<RawModel[]> {
    let models: RawModel[];
    if (connection.modelIds.length > 0) {
      models = connection.modelIds.map((id) => ({ id, name: id, owned_by: 'openai', openai: { id }, urlIdx: connection.idx }));
    } else {
      const url = connection.azure ? `${joinUrl(connection.url, '/openai/models')}?api-version=${encodeURIComponent(azureApiVersion(connection))}` : joinUrl(connection.url, '/models');
      const response = await this.upstream.json(url, { headers: openaiAuthHeaders(connection), timeoutMs: this.settings.modelListTimeoutMs });
      const data = Array.isArray(response) ? response : isObject(response) && Array.isArray(response['data']) ? response['data'] : [];
      models = data.filter(isObject);
    }
    return models.map((raw) => {
      const model: RawModel = { ...raw };
      if (model['name'] === null) delete model['name'];
      if (connection.prefixId) model['id'] = `${connection.prefixId}.${String(model['id'] ?? model['name'] ?? '')}`;
      return this.published(connection, model);
    });
  }
}
