// /api/v1/models (and /api/models): Open WebUI's models router, the workspace model records.
// `GET /api/v1/models` without a trailing slash is not here: it is the app-level model list.
import type { FastifyInstance } from 'fastify';
import { ModelsStore } from '../../stores/models.ts';
import { listRoutes } from './list.ts';
import { recordRoutes } from './records.ts';
import { transferRoutes } from './transfer.ts';

export async function modelsRouter(app: FastifyInstance): Promise<void> {
  const models = new ModelsStore(app.services.database);
  listRoutes(app, models);
  recordRoutes(app, models);
  transferRoutes(app, models);
}
