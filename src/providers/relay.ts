// Relaying an upstream answer to the client as it arrives: the upstream status and headers (without
// hop-by-hop ones) and the body chunk by chunk. Fastify pipes the stream; when the client goes away
// the pipe destroys the upstream body, which aborts the upstream request.
import type { FastifyReply } from 'fastify';
import type { UpstreamResponse } from './upstream.ts';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection', 'te', 'trailer']);

export function relay(reply: FastifyReply, response: UpstreamResponse, overrides: Record<string, string> = {}): FastifyReply {
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) reply.header(name, value);
  }
  for (const [name, value] of Object.entries(overrides)) reply.header(name, value);
  return reply.code(response.statusCode).send(response.body);
}

/** A signal that fires when the client goes away before its answer was sent (drops the upstream call). */
export function abortWhenClientLeaves(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
