// POST /process/web/search: search the web for the queries and keep what the result pages say.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, errorMessage, HTTPException } from '../../lib/errors.ts';
import { NoWebResults, runWebSearch } from '../../retrieval/web-search-run.ts';
import { SearchForm } from './schemas.ts';

export function webSearchRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config, retrieval } = app.services;
  app.post('/process/web/search', { preValidation: verifiedUser, schema: { body: SearchForm } }, async (request) => {
    try {
      return await runWebSearch(retrieval, config, request.body.queries);
    } catch (error) {
      if (error instanceof NoWebResults) throw new HTTPException(404, ERROR_MESSAGES.DEFAULT(error.message));
      throw new HTTPException(400, ERROR_MESSAGES.WEB_SEARCH_ERROR(errorMessage(error)));
    }
  });
}
