// POST /api/chat/completions (and /api/v1/chat/completions): Open WebUI's chat entry point. The web
// UI (session_id, chat_id and id all given) gets `{status, task_id}` at once while the reply is
// generated on the server and delivered over Socket.IO (chat/generation.ts). An API client gets the
// answer directly in OpenAI's format, streamed unless `stream` is false. Either way Open WebUI's own
// fields are taken off the body, its `params` applied and its `variables` filled into the preset's
// system prompt. Refusals are 400 with the reason as `detail`, as Open WebUI answers.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { isObject } from '../../lib/json.ts';
import { applyParamsOpenAI } from '../../providers/model-params.ts';
import { MODEL_NOT_FOUND } from '../../providers/messages.ts';
import { ChatsStore } from '../../stores/chats.ts';
import { ModelsStore } from '../../stores/models.ts';
import { TagsStore } from '../../stores/tags.ts';
import { runBackgroundTasks } from '../../chat/background-tasks.ts';
import { isTemporaryChat } from '../../chat/temporary-chat.ts';
import { answerChatCompletion, resolveChatTarget } from '../compat/answer.ts';
import { generate } from '../../chat/generation.ts';
import { upstreamAnswer } from '../../chat/upstream-answer.ts';
import { retrieveForChat } from '../../chat/rag/index.ts';
import { recordSources, withSources } from '../../chat/rag/api-sources.ts';

type Json = Record<string, unknown>;

const feature = (form: Json, name: string): boolean => isObject(form['features']) && Boolean(form['features'][name]);

// An API client waits for retrieval before its answer starts; this bounds that wait.
const RETRIEVAL_TIMEOUT_MS = 120_000;

const foreignChat = () => new HTTPException(400, `404: ${ERROR_MESSAGES.DEFAULT()}`);

/** Open WebUI answers every refusal of this route with 400 and its reason. */
const REFUSAL = { unknown: 400, denied: 400 };

/** Open WebUI's additions to an OpenAI chat body: they steer the request and never go upstream. */
const OPEN_WEBUI_FIELDS = ['chat_id', 'id', 'parent_id', 'parent_message', 'session_id', 'filter_ids', 'tool_ids', 'tool_servers', 'files', 'features', 'variables', 'model_item', 'background_tasks', 'params', 'metadata'];

const ChatCompletionForm = z.looseObject({
  model: z.string().nullish(),
  messages: z.array(z.looseObject({ role: z.string() })),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  params: z.record(z.string(), z.unknown()).nullish(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  chat_id: z.string().nullish(),
  id: z.string().nullish(),
  parent_id: z.string().nullish(),
  session_id: z.string().nullish(),
  background_tasks: z.record(z.string(), z.unknown()).nullish(),
});

export async function chatCompletionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const records = new ModelsStore(services.database);
  const chats = new ChatsStore(services.database, services.chatIndex);
  const tags = new TagsStore(services.database);

  for (const path of ['/api/chat/completions', '/api/v1/chat/completions']) {
    app.post(path, { preValidation: verifiedUser, onSend: withSources, schema: { body: ChatCompletionForm } }, async (request, reply) => {
      const user = userOf(request);
      const form = request.body;
      const model = form.model;
      if (!model) throw new HTTPException(400, MODEL_NOT_FOUND);
      // Someone else's chat is never continued or read (Open WebUI did until CVE-2026-45349); an
      // admin may, as in Open WebUI, except to have a reply written into it.
      const chatId = form.chat_id ?? undefined;
      const persist = chatId !== undefined && !isTemporaryChat(chatId);
      const owned = persist && (await chats.getMetaOwned(chatId, user.id)) !== null;
      if (persist && !owned && user.role !== 'admin') throw foreignChat();
      const body: Json = Object.fromEntries(Object.entries(form).filter(([key]) => !OPEN_WEBUI_FIELDS.includes(key)));
      const payload = applyParamsOpenAI(isObject(form.params) ? form.params : {}, { ...body, model, stream: form.stream ?? true });
      const metadata = { chat_id: chatId, variables: form.variables ?? {} };
      const chatForm = payload as Json & { model: string; messages: Json[] };
      const retrievalJob = { services, records, request, user, model, chatId, messages: chatForm.messages, files: form['files'], memory: feature(form, 'memory'), webSearch: feature(form, 'web_search') };
      if (!(form.session_id && chatId && form.id)) {
        const retrieved = await retrieveForChat({ ...retrievalJob, status: () => undefined }, AbortSignal.timeout(RETRIEVAL_TIMEOUT_MS));
        const answered = retrieved ? { ...chatForm, messages: retrieved.messages } : chatForm;
        if (retrieved) recordSources(request, retrieved.sources);
        return answerChatCompletion(services, records, reply, user, answered, metadata, REFUSAL);
      }

      // The web UI: the reply is written into the user's own chat (a temporary one is not stored).
      const messageId = form.id;
      if (persist && !owned) throw foreignChat();
      // Checked before answering: an unknown or forbidden model is refused at once.
      await resolveChatTarget(services, records, user, chatForm, metadata, REFUSAL);
      const emit = (type: string, data: unknown) => services.realtime.emitToUser(user.id, { chat_id: chatId, message_id: messageId, data: { type, data } });
      const afterReply = (content: string, signal: AbortSignal) =>
        runBackgroundTasks(
          { services, chats, tags, records, request, user, chatId, messageId, model, persist, messages: [...form.messages, { role: 'assistant', content }] },
          form.background_tasks ?? {},
          signal,
        );
      const task = await services.tasks.start(chatId, user.id, async (signal) => {
        const fields: Json = { parentId: form.parent_id ?? null, model };
        // Retrieval runs in the task (its statuses reach the tab); sources go first and stay with the message.
        // A retrieval failure must not leave the reply hanging: it is answered without the documents.
        const retrieved = await retrieveForChat({ ...retrievalJob, status: (data) => emit('status', data) }, signal).catch((error: unknown) => {
          request.log.warn({ err: error }, 'retrieval for a chat reply failed');
          return null;
        });
        if (retrieved && retrieved.sources.length > 0) {
          fields['sources'] = retrieved.sources;
          emit('chat:completion', { sources: retrieved.sources });
        }
        const target = await resolveChatTarget(services, records, user, retrieved ? { ...chatForm, messages: retrieved.messages } : chatForm, metadata, REFUSAL);
        const open = upstreamAnswer(services, request, user, target, metadata);
        return generate({ services, chats, userId: user.id, chatId, messageId, model, persist, fields, open }, signal, afterReply);
      });
      return { status: true, task_id: task.id };
    });
  }
}
