// Chat and the OpenAI-compatible completions of Ollama: workspace model applied, model access,
// node picked among those hosting the model (next node tried while nothing was relayed yet).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import type { ModelsStore } from '../../stores/models.ts';
import { abortWhenClientLeaves } from '../../providers/relay.ts';
import { forwardJson, forwardStream } from './forward.ts';
import { applyRecord, chatIdOf, parseBody, type Json, type Preset } from './payload.ts';
import { stripPrefix, targetNodes, withLatest } from './routing.ts';
import { GenerateChatCompletionForm, OpenAIChatCompletionForm, OpenAICompletionForm, OptionalIdx } from './schemas.ts';

/** Any JSON object: the forms are checked in the handler, which answers 400 as Open WebUI does. */
const AnyObject = z.record(z.string(), z.unknown());

interface Route {
  path: string;
  schema: z.ZodType;
  form: string;
  preset: Preset;
  /** Where the record is looked up: the name as sent, then (OpenAI routes) its `:latest` form. */
  recordIds: (model: string) => string[];
  stream: (payload: Json) => boolean;
  /** Headers forced on a streamed answer. */
  streamHeaders: Record<string, string>;
}

const ROUTES: Route[] = [
  {
    path: '/api/chat',
    schema: GenerateChatCompletionForm,
    form: 'GenerateChatCompletionForm',
    preset: { api: 'ollama', withSystem: true },
    recordIds: (model) => [model],
    stream: (payload) => payload['stream'] !== false,
    streamHeaders: { 'content-type': 'application/x-ndjson' },
  },
  {
    path: '/v1/chat/completions',
    schema: OpenAIChatCompletionForm,
    form: 'OpenAIChatCompletionForm',
    preset: { api: 'openai', withSystem: true },
    recordIds: (model) => [model, withLatest(model)],
    stream: (payload) => payload['stream'] === true,
    streamHeaders: {},
  },
  {
    path: '/v1/completions',
    schema: OpenAICompletionForm,
    form: 'OpenAICompletionForm',
    preset: { api: 'openai', withSystem: false },
    recordIds: (model) => [model, withLatest(model)],
    stream: (payload) => payload['stream'] === true,
    streamHeaders: {},
  },
];

export function chatRoutes(base: FastifyInstance, records: ModelsStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  async function handle(route: Route, request: FastifyRequest, reply: FastifyReply, body: Json, urlIdx: number | undefined): Promise<unknown> {
    const user = userOf(request);
    const { payload: parsed, metadata } = parseBody(route.schema, route.form, body);
    const requested = String(parsed['model']);
    const ids = route.recordIds(requested);
    await services.providers.catalogue.assertMayUse(user, ...ids);

    let record = null;
    for (const id of new Set(ids)) if (!record) record = await records.getById(id);
    const payload = record ? applyRecord(record, parsed, route.preset, user, metadata) : parsed;
    const model = withLatest(String(payload['model']));
    const nodes = await targetNodes(services, urlIdx, model);

    const options = {
      body: (node: (typeof nodes)[number]) => ({ ...payload, model: stripPrefix(model, node) }),
      user,
      chatId: chatIdOf(metadata),
      signal: abortWhenClientLeaves(reply),
    };
    if (route.stream(payload)) return forwardStream(reply, services, nodes, route.path, options, route.streamHeaders);
    return forwardJson(services, nodes, route.path, options, 'post');
  }

  for (const route of ROUTES) {
    const options = { preValidation: verifiedUser, schema: { body: AnyObject, params: OptionalIdx } };
    app.post(route.path, options, (request, reply) => handle(route, request, reply, request.body, undefined));
    app.post(`${route.path}/:url_idx`, options, (request, reply) => handle(route, request, reply, request.body, request.params.url_idx));
  }
}
