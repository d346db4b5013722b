// Monitoring and operations (not in Open WebUI 0.6.43): a status summary and a config reload that
// reaches every instance.
import type { FastifyInstance } from 'fastify';
import { adminUser } from '../../auth/guards.ts';
import { reloadEverywhere } from '../../config/sync.ts';
import { databaseAlive } from '../../stores/health.ts';

export async function systemRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;

  app.get('/api/system/status', { preValidation: adminUser }, async () => {
    const [dbOk, redisOk] = await Promise.all([databaseAlive(services.database), services.redis?.ping()]);
    return {
      status: true,
      version: services.version,
      uptime_s: Math.floor((Date.now() - services.startedAt) / 1000),
      db: { ok: dbOk, dialect: services.database.dialect },
      redis: services.redis ? { ok: redisOk === true } : null,
      upstreams: await services.providers.probe(),
    };
  });

  app.post('/api/system/reload', { preValidation: adminUser }, async () => {
    await reloadEverywhere(services);
    return { status: true };
  });
}
