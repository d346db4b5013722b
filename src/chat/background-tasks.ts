// After a web UI reply is complete, the tasks the UI asked for (`background_tasks`): follow-up
// suggestions (`chat:message:follow_ups`), then, for a stored chat, its title (`chat:title`) and
// tags (`chat:tags`). Each asks the task model (task-model.ts) with the configured or built-in
// template, reads the JSON object in its answer and writes the result into the chat. A task that
// fails is skipped; the reply itself is already done.
import type { FastifyRequest } from 'fastify';
import { isObject } from '../lib/json.ts';
import type { Services } from '../services.ts';
import type { ChatsStore } from '../stores/chats.ts';
import type { ModelsStore } from '../stores/models.ts';
import { tagIdOf, type TagsStore } from '../stores/tags.ts';
import type { UserModel } from '../stores/users.ts';
import { nonEmptyStrings, objectIn, taskAsker } from './task-ask.ts';
import { renderTaskPrompt, taskTemplate, textOf, type TaskKind } from './task-prompts.ts';

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

export async function runBackgroundTasks(job: BackgroundTaskJob, flags: BackgroundTaskFlags, signal: AbortSignal): Promise<void> {
  const { services, chats, user, chatId, messageId } = job;
  const config = services.config;
  const emit = (type: string, data: unknown) => services.realtime.emitToUser(user.id, { chat_id: chatId, message_id: messageId, data: { type, data } });
  const asker = await taskAsker(services, job.records, job.request, user, job.model, chatId);
  const ask = async (kind: TaskKind): Promise<Record<string, unknown> | null> =>
    objectIn(await asker(renderTaskPrompt(taskTemplate(config, kind), { messages: job.messages }, user), signal));
  const attempt = (task: () => Promise<void>) => task().catch(() => undefined);

  if (flags.follow_up_generation && config.get('ENABLE_FOLLOW_UP_GENERATION')) {
    await attempt(async () => {
      const followUps = nonEmptyStrings((await ask('follow_up'))?.['follow_ups']);
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
      const names = nonEmptyStrings((await ask('tags'))?.['tags']);
      for (const name of names) await job.tags.ensure(user.id, name);
      await chats.setTags(chatId, user.id, [...new Set(names.map(tagIdOf))]);
      emit('chat:tags', names);
    });
  }
}
