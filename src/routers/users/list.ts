// Listing users: the admin's paged table, everyone's user picker, and the admin's full list.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, verifiedUser } from '../../auth/guards.ts';
import { userOut } from './responses.ts';
import { UserListQuery } from './schemas.ts';

const PAGE_SIZE = 30;

/** Open WebUI clamps the page to at least 1. */
const pageOf = (page = 1) => ({ skip: (Math.max(1, page) - 1) * PAGE_SIZE, limit: PAGE_SIZE });

export async function listRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { users } = app.services;

  app.get('/', { preValidation: adminUser, schema: { querystring: UserListQuery } }, async (request) => {
    const { query, order_by, direction, page } = request.query;
    const result = await users.list({ query, orderBy: order_by, direction, page: pageOf(page) });
    return { users: result.users.map(userOut), total: result.total };
  });

  app.get('/all', { preValidation: adminUser }, async () => users.listInfo({}));

  app.get('/search', { preValidation: verifiedUser, schema: { querystring: UserListQuery } }, async (request) => {
    const { query, order_by, direction, page } = request.query;
    return users.listInfo({ query, orderBy: order_by, direction, page: pageOf(page) });
  });
}
