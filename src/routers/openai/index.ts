// /openai: Open WebUI's OpenAI-compatible proxy (api-rest.md §4.2).
import type { FastifyInstance } from 'fastify';

export async function openaiRouter(_app: FastifyInstance): Promise<void> {}
