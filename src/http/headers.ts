// Response headers every route gets: Open WebUI's X-Process-Time and the configured security headers.
import type { FastifyInstance } from 'fastify';
import type { SecurityHeaders } from '../config/security-headers.ts';

export function installResponseHeaders(app: FastifyInstance, security: SecurityHeaders): void {
  app.addHook('onRequest', async (request) => {
    (request as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const started = (request as { startedAt?: bigint }).startedAt ?? process.hrtime.bigint();
    reply.header('X-Process-Time', String(Math.floor(Number(process.hrtime.bigint() - started) / 1e9)));
    for (const [name, value] of Object.entries(security)) reply.header(name, value);
    return payload;
  });
}
