// ChatResponse as JSON text with the chat body spliced in as stored: a multi-megabyte body is sent
// without being parsed and re-serialised. Field order is Open WebUI's.
import type { FastifyReply } from 'fastify';
import type { ChatWithBodyText } from '../../stores/chats.ts';

export function sendChat(reply: FastifyReply, chat: ChatWithBodyText): FastifyReply {
  const head = `${JSON.stringify({ id: chat.id, user_id: chat.user_id, title: chat.title }).slice(0, -1)},"chat":`;
  const tail = `,${JSON.stringify({
    updated_at: chat.updated_at,
    created_at: chat.created_at,
    share_id: chat.share_id,
    archived: chat.archived,
    pinned: chat.pinned,
    meta: chat.meta,
    folder_id: chat.folder_id,
  }).slice(1)}`;
  const body = typeof chat.chatText === 'string' ? head + chat.chatText + tail : Buffer.concat([Buffer.from(head), chat.chatText, Buffer.from(tail)]);
  return reply.type('application/json; charset=utf-8').send(body);
}
