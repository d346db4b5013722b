// /ollama: Open WebUI's Ollama proxy (api-rest.md §4.1).
import type { FastifyInstance } from 'fastify';

export async function ollamaRouter(_app: FastifyInstance): Promise<void> {}
