// /api/v1/groups (and /api/groups): the 9 routes of Open WebUI's groups router.
import type { FastifyInstance } from 'fastify';
import { groupRoutes } from './groups.ts';
import { memberRoutes } from './members.ts';

export async function groupsRouter(app: FastifyInstance): Promise<void> {
  await app.register(groupRoutes);
  await app.register(memberRoutes);
}
