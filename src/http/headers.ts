// Response headers every route gets: Open WebUI's X-Process-Time and the configured security headers.
import type { FastifyInstance } from 'fastify';
import type { SecurityHeaders } from '../config/security-headers.ts';

// Callback-style hooks: they run on every request, and an async hook costs a promise each time.
export function installResponseHeaders(app: FastifyInstance, security: SecurityHeaders): void {
  const securityHeaders = Object.entries(security);
  app.addHook('onRequest', (request, _reply, done) => {
    (request as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const started = (request as { startedAt?: bigint }).startedAt ?? process.hrtime.bigint();
    reply.header('X-Process-Time', String(Math.floor(Number(process.hrtime.bigint() - started) / 1e9)));
    for (const [name, value] of securityHeaders) reply.header(name, value);
    done(null, payload);
  });
}
