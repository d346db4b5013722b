// /api/v1/configs (and /api/configs): the 15 routes of Open WebUI's configs router.
import type { FastifyInstance } from 'fastify';
import { documentRoutes } from './document.ts';
import { settingsRoutes } from './settings.ts';
import { toolServerRoutes } from './tool-servers.ts';

export async function configsRouter(app: FastifyInstance): Promise<void> {
  await app.register(documentRoutes);
  await app.register(settingsRoutes);
  await app.register(toolServerRoutes);
}
