// Model lists and versions: merged over every enabled node, or of one pinned node (`{url_idx}`).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { epochSeconds } from '../../lib/time.ts';
import type { OllamaConnection } from '../../providers/connections.ts';
import { ollamaAuthHeaders } from '../../providers/ollama-models.ts';
import { joinUrl } from '../../providers/upstream.ts';
import type { Services } from '../../services.ts';
import type { UserModel } from '../../stores/users.ts';
import { forwardJson } from './forward.ts';
import { connectionAt } from './routing.ts';
import { UrlIdxParams } from './schemas.ts';
import { isObject } from '../../lib/json.ts';

type Json = Record<string, unknown>;
const modelsOf = (response: unknown): Json[] => (isObject(response) && Array.isArray(response['models']) ? response['models'].filter(isObject) : []);

/** Keeps, for a `user`, the models they may use (a workspace record they own or may read). */
async function usable<T>(services: Services, user: UserModel, models: T[], idOf: (m: T) => unknown): Promise<T[]> {
  if (user.role !== 'user') return models;
  const allowed = await Promise.all(models.map((m) => services.providers.catalogue.mayUse(user, String(idOf(m)))));
  return models.filter((_, i) => allowed[i]);
}

/** Every enabled node's answer to a GET (model-list timeout; a failing node is left out). */
async function fromEachNode(services: Services, path: string): Promise<Array<{ node: OllamaConnection; body: unknown }>> {
  const { providers, settings } = services;
  const nodes = providers.ollama.connections().filter((c) => c.enable);
  const answers = await Promise.all(
    nodes.map((node) =>
      providers.upstream
        .json(joinUrl(node.url, path), { headers: ollamaAuthHeaders(node), timeoutMs: settings.modelListTimeoutMs })
        .then((body) => ({ node, body }))
        .catch(() => undefined),
    ),
  );
  return answers.filter((a) => a !== undefined);
}

/** `0.6.5`, `v0.6.5-rc1` → [0, 6, 5] (what Open WebUI compares). */
const versionKey = (version: string): number[] => version.replace(/^v|-.*/g, '').split('.').map((n) => Number.parseInt(n, 10) || 0);

function lower(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

/** One node's /api/tags (errors in the `request` style). */
async function nodeTags(services: Services, idx: number): Promise<unknown> {
  return forwardJson(services, [connectionAt(services, idx)], '/api/tags', { timeoutMs: services.settings.modelListTimeoutMs }, 'request');
}

const asOpenAI = (id: unknown) => ({ id, object: 'model', created: epochSeconds(), owned_by: 'openai' });

export async function modelRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { providers, config } = services;

  app.get('/api/tags', { preValidation: verifiedUser }, async (request) => {
    const models = await providers.ollama.list();
    return { models: await usable(services, userOf(request), models, (m) => m.model) };
  });

  app.get('/api/tags/:url_idx', { preValidation: verifiedUser, schema: { params: UrlIdxParams } }, async (request) => {
    const answer = await nodeTags(services, request.params.url_idx);
    if (!isObject(answer)) return answer;
    return { ...answer, models: await usable(services, userOf(request), modelsOf(answer), (m) => m['model']) };
  });

  app.get('/api/ps', { preValidation: adminUser }, async () => {
    if (!config.get('ENABLE_OLLAMA_API')) return { models: [] };
    const merged = new Map<string, Json & { urls: number[] }>();
    for (const { node, body } of await fromEachNode(services, '/api/ps')) {
      for (const model of modelsOf(body)) {
        const name = node.prefixId ? `${node.prefixId}.${String(model['model'])}` : String(model['model']);
        const seen = merged.get(name);
        if (seen) seen.urls.push(node.idx);
        else merged.set(name, { ...model, model: name, urls: [node.idx] });
      }
    }
    return { models: [...merged.values()] };
  });

  app.get('/api/version', async () => {
    if (!config.get('ENABLE_OLLAMA_API')) return { version: false };
    const versions = (await fromEachNode(services, '/api/version'))
      .map(({ body }) => (isObject(body) && typeof body['version'] === 'string' ? body['version'] : undefined))
      .filter((v) => v !== undefined);
    const lowest = versions.reduce<string | undefined>((low, v) => (low === undefined || lower(versionKey(v), versionKey(low)) ? v : low), undefined);
    if (lowest === undefined) throw new HTTPException(500, ERROR_MESSAGES.OLLAMA_NOT_FOUND);
    return { version: lowest };
  });

  app.get('/api/version/:url_idx', { schema: { params: UrlIdxParams } }, async (request) => {
    if (!config.get('ENABLE_OLLAMA_API')) return { version: false };
    const node = connectionAt(services, request.params.url_idx);
    return forwardJson(services, [node], '/api/version', { timeoutMs: services.settings.modelListTimeoutMs }, 'request');
  });

  app.get('/v1/models', { preValidation: verifiedUser }, async (request) => {
    const models = (await providers.ollama.list()).map((m) => asOpenAI(m.model));
    return { data: await usable(services, userOf(request), models, (m) => m.id), object: 'list' };
  });

  // Open WebUI's version of this route always fails (it reads the wrong variable); this one works.
  app.get('/v1/models/:url_idx', { preValidation: verifiedUser, schema: { params: UrlIdxParams } }, async (request) => {
    const models = modelsOf(await nodeTags(services, request.params.url_idx)).map((m) => asOpenAI(m['model']));
    return { data: await usable(services, userOf(request), models, (m) => m.id), object: 'list' };
  });
}
