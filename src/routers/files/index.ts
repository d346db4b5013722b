// /api/v1/files: the 12 routes of Open WebUI's files router.
import type { FastifyInstance } from 'fastify';
import { FilesStore } from '../../stores/files.ts';
import { contentRoutes } from './content.ts';
import { readRoutes } from './read.ts';
import { uploadRoutes } from './upload.ts';
import { writeRoutes } from './write.ts';

export async function filesRouter(app: FastifyInstance): Promise<void> {
  const files = new FilesStore(app.services.database);
  uploadRoutes(app, files);
  writeRoutes(app, files);
  readRoutes(app, files);
  contentRoutes(app, files);
}
