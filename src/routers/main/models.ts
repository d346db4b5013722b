// The model catalogue at app level (Open WebUI's main.py): GET /api/models (and /api/v1/models),
// /api/models/base for admins, the OpenAI-style embeddings endpoint, and seed 004's model pull.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminUser, userOf, verifiedUser } from '../../auth/guards.ts';
import { QueryBool } from '../../http/query.ts';
import { HTTPException } from '../../lib/errors.ts';
import { ollamaAuthHeaders } from '../../providers/ollama-models.ts';
import { openaiAuthHeaders } from '../../providers/openai-models.ts';
import { forwardStream } from '../ollama/forward.ts';
import { connectionAt } from '../ollama/routing.ts';
import { CONNECTION_ERROR, MODEL_NOT_FOUND } from '../../providers/messages.ts';
import { joinUrl, UpstreamHttpError, UpstreamUnreachable } from '../../providers/upstream.ts';

const ModelsQuery = z.object({ refresh: QueryBool.optional() });
const EmbeddingsForm = z.looseObject({ model: z.string().min(1), input: z.union([z.string(), z.array(z.string())]) });
const PullForm = z.looseObject({ model: z.string().min(1).max(500), url_idx: z.number().int().nonnegative().optional() });

/** An upstream failure as the client sees it: the upstream's status and message, or a 500. */
function upstreamFailure(error: unknown): HTTPException {
  if (error instanceof UpstreamHttpError) return new HTTPException(error.status, error.upstreamMessage ?? error.message);
  if (error instanceof UpstreamUnreachable) return new HTTPException(500, CONNECTION_ERROR);
  return error instanceof HTTPException ? error : new HTTPException(500, String(error));
}

export async function modelCatalogueRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { providers, settings } = app.services;

  for (const path of ['/api/models', '/api/v1/models']) {
    app.get(path, { preValidation: verifiedUser, schema: { querystring: ModelsQuery } }, async (request) => ({
      data: await providers.catalogue.visibleTo(userOf(request), request.query.refresh ?? false),
    }));
  }

  app.get('/api/models/base', { preValidation: adminUser }, async () => ({ data: await providers.catalogue.base() }));

  // Open WebUI answers 500 for an unknown model here; we answer 400 as its chat completions do.
  for (const path of ['/api/embeddings', '/api/v1/embeddings']) {
    app.post(path, { preValidation: verifiedUser, schema: { body: EmbeddingsForm } }, async (request) => {
      const user = userOf(request);
      const { model: modelId, input } = request.body;
      const model = await providers.catalogue.find(modelId);
      if (!model) throw new HTTPException(400, MODEL_NOT_FOUND);
      await providers.catalogue.assertMayUse(user, modelId);
      try {
        if (model.owned_by === 'ollama') return await ollamaEmbeddings(modelId, input);
        return await openaiEmbeddings(request.body);
      } catch (error) {
        throw upstreamFailure(error);
      }
    });
  }

  /** Ollama's /api/embed, answered in OpenAI's embeddings shape. */
  async function ollamaEmbeddings(modelId: string, input: string | string[]) {
    const model = await providers.ollama.find(modelId);
    if (!model) throw new HTTPException(400, MODEL_NOT_FOUND);
    const name = model['name'];
    return providers.withFailover(providers.ollamaNodes(model), async (node) => {
      const answer = await providers.upstream.json<{ embeddings?: number[][] }>(joinUrl(node.url, '/api/embed'), {
        headers: ollamaAuthHeaders(node),
        body: { model: name, input },
        timeoutMs: settings.upstreamTimeoutMs,
      });
      return { object: 'list', data: (answer.embeddings ?? []).map((embedding, index) => ({ object: 'embedding', embedding, index })), model: modelId };
    });
  }

  async function openaiEmbeddings(body: Record<string, unknown> & { model: string }) {
    const model = await providers.openai.find(body.model);
    const connection = model ? providers.openai.connections()[model.urlIdx] : undefined;
    if (!model || !connection) throw new HTTPException(400, MODEL_NOT_FOUND);
    const upstreamId = connection.prefixId && body.model.startsWith(`${connection.prefixId}.`) ? body.model.slice(connection.prefixId.length + 1) : body.model;
    return providers.upstream.json(joinUrl(connection.url, '/embeddings'), {
      headers: { ...openaiAuthHeaders(connection), ...connection.headers },
      body: { ...body, model: upstreamId },
      timeoutMs: settings.upstreamTimeoutMs,
    });
  }

  // Seed 004 "Model Acquisition": the same as /ollama/api/pull (a node, the first by default).
  app.post('/api/models/pull', { preValidation: adminUser, schema: { body: PullForm } }, async (request, reply) => {
    const { url_idx: index = 0, ...body } = request.body;
    const node = connectionAt(app.services, index);
    return forwardStream(reply, app.services, [node], '/api/pull', { body: () => ({ ...body, insecure: true }), user: userOf(request) });
  });
}

