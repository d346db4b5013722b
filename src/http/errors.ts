// FastAPI's error surface: {"detail": ...} bodies, 422 for validation, 404 "Not Found",
// 405 "Method Not Allowed", 500 without internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

const METHODS: HTTPMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
import { HTTPException } from '../lib/errors.ts';
import { RequestValidationError } from './validation.ts';

/** An authentication failure: the response also clears Open WebUI's auth cookies. */
export class AuthFailure extends HTTPException {}

const AUTH_COOKIES = ['token', 'oauth_id_token', 'oauth_session_id'] as const;

export class JsonBodyError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super('JSON decode error');
  }
}

function clearAuthCookies(request: FastifyRequest, reply: FastifyReply): void {
  for (const name of AUTH_COOKIES) if (request.cookies?.[name] !== undefined) reply.clearCookie(name, { path: '/' });
}

export function installErrorHandling(app: FastifyInstance, fallback: (request: FastifyRequest, reply: FastifyReply) => boolean): void {
  // Every registered method and path, for telling 405 (with its Allow header) from 404.
  const known = FindMyWay({ ignoreTrailingSlash: false });
  app.addHook('onRoute', (route) => {
    if (route.url.endsWith('*')) return; // static and SPA catch-alls
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && !known.hasRoute(method as HTTPMethod, route.url)) known.on(method as HTTPMethod, route.url, () => undefined);
    }
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof RequestValidationError) return reply.code(422).send({ detail: error.detail });
    if (error instanceof JsonBodyError) {
      return reply.code(422).send({
        detail: [{ type: 'json_invalid', loc: ['body', error.position], msg: 'JSON decode error', input: {}, ctx: { error: error.reason } }],
      });
    }
    if (error instanceof HTTPException) {
      if (error instanceof AuthFailure) clearAuthCookies(request, reply);
      if (error.headers) reply.headers(error.headers);
      return reply.code(error.statusCode).send({ detail: error.detail });
    }
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).send({ detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ detail: 'Internal Server Error' });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((m) => known.find(m, path));
    if (allowed.length) return reply.code(405).header('Allow', allowed.join(', ')).send({ detail: 'Method Not Allowed' });
    if (fallback(request, reply)) return reply;
    return reply.code(404).send({ detail: 'Not Found' });
  });
}

/** JSON bodies: an empty body is "no body" (the web client sends the header on bodiless POSTs). */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json/, { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      done(new JsonBodyError(m ? Number(m[1]) : 0, 'Expecting value'), undefined);
    }
  });
}
