// Message-level writes: edit one message's content, and forward a message event.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { ChatModel } from '../../stores/chats.ts';
import type { UserModel } from '../../stores/users.ts';
import type { ChatsContext } from './context.ts';
import { EventForm, MessageForm, MessageParams } from './schemas.ts';

export function messageRoutes(base: FastifyInstance, { chats }: ChatsContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { settings } = app.services;

  /** The chat if the user owns it (or is an admin allowed to reach other users' chats). */
  const reachable = async (user: UserModel, id: string): Promise<ChatModel> => {
    const chat = user.role === 'admin' && settings.enableAdminChatAccess ? await chats.getById(id) : await chats.getOwned(id, user.id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    return chat;
  };

  app.post('/:id/messages/:message_id', { preValidation: verifiedUser, schema: { params: MessageParams, body: MessageForm } }, async (request) => {
    const chat = await reachable(userOf(request), request.params.id);
    const updated = await chats.upsertMessage(chat.id, chat.user_id, request.params.message_id, { content: request.body.content });
    if (!updated) throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    // The `events` socket message (chat:message) follows once the realtime layer exists.
    return updated;
  });

  // Without a realtime layer there is nobody to deliver the event to: false, as upstream answers
  // when it has no emitter.
  app.post('/:id/messages/:message_id/event', { preValidation: verifiedUser, schema: { params: MessageParams, body: EventForm } }, async (request) => {
    await reachable(userOf(request), request.params.id);
    return false;
  });
}
