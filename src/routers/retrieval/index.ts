// /api/v1/retrieval: the 17 routes of Open WebUI's retrieval router (config, processing, queries,
// web search, maintenance).
import type { FastifyInstance } from 'fastify';
import { FilesStore } from '../../stores/files.ts';
import { adminRoutes } from './admin.ts';
import { configRoutes } from './config.ts';
import { processRoutes } from './process.ts';
import { queryRoutes } from './query.ts';
import { webSearchRoutes } from './web-search.ts';

export async function retrievalRouter(app: FastifyInstance): Promise<void> {
  const files = new FilesStore(app.services.database);
  configRoutes(app);
  processRoutes(app, files);
  webSearchRoutes(app);
  queryRoutes(app, files);
  adminRoutes(app, files);
}
