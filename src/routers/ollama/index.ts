// /ollama: Open WebUI's Ollama proxy (api-rest.md §4.1).
import type { FastifyInstance } from 'fastify';
import { ModelsStore } from '../../stores/models.ts';
import { adminRoutes } from './admin.ts';
import { chatRoutes } from './chat.ts';
import { configRoutes } from './config.ts';
import { downloadRoutes } from './download.ts';
import { uploadRoutes } from './upload.ts';
import { inferenceRoutes } from './inference.ts';
import { modelRoutes } from './models.ts';

export async function ollamaRouter(app: FastifyInstance): Promise<void> {
  await app.register(configRoutes);
  await app.register(modelRoutes);
  inferenceRoutes(app);
  chatRoutes(app, new ModelsStore(app.services.database));
  adminRoutes(app);
  await app.register(downloadRoutes);
  await app.register(uploadRoutes);
}
