// The raw-body routes: POST /openai/audio/speech and the deprecated catch-all /openai/{path}
// (GET/POST/PUT/DELETE to connection 0 with key 0). Bodies are taken as bytes and sent on as they
// came. Fastify prefers static and parametric routes to a wildcard, so the catch-all never shadows
// the specific /openai routes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { OPENAI_OFFICIAL_BASE_URL } from '../../config/registry/openai.ts';
import { abortWhenClientLeaves, relay } from '../../providers/relay.ts';
import { UpstreamHttpError, joinUrl, parseOrText } from '../../providers/upstream.ts';
import { forward } from './forward.ts';
import { CONNECTION_ERROR } from '../../providers/messages.ts';
import { connectionHeaders } from './headers.ts';
import { targetFor } from './payload.ts';
import { isObject } from '../../lib/json.ts';

type Json = Record<string, unknown>;

const bytesOf = (request: FastifyRequest): Buffer | undefined => (Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : undefined);

function jsonOf(body: Buffer | undefined): Json | undefined {
  if (!body) return undefined;
  const parsed = parseOrText(body.toString('utf8'));
  return isObject(parsed) ? parsed : undefined;
}

export async function rawBodyRoutes(app: FastifyInstance): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const { providers, settings } = app.services;

  // Only with the official API configured; the answer is streamed back (upstream also caches it on disk).
  app.post('/audio/speech', { preValidation: verifiedUser }, async (request, reply) => {
    const idx = app.services.config.get('OPENAI_API_BASE_URLS').indexOf(OPENAI_OFFICIAL_BASE_URL);
    const connection = providers.openai.connections()[idx];
    if (idx < 0 || !connection) throw new HTTPException(401, ERROR_MESSAGES.OPENAI_NOT_FOUND());
    let response: Dispatcher.ResponseData;
    try {
      response = await providers.upstream.send(joinUrl(connection.url, '/audio/speech'), {
        method: 'POST',
        headers: connectionHeaders(settings, connection, request),
        body: bytesOf(request) ?? '',
        timeoutMs: settings.upstreamTimeoutMs,
        signal: abortWhenClientLeaves(reply),
      });
    } catch {
      throw new HTTPException(500, CONNECTION_ERROR);
    }
    if (response.statusCode < 400) return relay(reply, response);
    const failure = new UpstreamHttpError(response.statusCode, parseOrText(await response.body.text().catch(() => '')));
    const message = failure.upstreamMessage;
    throw new HTTPException(response.statusCode, message ? `External: ${message}` : CONNECTION_ERROR);
  });

  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE'],
    url: '/*',
    preValidation: verifiedUser,
    handler: async (request, reply) => {
      const user = userOf(request);
      const body = bytesOf(request);
      const json = jsonOf(body);
      // A body naming a model is held to the same model access rules as /chat/completions. Anything
      // else (files, batches, fine-tuning… on the admin's key) is for admins only; Open WebUI let
      // every user reach it.
      if (json && typeof json['model'] === 'string') await app.services.providers.catalogue.assertMayUse(user, json['model']);
      else if (user.role !== 'admin') throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
      const connection = providers.openai.connections()[0];
      if (!connection) throw new HTTPException(500, CONNECTION_ERROR);
      const rest = request.url.slice(app.prefix.length + 1);
      const [path = '', query] = rest.split(/\?(.*)/s);
      const target = connection.azure ? targetFor(connection, path, json ?? {}) : { url: joinUrl(connection.url, path) + (query ? `?${query}` : ''), body };
      return forward(providers.upstream, reply, target.url, {
        method: request.method as Dispatcher.HttpMethod,
        headers: connectionHeaders(settings, connection, request),
        body: target.body,
        timeoutMs: settings.upstreamTimeoutMs,
      });
    },
  });
}
