// /api/v1/prompts (and /api/prompts): the 6 routes of Open WebUI's prompts router, plus seed 004's
// `POST /api/prompts`. Prompts are keyed by command and shared through access_control.
import type { FastifyInstance } from 'fastify';
import { PromptsStore } from '../../stores/prompts.ts';
import { readRoutes } from './read.ts';
import { writeRoutes } from './write.ts';

export async function promptsRouter(app: FastifyInstance): Promise<void> {
  const prompts = new PromptsStore(app.services.database);
  readRoutes(app, prompts);
  writeRoutes(app, prompts);
}
