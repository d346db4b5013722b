// After a web UI reply is complete, the tasks the UI asked for (`background_tasks`): follow-up
// suggestions (`chat:message:follow_ups`), then, for a stored chat, its title (`chat:title`) and
// tags (`chat:tags`). Each asks the task model (task-model.ts) with the configured or built-in
// template, reads the JSON object in its answer and writes the result into the chat. A task that
// fails is skipped; the reply itself is already done.
import type { FastifyRequest } from 'fastify';
import { isObject } from '../lib/json.ts';
import { resolveChatTarget } from '../routers/compat/answer.ts';
import type { Services } from '../services.ts';
import type { ChatsStore } from '../stores/chats.ts';
import type { ModelsStore } from '../stores/models.ts';
import { tagIdOf, type TagsStore } from '../stores/tags.ts';
import type { UserModel } from '../stores/users.ts';
import { readAnswer } from './generation.ts';
import { taskModelFor } from './task-model.ts';
import { renderTaskPrompt, taskTemplate, textOf, type TaskKind } from './task-prompts.ts';
import { upstreamAnswer } from './upstream-answer.ts';

export interface BackgroundTaskFlags {
  title_generation?: unknown;
  tags_generation?: unknown;
  follow_up_generation?: unknown;
}

export interface BackgroundTaskJob {
  services: Services;
  chats: ChatsStore;
  tags: TagsStore;
  records: ModelsStore;
  request: FastifyRequest;
  user: UserModel;
  chatId: string;
  messageId: string;
  /** The chat's model, as the client named it. */
  model: string;
  persist: boolean;
  /** The conversation, the new reply last. */
  messages: unknown[];
}

const TITLE_PREVIEW = 100;

/** The JSON object in a model's answer (it may be wrapped in prose or a code fence), or null. */
function objectIn(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);

export async function runBackgroundTasks(job: BackgroundTaskJob, flags: BackgroundTaskFlags, signal: AbortSignal): Promise<void> {
  const { services, chats, user, chatId, messageId } = job;
  const config = services.config;
  const emit = (type: string, data: unknown) => services.realtime.emitToUser(user.id, { chat_id: chatId, message_id: messageId, data: { type, data } });
  const chatModel = await services.providers.catalogue.find(job.model).catch(() => undefined);
  const modelId = chatModel ? (await taskModelFor(services, chatModel).catch(() => chatModel)).id : job.model;
  const ask = async (kind: TaskKind): Promise<Record<string, unknown> | null> => {
    const form = { model: modelId, messages: [{ role: 'user', content: renderTaskPrompt(taskTemplate(config, kind), { messages: job.messages }, user) }], stream: true };
    const target = await resolveChatTarget(services, job.records, user, form, { chat_id: chatId }, { unknown: 400, denied: 400 }, false);
    let text = '';
    await readAnswer(upstreamAnswer(services, job.request, user, target, undefined), signal, (part) => (text += part.delta ?? ''));
    return objectIn(text);
  };
  const attempt = (task: () => Promise<void>) => task().catch(() => undefined);

  if (flags.follow_up_generation && config.get('ENABLE_FOLLOW_UP_GENERATION')) {
    await attempt(async () => {
      const followUps = strings((await ask('follow_up'))?.['follow_ups']);
      if (job.persist) await chats.upsertMessage(chatId, user.id, messageId, { followUps });
      emit('chat:message:follow_ups', { follow_ups: followUps });
    });
  }
  if (!job.persist) return;
  if (flags.title_generation && config.get('ENABLE_TITLE_GENERATION')) {
    await attempt(async () => {
      const firstUser = job.messages.find((m) => isObject(m) && m['role'] === 'user');
      const fallback = textOf(firstUser).slice(0, TITLE_PREVIEW);
      const answer = await ask('title');
      const title = typeof answer?.['title'] === 'string' && answer['title'].trim() ? answer['title'].trim() : fallback;
      await chats.mergeOwned(chatId, user.id, { title });
      emit('chat:title', title);
    });
  }
  if (flags.tags_generation && config.get('ENABLE_TAGS_GENERATION')) {
    await attempt(async () => {
      const names = strings((await ask('tags'))?.['tags']);
      for (const name of names) await job.tags.ensure(user.id, name);
      await chats.setTags(chatId, user.id, [...new Set(names.map(tagIdOf))]);
      emit('chat:tags', names);
    });
  }
}
