// Model management on the nodes (admin): pull, push, create, copy, delete, unload. Pull and create
// go to node 0 unless pinned; push, copy and delete to the first node listing the model.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, userOf } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException, pythonErrorText } from '../../lib/errors.ts';
import type { OllamaConnection } from '../../providers/connections.ts';
import { abortWhenClientLeaves } from '../../providers/relay.ts';
import { forwardJson, forwardStream } from './forward.ts';
import { dropNulls, type Json } from './payload.ts';
import { connectionAt, firstHostingNode, stripPrefix, withLatest } from './routing.ts';
import { CopyModelForm, CreateModelForm, ModelNameForm, OptionalIdx, PushModelForm } from './schemas.ts';

/** Python's repr of the unload failures, as Open WebUI puts them in its message. */
const pyRepr = (v: unknown): string =>
  typeof v === 'string'
    ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    : typeof v === 'boolean'
      ? (v ? 'True' : 'False')
      : Array.isArray(v)
        ? `[${v.map(pyRepr).join(', ')}]`
        : v !== null && typeof v === 'object'
          ? `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`
          : String(v);

export function adminRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const pinnedOr = async (urlIdx: number | undefined, fallback: () => Promise<OllamaConnection> | OllamaConnection) =>
    urlIdx === undefined ? fallback() : connectionAt(services, urlIdx);

  const pull = { preValidation: adminUser, schema: { body: ModelNameForm, params: OptionalIdx } };
  for (const path of ['/api/pull', '/api/pull/:url_idx']) {
    app.post(path, pull, async (request, reply) => {
      const node = connectionAt(services, request.params.url_idx ?? 0);
      const form = dropNulls(request.body);
      // Admins may pull from any registry.
      const body = { ...form, model: form['model'] ?? form['name'], insecure: true };
      return forwardStream(reply, services, [node], '/api/pull', { body: () => body, user: userOf(request) });
    });
  }

  // DELETE, as Open WebUI declares it (the web client calls it so); sent on as Ollama's POST.
  const push = { preValidation: adminUser, schema: { body: PushModelForm, params: OptionalIdx } };
  for (const path of ['/api/push', '/api/push/:url_idx']) {
    app.delete(path, push, async (request, reply) => {
      const form = dropNulls(request.body);
      const node = await pinnedOr(request.params.url_idx, () => firstHostingNode(services, request.body.model));
      const body = { ...form, model: stripPrefix(request.body.model, node) };
      return forwardStream(reply, services, [node], '/api/push', { method: 'POST', body: () => body, user: userOf(request) });
    });
  }

  const create = { preValidation: adminUser, schema: { body: CreateModelForm, params: OptionalIdx } };
  for (const path of ['/api/create', '/api/create/:url_idx']) {
    app.post(path, create, async (request, reply) => {
      const node = connectionAt(services, request.params.url_idx ?? 0);
      const body = dropNulls(request.body);
      return forwardStream(reply, services, [node], '/api/create', { body: () => body, user: userOf(request) });
    });
  }

  const copy = { preValidation: adminUser, schema: { body: CopyModelForm, params: OptionalIdx } };
  for (const path of ['/api/copy', '/api/copy/:url_idx']) {
    app.post(path, copy, async (request) => {
      const { source, destination } = request.body;
      const node = await pinnedOr(request.params.url_idx, () => firstHostingNode(services, source));
      const body = { source: stripPrefix(source, node), destination };
      await forwardJson(services, [node], '/api/copy', { body: () => body, user: userOf(request) }, 'request');
      return true;
    });
  }

  const remove = { preValidation: adminUser, schema: { body: ModelNameForm, params: OptionalIdx } };
  for (const path of ['/api/delete', '/api/delete/:url_idx']) {
    app.delete(path, remove, async (request) => {
      const form = dropNulls(request.body);
      const model = String(form['model'] ?? form['name'] ?? '');
      const node = await pinnedOr(request.params.url_idx, () => firstHostingNode(services, model));
      const body = { ...form, model: stripPrefix(model, node) };
      await forwardJson(services, [node], '/api/delete', { method: 'DELETE', body: () => body, user: userOf(request) }, 'request');
      return true;
    });
  }

  // Unloading asks every node holding the model to keep it loaded for 0 seconds.
  app.post('/api/unload', { preValidation: adminUser, schema: { body: ModelNameForm } }, async (request, reply) => {
    const form = dropNulls(request.body);
    const given = form['model'] ?? form['name'];
    if (typeof given !== 'string' || given === '') throw new HTTPException(400, 'Missing name of the model to unload.');
    const name = withLatest(given);
    const model = await services.providers.ollama.find(name);
    if (!model) throw new HTTPException(400, ERROR_MESSAGES.MODEL_NOT_FOUND(name));
    const signal = abortWhenClientLeaves(reply);
    const errors: Json[] = [];
    for (const idx of model.urls) {
      const node = connectionAt(services, idx);
      const body = { model: stripPrefix(name, node), keep_alive: 0, prompt: '' };
      try {
        await forwardJson(services, [node], '/api/generate', { body: () => body, user: userOf(request), signal }, 'post');
      } catch (error) {
        errors.push({ url_idx: idx, success: false, error: pythonErrorText(error) });
      }
    }
    if (errors.length > 0) throw new HTTPException(500, `Failed to unload model on ${errors.length} nodes: ${pyRepr(errors)}`);
    return { status: true };
  });
}
