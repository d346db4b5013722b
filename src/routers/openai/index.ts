// /openai: Open WebUI's OpenAI-compatible proxy (api-rest.md §4.2).
import type { FastifyInstance } from 'fastify';
import { ModelsStore } from '../../stores/models.ts';
import { chatRoutes } from './chat.ts';
import { configRoutes } from './config.ts';
import { modelRoutes } from './models.ts';
import { rawBodyRoutes } from './proxy.ts';

export async function openaiRouter(app: FastifyInstance): Promise<void> {
  const records = new ModelsStore(app.services.database);
  configRoutes(app);
  modelRoutes(app);
  chatRoutes(app, records);
  // Its own scope: it takes every body as raw bytes.
  await app.register(rawBodyRoutes);
}
