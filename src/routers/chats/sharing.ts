// Share snapshots (`/{id}/share`, `/share/{share_id}`) and clones (`/{id}/clone`, `/{id}/clone/shared`).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { tagsOf, type ChatModel } from '../../stores/chats.ts';
import type { UserModel } from '../../stores/users.ts';
import type { ChatsContext } from './context.ts';
import { CloneForm, IdParams, ShareIdParams } from './schemas.ts';

export function sharingRoutes(base: FastifyInstance, { chats, tags }: ChatsContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  /** A shared chat as a user may see it; admins with ENABLE_ADMIN_CHAT_ACCESS may name any chat id. */
  const sharedChat = async (user: UserModel, id: string): Promise<ChatModel | null> =>
    user.role === 'admin' && services.settings.enableAdminChatAccess ? chats.getById(id) : chats.getByShareId(id);

  /** Inserts a copy of `source` for `user`, marked as a clone of it. */
  const cloneFor = async (user: UserModel, source: ChatModel, title: string): Promise<ChatModel> => {
    const history = source.chat['history'];
    const branchPoint = history && typeof history === 'object' ? ((history as Record<string, unknown>)['currentId'] ?? null) : null;
    const clone = await chats.insert(user.id, {
      chat: { ...source.chat, originalChatId: source.id, branchPointMessageId: branchPoint, title },
      meta: source.meta,
      pinned: source.pinned ?? false,
      folder_id: source.user_id === user.id ? source.folder_id : null,
    });
    for (const tagId of tagsOf(clone.meta)) await tags.ensure(user.id, tagId);
    return clone;
  };

  app.post('/:id/share', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const user = userOf(request);
    if (user.role !== 'admin' && !(await services.permissions.has(user.id, 'chat.share'))) {
      throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    }
    const snapshot = await chats.share(request.params.id, user.id);
    if (!snapshot) throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    return snapshot;
  });

  app.delete('/:id/share', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const user = userOf(request);
    const chat = await chats.getOwned(request.params.id, user.id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    if (!chat.share_id) return false;
    await chats.unshare(chat.id, user.id);
    return true;
  });

  app.get('/share/:share_id', { preValidation: verifiedUser, schema: { params: ShareIdParams } }, async (request) => {
    const chat = await sharedChat(userOf(request), request.params.share_id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    return chat;
  });

  app.post('/:id/clone', { preValidation: verifiedUser, schema: { params: IdParams, body: CloneForm } }, async (request) => {
    const user = userOf(request);
    const source = await chats.getOwned(request.params.id, user.id);
    if (!source) throw new HTTPException(401, ERROR_MESSAGES.DEFAULT());
    return cloneFor(user, source, request.body?.title || `Clone of ${source.title}`);
  });

  app.post('/:id/clone/shared', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const user = userOf(request);
    const source = await sharedChat(user, request.params.id);
    if (!source) throw new HTTPException(401, ERROR_MESSAGES.DEFAULT());
    return cloneFor(user, source, `Clone of ${source.title}`);
  });
}
