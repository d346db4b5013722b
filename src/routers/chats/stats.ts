// `GET /stats/usage` (experimental upstream): per-chat message and model statistics, one page of chats.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import type { ChatModel } from '../../stores/chats.ts';
import { tagsOf } from '../../stores/chats.ts';
import type { ChatsContext } from './context.ts';
import { UsageQuery } from './schemas.ts';
import { isObject } from '../../lib/json.ts';

type Message = Record<string, unknown>;
/** Chat bodies are read whole here, so a page is capped. */
const MAX_PER_PAGE = 1000;
const contentLength = (m: Message): number => (typeof m['content'] === 'string' ? m['content'].length : 0);
const average = (values: readonly number[]): number => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0);

/** The branch from the root to `leafId`, following parentId (a cycle ends the walk). */
function branch(messages: Record<string, unknown>, leafId: string): Message[] {
  const list: Message[] = [];
  const seen = new Set<string>();
  for (let id: unknown = leafId; typeof id === 'string' && !seen.has(id); ) {
    const message = messages[id];
    if (!isObject(message)) break;
    seen.add(id);
    list.unshift(message);
    id = message['parentId'];
  }
  return list;
}

function countModels(messages: readonly Message[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of messages) {
    const model = m['model'];
    if (m['role'] === 'assistant' && typeof model === 'string' && model) counts[model] = (counts[model] ?? 0) + 1;
  }
  return counts;
}

/** Statistics of one chat, or null for chats without a message history (upstream skips them). */
function usageOf(chat: ChatModel): Record<string, unknown> | null {
  const history = chat.chat['history'];
  if (!isObject(history) || !isObject(history['messages']) || typeof history['currentId'] !== 'string') return null;
  const byId = history['messages'];
  const all = Object.values(byId).filter(isObject);
  if (all.length === 0) return null;
  const users = all.filter((m) => m['role'] === 'user');
  const assistants = all.filter((m) => m['role'] === 'assistant');
  const responseTimes = assistants.flatMap((m) => {
    const parent = typeof m['parentId'] === 'string' ? byId[m['parentId']] : undefined;
    return isObject(parent) ? [Number(m['timestamp'] ?? 0) - Number(parent['timestamp'] ?? 0)] : [];
  });
  const current = branch(byId, history['currentId']);
  return {
    id: chat.id,
    models: countModels(current),
    message_count: current.length,
    history_models: countModels(all),
    history_message_count: all.length,
    history_user_message_count: users.length,
    history_assistant_message_count: assistants.length,
    average_response_time: average(responseTimes),
    average_user_message_content_length: average(users.map(contentLength)),
    average_assistant_message_content_length: average(assistants.map(contentLength)),
    tags: tagsOf(chat.meta),
    last_message_at: current.at(-1)?.['timestamp'] ?? null,
    updated_at: chat.updated_at,
    created_at: chat.created_at,
  };
}

export function statsRoutes(base: FastifyInstance, { chats }: ChatsContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/stats/usage', { preValidation: verifiedUser, schema: { querystring: UsageQuery } }, async (request) => {
    const { items_per_page = 50, page = 1 } = request.query;
    const perPage = Math.min(items_per_page, MAX_PER_PAGE);
    const { items, total } = await chats.pageFull(userOf(request).id, (page - 1) * perPage, perPage);
    return { items: items.map(usageOf).filter((s) => s !== null), total };
  });
}
