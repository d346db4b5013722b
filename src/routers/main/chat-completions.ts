// POST /api/chat/completions (and /api/v1/chat/completions): Open WebUI's chat entry point. An API
// client (a request without the web UI's session_id, chat_id and id) gets the answer directly in
// OpenAI's format, streamed unless `stream` is false; Open WebUI's own fields are taken off the body,
// its `params` applied and its `variables` filled into the preset's system prompt. Refusals are
// 400 with the reason as `detail`, as Open WebUI answers.
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
import { answerChatCompletion } from '../compat/answer.ts';

type Json = Record<string, unknown>;

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
});

export async function chatCompletionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const records = new ModelsStore(services.database);
  const chats = new ChatsStore(services.database, services.chatIndex);

  for (const path of ['/api/chat/completions', '/api/v1/chat/completions']) {
    app.post(path, { preValidation: verifiedUser, schema: { body: ChatCompletionForm } }, async (request, reply) => {
      const user = userOf(request);
      const form = request.body;
      if (!form.model) throw new HTTPException(400, MODEL_NOT_FOUND);
      // Someone else's chat is never continued or read (Open WebUI did until CVE-2026-45349); an
      // admin may, as in Open WebUI. `local:` chats are the web UI's temporary ones, never stored.
      const chatId = form.chat_id ?? undefined;
      if (chatId && !chatId.startsWith('local:') && user.role !== 'admin' && !(await chats.getMetaOwned(chatId, user.id))) {
        throw new HTTPException(400, `404: ${ERROR_MESSAGES.DEFAULT()}`);
      }
      const body: Json = Object.fromEntries(Object.entries(form).filter(([key]) => !OPEN_WEBUI_FIELDS.includes(key)));
      const payload = applyParamsOpenAI(isObject(form.params) ? form.params : {}, { ...body, model: form.model, stream: form.stream ?? true });
      const metadata = { chat_id: chatId, variables: form.variables ?? {} };
      return answerChatCompletion(services, records, reply, user, payload as Json & { model: string }, metadata, { unknown: 400, denied: 400 });
    });
  }
}
