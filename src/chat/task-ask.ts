// One question to the task model on the server's behalf (background tasks, retrieval queries): the
// task model for the chat's model, the prompt as the only user message, the whole answer's text.
import type { FastifyRequest } from 'fastify';
import { isObject } from '../lib/json.ts';
import { resolveChatTarget } from '../routers/compat/answer.ts';
import type { Services } from '../services.ts';
import type { ModelsStore } from '../stores/models.ts';
import type { UserModel } from '../stores/users.ts';
import { readAnswer } from './generation.ts';
import { taskModelFor } from './task-model.ts';
import { upstreamAnswer } from './upstream-answer.ts';

export interface TaskAsker {
  /** The task model's answer to `prompt`, as text. */
  (prompt: string, signal: AbortSignal): Promise<string>;
}

/** An asker bound to the task model of `chatModel` (the chat's model when no task model is set or found). */
export async function taskAsker(services: Services, records: ModelsStore, request: FastifyRequest, user: UserModel, chatModel: string, chatId: string | undefined): Promise<TaskAsker> {
  const model = await services.providers.catalogue.find(chatModel).catch(() => undefined);
  const modelId = model ? (await taskModelFor(services, model).catch(() => model)).id : chatModel;
  return async (prompt, signal) => {
    const form = { model: modelId, messages: [{ role: 'user', content: prompt }], stream: true };
    const target = await resolveChatTarget(services, records, user, form, { chat_id: chatId }, { unknown: 400, denied: 400 }, false);
    let text = '';
    await readAnswer(upstreamAnswer(services, request, user, target, undefined), signal, (part) => (text += part.delta ?? ''));
    return text;
  };
}

/** The JSON object in a model's answer (it may be wrapped in prose or a code fence), or null. */
export function objectIn(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export const nonEmptyStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);
