// /api/v1/functions/: the stored functions without their code (the web UI loads them when a chat
// opens). This server does not run Open WebUI's Python functions; the rest of the router is not served.
import type { FastifyInstance } from 'fastify';
import { verifiedUser } from '../../auth/guards.ts';
import { FunctionsStore } from '../../stores/functions.ts';

export async function functionsRouter(app: FastifyInstance): Promise<void> {
  const functions = new FunctionsStore(app.services.database);

  app.get('/', { preValidation: verifiedUser }, async () => functions.list());
}
