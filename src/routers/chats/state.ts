// Pinning and archiving, and the whole-chat lists (`/all`, `/all/archived`).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { tagsOf } from '../../stores/chats.ts';
import type { ChatsContext } from './context.ts';
import { PAGE_SIZE } from './crud.ts';
import { ArchivedListQuery, IdParams } from './schemas.ts';

export function stateRoutes(base: FastifyInstance, { chats, tags, dropUnusedTags }: ChatsContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/pinned', { preValidation: verifiedUser }, async (request) => chats.listPinned(userOf(request).id));

  app.get('/:id/pinned', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const chat = await chats.getMetaOwned(request.params.id, userOf(request).id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.DEFAULT());
    return chat.pinned;
  });

  app.post('/:id/pin', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const chat = await chats.togglePinned(request.params.id, userOf(request).id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.DEFAULT());
    return chat;
  });

  app.post('/:id/archive', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const user = userOf(request);
    const chat = await chats.toggleArchived(request.params.id, user.id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.DEFAULT());
    // Archived chats do not keep tags alive; unarchiving brings their tag rows back.
    if (chat.archived) await dropUnusedTags(user.id, tagsOf(chat.meta));
    else for (const tagId of tagsOf(chat.meta)) await tags.ensure(user.id, tagId);
    return chat;
  });

  app.get('/archived', { preValidation: verifiedUser, schema: { querystring: ArchivedListQuery } }, async (request) => {
    const { page = 1, query, order_by, direction } = request.query;
    return chats.listArchived(userOf(request).id, { query, orderBy: order_by, direction, skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  });

  app.post('/archive/all', { preValidation: verifiedUser }, async (request) => {
    await chats.setAllArchived(userOf(request).id, true);
    return true;
  });

  app.post('/unarchive/all', { preValidation: verifiedUser }, async (request) => {
    await chats.setAllArchived(userOf(request).id, false);
    return true;
  });

  // As up to 0.6.41 (0.6.42–0.6.43 answer 500 here): every chat of the caller, bodies included.
  app.get('/all', { preValidation: verifiedUser }, async (request) => chats.listFull(userOf(request).id));

  app.get('/all/archived', { preValidation: verifiedUser }, async (request) => chats.listFull(userOf(request).id, { archived: true }));
}
