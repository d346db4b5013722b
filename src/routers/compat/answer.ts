// An OpenAI-format chat request answered in OpenAI's format by any configured model: the workspace
// record (preset) applied, model access checked, OpenAI-compatible models through the /openai
// proxy's logic and Ollama models through Ollama's native chat with the answer converted. Shared by
// /v1/chat/completions and the API-client mode of /api/chat/completions, which differ only in the
// status of a refusal.
import type { FastifyReply } from 'fastify';
import { HTTPException } from '../../lib/errors.ts';
import { isObject } from '../../lib/json.ts';
import { MODEL_NOT_FOUND } from '../../providers/messages.ts';
import type { OllamaModel } from '../../providers/ollama-models.ts';
import type { OpenAIModel } from '../../providers/openai-models.ts';
import type { Services } from '../../services.ts';
import type { ModelsStore } from '../../stores/models.ts';
import type { UserModel } from '../../stores/users.ts';
import { sendOpenAIChat } from '../openai/chat.ts';
import { applyRecordOllama, applyRecordOpenAI, targetModelId } from '../openai/workspace.ts';
import { sendOllamaChat, type OllamaChatCall } from './ollama-chat.ts';
import { openaiToOllamaChat } from './ollama-request.ts';

type Json = Record<string, unknown>;

export interface ChatForm extends Json {
  model: string;
  stream?: boolean | null | undefined;
  stream_options?: { include_usage?: boolean | null | undefined } | null | undefined;
}

/** Statuses of the `Model not found` refusals: an unknown model, and one the user may not use. */
export interface RefusalStatus {
  unknown: number;
  denied: number;
}

/** An Ollama model by published name; a name without a tag means `:latest`, as in Ollama. */
async function ollamaModel(services: Services, id: string): Promise<OllamaModel | undefined> {
  const { ollama } = services.providers;
  return (await ollama.find(id)) ?? (id.includes(':') ? undefined : ollama.find(`${id}:latest`));
}

/** Where a chat request goes: an OpenAI-compatible model with its body, or an Ollama model with its native call. */
export type ChatTarget = { kind: 'openai'; model: OpenAIModel; payload: Json } | { kind: 'ollama'; model: OllamaModel; call: OllamaChatCall };

/**
 * The model a chat request names, its preset applied and the user's right to it checked (not for
 * the server's own background tasks, which use the task model whoever asked, as Open WebUI does).
 */
export async function resolveChatTarget(services: Services, records: ModelsStore, user: UserModel, form: ChatForm, metadata: unknown, refusal: RefusalStatus, checkAccess = true): Promise<ChatTarget> {
  const { providers } = services;
  const requested = form.model;
  const record = await records.getById(requested);
  if (record && !record.is_active) throw new HTTPException(refusal.unknown, MODEL_NOT_FOUND);
  const target = targetModelId(record, requested);
  const openai = await providers.openai.find(target);
  const ollama = openai ? undefined : await ollamaModel(services, target);
  if (!openai && !ollama) throw new HTTPException(refusal.unknown, MODEL_NOT_FOUND);
  if (checkAccess && !(await providers.catalogue.mayUse(user, requested))) throw new HTTPException(refusal.denied, MODEL_NOT_FOUND);

  if (openai) return { kind: 'openai', model: openai, payload: applyRecordOpenAI(record, form, user, metadata) };
  const model = ollama as OllamaModel;
  const body = applyRecordOllama(record, openaiToOllamaChat({ ...form, model: model.model }), user, metadata);
  return {
    kind: 'ollama',
    model,
    call: {
      body,
      requestedId: requested,
      includeUsage: form.stream_options?.include_usage === true,
      chatId: isObject(metadata) && typeof metadata['chat_id'] === 'string' ? metadata['chat_id'] : undefined,
    },
  };
}

export async function answerChatCompletion(services: Services, records: ModelsStore, reply: FastifyReply, user: UserModel, form: ChatForm, metadata: unknown, refusal: RefusalStatus, checkAccess = true): Promise<unknown> {
  const target = await resolveChatTarget(services, records, user, form, metadata, refusal, checkAccess);
  if (target.kind === 'openai') return sendOpenAIChat(services, reply, user, target.payload, target.model, metadata);
  return sendOllamaChat(services, reply, user, target.model, target.call);
}
