// /api/v1/knowledge: the 14 routes of Open WebUI's knowledge router. Literal paths (`/search`,
// `/search/files`, `/reindex`, `/create`) win over `/{id}` in Fastify's router.
import type { FastifyInstance } from 'fastify';
import { FilesStore } from '../../stores/files.ts';
import { KnowledgeStore } from '../../stores/knowledge.ts';
import { batchRoutes } from './batch.ts';
import { fileRoutes } from './files.ts';
import { listRoutes } from './list.ts';
import { recordRoutes } from './records.ts';
import { reindexRoutes } from './reindex.ts';

export async function knowledgeRouter(app: FastifyInstance): Promise<void> {
  const store = new KnowledgeStore(app.services.database);
  const files = new FilesStore(app.services.database);
  listRoutes(app, store, files);
  reindexRoutes(app, store, files);
  recordRoutes(app, store, files);
  fileRoutes(app, store, files);
  batchRoutes(app, store, files);
}
