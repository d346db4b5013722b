// The sidebar list, create, read, update (shallow merge) and delete of chats.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { tagsOf } from '../../stores/chats.ts';
import type { ChatsContext } from './context.ts';
import { sendChat } from './response.ts';
import { ChatForm, ChatListQuery, ChatsImportForm, IdParams } from './schemas.ts';

/** Page size of the sidebar list, the search and the archived list. */
export const PAGE_SIZE = 60;

export function crudRoutes(base: FastifyInstance, { chats, tags, folders, assertOwnFolder, dropUnusedTags }: ChatsContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  for (const path of ['/', '/list']) {
    app.get(path, { preValidation: verifiedUser, schema: { querystring: ChatListQuery } }, async (request) => {
      const { page, include_pinned, include_folders } = request.query;
      return chats.listTitles(userOf(request).id, {
        includePinned: include_pinned ?? false,
        includeFolders: include_folders ?? false,
        ...(page === undefined ? {} : { skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
      });
    });
  }

  app.post('/new', { preValidation: verifiedUser, schema: { body: ChatForm } }, async (request) => {
    const user = userOf(request);
    await assertOwnFolder(user.id, request.body.folder_id);
    return chats.insert(user.id, { chat: request.body.chat, folder_id: request.body.folder_id });
  });

  // All or nothing. Folder ids from another instance that are not the caller's folders become the root.
  app.post('/import', { preValidation: verifiedUser, schema: { body: ChatsImportForm } }, async (request) => {
    const user = userOf(request);
    const ownFolders = new Set((await folders.listSummaries(user.id)).map((f) => f.id));
    const imported = await chats.insertMany(
      user.id,
      request.body.chats.map((c) => ({
        chat: c.chat,
        folder_id: c.folder_id && ownFolders.has(c.folder_id) ? c.folder_id : null,
        meta: c.meta ?? {},
        pinned: c.pinned ?? false,
        created_at: c.created_at,
        updated_at: c.updated_at,
      })),
    );
    for (const tagId of new Set(imported.flatMap((c) => tagsOf(c.meta)))) await tags.ensure(user.id, tagId);
    return imported;
  });

  app.get('/:id', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request, reply) => {
    const chat = await chats.getOwnedWithBodyText(request.params.id, userOf(request).id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    return sendChat(reply, chat);
  });

  // The web client's saves carry no title: the merge keeps the stored one (frontend-contract §3.3).
  app.post('/:id', { preValidation: verifiedUser, schema: { params: IdParams, body: ChatForm } }, async (request, reply) => {
    const chat = await chats.mergeOwned(request.params.id, userOf(request).id, request.body.chat);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    return sendChat(reply, chat);
  });

  app.delete('/:id', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const user = userOf(request);
    if (user.role !== 'admin' && !(await services.permissions.has(user.id, 'chat.delete'))) {
      throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    }
    // Admins may delete any chat (as upstream); everyone else only their own.
    const chat = user.role === 'admin' ? await chats.getById(request.params.id) : await chats.getOwned(request.params.id, user.id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    const deleted = await chats.deleteOwned(chat.id, chat.user_id);
    await dropUnusedTags(chat.user_id, tagsOf(chat.meta));
    return deleted;
  });

  app.delete('/', { preValidation: verifiedUser }, async (request) => {
    const user = userOf(request);
    if (user.role === 'user' && !(await services.permissions.has(user.id, 'chat.delete'))) {
      throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    }
    await chats.deleteAllOwned(user.id);
    // With no chats left every tag row of the user is an orphan.
    await dropUnusedTags(user.id, (await tags.listByUser(user.id)).map((t) => t.id));
    return true;
  });
}
