// Generate, embeddings and model details: one of the nodes hosting the model (or the pinned one),
// with model access checked as for chat (Open WebUI checks none here; see COMPATIBILITY).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { abortWhenClientLeaves } from '../../providers/relay.ts';
import { forwardJson, forwardStream, type ErrorStyle } from './forward.ts';
import { dropNulls, type Json } from './payload.ts';
import { stripPrefix, targetNodes, withLatest } from './routing.ts';
import { GenerateCompletionForm, GenerateEmbedForm, GenerateEmbeddingsForm, ModelNameForm, OptionalIdx } from './schemas.ts';

export function inferenceRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  /**
   * Looks the model up (as `lookup`), checks access, and forwards `payload` with the node's own
   * model name. Unknown models answer 400 MODEL_NOT_FOUND with the name as sent.
   */
  async function send(request: FastifyRequest, reply: FastifyReply, path: string, payload: Json, lookup: string, urlIdx: number | undefined, stream: boolean, style: ErrorStyle) {
    const user = userOf(request);
    const sent = String(payload['model']);
    await services.providers.catalogue.assertMayUse(user, sent, lookup);
    const nodes = await targetNodes(services, urlIdx, lookup, sent);
    const options = { body: (node: (typeof nodes)[number]) => ({ ...payload, model: stripPrefix(sent, node) }), user, signal: abortWhenClientLeaves(reply) };
    if (stream) return forwardStream(reply, services, nodes, path, options);
    return forwardJson(services, nodes, path, options, style);
  }

  const generate = { preValidation: verifiedUser, schema: { body: GenerateCompletionForm, params: OptionalIdx } };
  for (const path of ['/api/generate', '/api/generate/:url_idx']) {
    app.post(path, generate, (request, reply) => {
      const payload = dropNulls(request.body);
      return send(request, reply, '/api/generate', payload, withLatest(request.body.model), request.params.url_idx, request.body.stream, 'post');
    });
  }

  const embed = { preValidation: verifiedUser, schema: { body: GenerateEmbedForm, params: OptionalIdx } };
  for (const path of ['/api/embed', '/api/embed/:url_idx']) {
    app.post(path, embed, (request, reply) =>
      send(request, reply, '/api/embed', dropNulls(request.body), withLatest(request.body.model), request.params.url_idx, false, 'request'),
    );
  }

  const embeddings = { preValidation: verifiedUser, schema: { body: GenerateEmbeddingsForm, params: OptionalIdx } };
  for (const path of ['/api/embeddings', '/api/embeddings/:url_idx']) {
    app.post(path, embeddings, (request, reply) =>
      send(request, reply, '/api/embeddings', dropNulls(request.body), withLatest(request.body.model), request.params.url_idx, false, 'request'),
    );
  }

  // The name is looked up as given (no `:latest`); Open WebUI also sends the prefixed name on, which
  // no node knows, so the prefix is stripped here.
  app.post('/api/show', { preValidation: verifiedUser, schema: { body: ModelNameForm } }, (request, reply) => {
    const payload = dropNulls(request.body);
    const model = String(payload['model'] ?? payload['name'] ?? '');
    return send(request, reply, '/api/show', { ...payload, model }, model, undefined, false, 'request');
  });
}
