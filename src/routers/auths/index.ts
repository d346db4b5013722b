// /api/v1/auths (and /api/auths): the 18 routes of Open WebUI's auths router.
import type { FastifyInstance } from 'fastify';
import { sessionRoutes } from './session.ts';
import { accountRoutes } from './account.ts';
import { adminRoutes } from './admin.ts';

export async function authsRouter(app: FastifyInstance): Promise<void> {
  await app.register(sessionRoutes);
  await app.register(accountRoutes);
  await app.register(adminRoutes);
}
