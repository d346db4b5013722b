// /v1: the stateless OpenAI-compatible layer (seed 004): any configured model in OpenAI's format.
// Models of the OpenAI-compatible connections go through the /openai proxy's logic; Ollama models
// through Ollama's native chat API with the answer converted. Nothing is stored.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { HTTPException } from '../../lib/errors.ts';
import { epochSeconds } from '../../lib/time.ts';
import type { OllamaModel } from '../../providers/ollama-models.ts';
import { ModelsStore } from '../../stores/models.ts';
import { sendOpenAIChat } from '../openai/chat.ts';
import { applyRecordOllama, applyRecordOpenAI, targetModelId } from '../openai/workspace.ts';
import { MODEL_NOT_FOUND } from '../../providers/messages.ts';
import { sendOllamaChat } from './ollama-chat.ts';
import { openaiToOllamaChat } from './ollama-request.ts';
import { isObject } from '../../lib/json.ts';

const ChatCompletionForm = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.string() })),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  metadata: z.unknown().optional(),
});

export async function compatRouter(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { providers } = services;
  const records = new ModelsStore(services.database);

  /** An Ollama model by published name; a name without a tag means `:latest`, as in Ollama. */
  async function ollamaModel(id: string): Promise<OllamaModel | undefined> {
    return (await providers.ollama.find(id)) ?? (id.includes(':') ? undefined : providers.ollama.find(`${id}:latest`));
  }

  app.get('/models', { preValidation: verifiedUser }, async (request) => {
    const models = await providers.catalogue.visibleTo(userOf(request));
    const now = epochSeconds();
    const data = models
      .filter((m) => !m['arena'])
      .map((m) => ({ id: m.id, object: 'model', created: typeof m['created'] === 'number' ? m['created'] : now, owned_by: m.owned_by }));
    return { object: 'list', data };
  });

  app.post('/chat/completions', { preValidation: verifiedUser, schema: { body: ChatCompletionForm } }, async (request, reply) => {
    const user = userOf(request);
    const { metadata, ...payload } = request.body;
    const requested = payload.model;
    const record = await records.getById(requested);
    if (record && !record.is_active) throw new HTTPException(404, MODEL_NOT_FOUND);
    const target = targetModelId(record, requested);
    const openai = await providers.openai.find(target);
    const ollama = openai ? undefined : await ollamaModel(target);
    if (!openai && !ollama) throw new HTTPException(404, MODEL_NOT_FOUND);
    await services.providers.catalogue.assertMayUse(user, requested);

    if (openai) return sendOpenAIChat(services, reply, user, applyRecordOpenAI(record, payload, user, metadata), openai, metadata);
    const model = ollama as OllamaModel;
    const body = applyRecordOllama(record, openaiToOllamaChat({ ...payload, model: model.model }), user, metadata);
    return sendOllamaChat(services, reply, user, model, {
      body,
      requestedId: requested,
      includeUsage: payload.stream_options?.include_usage === true,
      chatId: isObject(metadata) && typeof metadata['chat_id'] === 'string' ? metadata['chat_id'] : undefined,
    });
  });
}
