// /v1: the stateless OpenAI-compatible layer (seed 004): any configured model in OpenAI's format.
// Models of the OpenAI-compatible connections go through the /openai proxy's logic; Ollama models
// through Ollama's native chat API with the answer converted. Nothing is stored.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { epochSeconds } from '../../lib/time.ts';
import { ModelsStore } from '../../stores/models.ts';
import { answerChatCompletion } from './answer.ts';

export const ChatCompletionForm = z.looseObject({
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

  app.get('/models', { preValidation: verifiedUser }, async (request) => {
    const models = await providers.catalogue.visibleTo(userOf(request));
    const now = epochSeconds();
    const data = models
      .filter((m) => !m['arena'])
      .map((m) => ({ id: m.id, object: 'model', created: typeof m['created'] === 'number' ? m['created'] : now, owned_by: m.owned_by }));
    return { object: 'list', data };
  });

  app.post('/chat/completions', { preValidation: verifiedUser, schema: { body: ChatCompletionForm } }, async (request, reply) => {
    const { metadata, ...form } = request.body;
    return answerChatCompletion(services, records, reply, userOf(request), form, metadata, { unknown: 404, denied: 403 });
  });
}
