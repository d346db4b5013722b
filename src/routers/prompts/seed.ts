import type { FastifyInstance } from 'fastify';

/** Seed 004 serves `GET` and `POST /api/prompts` (no trailing slash); only the /api alias mount has them. */
export const isSeedMount = (app: FastifyInstance): boolean => app.prefix === '/api/prompts';
