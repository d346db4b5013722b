// POST /openai/chat/completions: a chat body for a model of the OpenAI-compatible connections,
// after the workspace model (if any) is applied and access is checked, reshaped for its connection
// and forwarded; the answer (event stream or JSON) goes back as the connection gave it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { HTTPException } from '../../lib/errors.ts';
import type { OpenAIModel } from '../../providers/openai-models.ts';
import type { Services } from '../../services.ts';
import { ModelsStore } from '../../stores/models.ts';
import type { UserModel } from '../../stores/users.ts';
import { forward, type Forward } from './forward.ts';
import { connectionHeaders } from './headers.ts';
import { chatPayloadFor, targetFor } from './payload.ts';
import { applyRecordOpenAI } from './workspace.ts';
import { MODEL_NOT_FOUND } from '../../providers/messages.ts';
import { isObject } from '../../lib/json.ts';

type Json = Record<string, unknown>;

/** Where and how a (workspace-resolved) chat body goes to the connection serving `model`. */
export function openaiChatCall(services: Services, request: FastifyRequest, user: UserModel, payload: Json, model: OpenAIModel, metadata?: unknown): { url: string; options: Forward } {
  const connection = services.providers.openai.connections()[model.urlIdx];
  if (!connection) throw new HTTPException(404, MODEL_NOT_FOUND);
  let body = chatPayloadFor(connection, payload);
  if (model['pipeline']) body = { ...body, user: { name: user.name, id: user.id, email: user.email, role: user.role } };
  const chatId = isObject(metadata) && typeof metadata['chat_id'] === 'string' ? metadata['chat_id'] : undefined;
  const target = targetFor(connection, 'chat/completions', body);
  return {
    url: target.url,
    options: { method: 'POST', headers: connectionHeaders(services.settings, connection, request, chatId), body: target.body, timeoutMs: services.settings.upstreamTimeoutMs },
  };
}

/** Sends a (workspace-resolved) chat body to the connection serving `model` and answers as it does. */
export async function sendOpenAIChat(services: Services, reply: FastifyReply, user: UserModel, payload: Json, model: OpenAIModel, metadata?: unknown): Promise<unknown> {
  const call = openaiChatCall(services, reply.request, user, payload, model, metadata);
  return forward(services.providers.upstream, reply, call.url, call.options);
}

export function chatRoutes(app: FastifyInstance, records: ModelsStore): void {
  const { services } = app;

  app.post('/chat/completions', { preValidation: verifiedUser }, async (request, reply) => {
    const user = userOf(request);
    if (!isObject(request.body)) throw new HTTPException(422, [{ type: 'dict_type', loc: ['body'], msg: 'Input should be a valid dictionary', input: request.body }]);
    const { metadata, ...payload } = request.body;
    const modelId = typeof payload['model'] === 'string' ? payload['model'] : '';
    // As upstream: the access check comes first (403), then the model must be listed (404).
    await services.providers.catalogue.assertMayUse(user, modelId);
    const record = modelId ? await records.getById(modelId) : null;
    const resolved = applyRecordOpenAI(record, payload, user, metadata);
    const model = await services.providers.openai.find(String(resolved['model'] ?? ''));
    if (!model) throw new HTTPException(404, MODEL_NOT_FOUND);
    return sendOpenAIChat(services, reply, user, resolved, model, metadata);
  });
}
