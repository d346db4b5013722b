// /v1: the stateless OpenAI-compatible layer (seed 004): any configured model in OpenAI's format.
import type { FastifyInstance } from 'fastify';

export async function compatRouter(_app: FastifyInstance): Promise<void> {}
