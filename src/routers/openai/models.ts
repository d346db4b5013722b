// GET /openai/models (the merged list), GET /openai/models/{url_idx} (one connection's own answer)
// and POST /openai/verify (admin: try a connection before saving it). For role user the lists keep
// only the models they may use, as upstream.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminUser, userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { OpenAIConnection } from '../../providers/connections.ts';
import { azureApiVersion } from '../../providers/openai-models.ts';
import { UpstreamHttpError, joinUrl } from '../../providers/upstream.ts';
import type { Services } from '../../services.ts';
import type { UserModel } from '../../stores/users.ts';
import { answer } from './forward.ts';
import { CONNECTION_ERROR } from '../../providers/messages.ts';
import { connectionFromForm, connectionHeaders } from './headers.ts';
import { isObject } from '../../lib/json.ts';

type Json = Record<string, unknown>;

const NOT_CHAT_MODELS = ['babbage', 'dall-e', 'davinci', 'embedding', 'tts', 'whisper'];

const UrlIdxParams = z.object({ url_idx: z.coerce.number().int().min(0) });
const ConnectionVerificationForm = z.object({ url: z.string(), key: z.string(), config: z.record(z.string(), z.unknown()).nullish() });

/** Role user sees only models they may use (unless BYPASS_MODEL_ACCESS_CONTROL). */
async function usable<T>(services: Services, user: UserModel, models: T[]): Promise<T[]> {
  if (user.role !== 'user' || services.settings.bypassModelAccessControl) return models;
  const idOf = (m: T) => (typeof m === 'string' ? m : isObject(m) && typeof m['id'] === 'string' ? m['id'] : undefined);
  const allowed = await Promise.all(models.map((m) => {
    const id = idOf(m);
    return id !== undefined && services.providers.catalogue.mayUse(user, id);
  }));
  return models.filter((_, i) => allowed[i]);
}

function modelsUrl(connection: OpenAIConnection): string {
  return connection.azure ? `${joinUrl(connection.url, '/openai/models')}?api-version=${encodeURIComponent(azureApiVersion(connection))}` : joinUrl(connection.url, '/models');
}

export function modelRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { providers, settings } = services;

  app.get('/models', { preValidation: verifiedUser }, async (request) => {
    const models = await providers.openai.list();
    return { data: await usable(services, userOf(request), models) };
  });

  app.get('/models/:url_idx', { preValidation: verifiedUser, schema: { params: UrlIdxParams } }, async (request) => {
    const user = userOf(request);
    const connection = providers.openai.connections()[request.params.url_idx];
    if (!connection) throw new HTTPException(404, ERROR_MESSAGES.NOT_FOUND);
    let models: Json;
    if (connection.azure) {
      models = { data: connection.modelIds, object: 'list' };
    } else {
      try {
        const response = await providers.upstream.json(joinUrl(connection.url, '/models'), {
          headers: connectionHeaders(settings, connection, request),
          timeoutMs: settings.modelListTimeoutMs,
        });
        models = isObject(response) ? response : { data: Array.isArray(response) ? response : [] };
      } catch (error) {
        if (!(error instanceof UpstreamHttpError)) throw new HTTPException(500, CONNECTION_ERROR);
        const external = error.upstreamMessage;
        throw new HTTPException(500, `Unexpected error: ${external ? `External Error: ${external}` : `HTTP Error: ${error.status}`}`);
      }
      if (connection.url.includes('api.openai.com') && Array.isArray(models['data'])) {
        models['data'] = models['data'].filter((m) => !(isObject(m) && typeof m['id'] === 'string' && NOT_CHAT_MODELS.some((w) => (m['id'] as string).includes(w))));
      }
    }
    if (Array.isArray(models['data'])) models['data'] = await usable(services, user, models['data']);
    return models;
  });

  app.post('/verify', { preValidation: adminUser, schema: { body: ConnectionVerificationForm } }, async (request, reply) => {
    const { url, key, config } = request.body;
    const connection = connectionFromForm(url, key, config);
    let response;
    try {
      response = await providers.upstream.send(modelsUrl(connection), {
        headers: connectionHeaders(settings, connection, request),
        timeoutMs: settings.modelListTimeoutMs,
      });
    } catch {
      throw new HTTPException(500, CONNECTION_ERROR);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch {
      throw new HTTPException(500, CONNECTION_ERROR);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
    return answer(reply, response.statusCode, data);
  });
}
