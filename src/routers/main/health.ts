// Liveness probes: /health answers while the process runs, /health/db also needs the database.
import type { FastifyInstance } from 'fastify';
import { selectOne } from '../../stores/health.ts';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;

  app.get('/health', async () => ({ status: true }));

  // A failing query surfaces as 500, as upstream's does.
  app.get('/health/db', async () => {
    await selectOne(services.database);
    return { status: true };
  });
}
