// /api/v1/users (and /api/users): the 20 routes of Open WebUI's users router. Literal paths
// (/all, /search, /groups, /user/…, /default/permissions) win over /{user_id} in Fastify's router.
import type { FastifyInstance } from 'fastify';
import { listRoutes } from './list.ts';
import { selfRoutes } from './self.ts';
import { defaultPermissionRoutes } from './default-permissions.ts';
import { byIdRoutes } from './by-id.ts';
import { oauthSessionRoutes } from './oauth-sessions.ts';
import { manageRoutes } from './manage.ts';

export async function usersRouter(app: FastifyInstance): Promise<void> {
  await app.register(listRoutes);
  await app.register(selfRoutes);
  await app.register(defaultPermissionRoutes);
  await app.register(byIdRoutes);
  await app.register(oauthSessionRoutes);
  await app.register(manageRoutes);
}
