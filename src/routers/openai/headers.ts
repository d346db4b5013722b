// The headers of a call to an OpenAI-compatible connection, in Open WebUI's order: content type,
// OpenRouter's attribution, who is asking (when forwarded), the credential, then the connection's
// own `headers` over all of them; Azure adds its `api-version`.
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../auth/guards.ts';
import type { Settings } from '../../config/settings.ts';
import type { OpenAIConnection } from '../../providers/connections.ts';
import { azureApiVersion, openaiAuthHeaders } from '../../providers/openai-models.ts';
import { userInfoHeaders } from '../../providers/user-headers.ts';
import { isObject } from '../../lib/json.ts';

export function connectionHeaders(settings: Pick<Settings, 'forwardUserInfoHeaders'>, connection: OpenAIConnection, request: FastifyRequest, chatId?: string): Record<string, string> {
  const { user, token } = principalOf(request);
  return {
    'content-type': 'application/json',
    ...(connection.url.includes('openrouter.ai') ? { 'HTTP-Referer': 'https://openwebui.com/', 'X-Title': 'Open WebUI' } : {}),
    ...userInfoHeaders(settings, user, chatId),
    ...openaiAuthHeaders(connection, token),
    ...connection.headers,
    ...(connection.azure ? { 'api-version': azureApiVersion(connection) } : {}),
  };
}

/** A connection described by a form (POST /verify) rather than the stored config. */
export function connectionFromForm(url: string, key: string, config: Record<string, unknown> | null | undefined): OpenAIConnection {
  const raw = config ?? {};
  const headers = isObject(raw['headers']) ? Object.fromEntries(Object.entries(raw['headers']).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  return {
    idx: -1,
    url: url.replace(/\/+$/, ''),
    enable: true,
    prefixId: undefined,
    modelIds: [],
    tags: [],
    connectionType: 'external',
    raw,
    key,
    authType: typeof raw['auth_type'] === 'string' && raw['auth_type'] ? raw['auth_type'] : 'bearer',
    headers,
    azure: raw['azure'] === true,
    apiVersion: typeof raw['api_version'] === 'string' && raw['api_version'] ? raw['api_version'] : undefined,
  };
}
