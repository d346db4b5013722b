// Admin views of other users' chats: the whole-database export and a user's chat list.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { ChatsContext } from './context.ts';
import { PAGE_SIZE } from './crud.ts';
import { ArchivedListQuery, UserIdParams } from './schemas.ts';

export function adminRoutes(base: FastifyInstance, { chats }: ChatsContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { settings } = app.services;

  app.get('/all/db', { preValidation: adminUser }, async () => {
    if (!settings.enableAdminExport) throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    return chats.listEverything();
  });

  // Archived chats included, as upstream; same query/order options as `/archived`.
  app.get('/list/user/:user_id', { preValidation: adminUser, schema: { params: UserIdParams, querystring: ArchivedListQuery } }, async (request) => {
    if (!settings.enableAdminChatAccess) throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    const { page = 1, query, order_by, direction } = request.query;
    return chats.listArchived(request.params.user_id, { query, orderBy: order_by, direction, skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, false);
  });
}
