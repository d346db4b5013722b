// Status, the Ollama connection settings (admin) and the connection check of the settings page.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, userOf } from '../../auth/guards.ts';
import type { PersistentConfig } from '../../config/persistent.ts';
import { HTTPException } from '../../lib/errors.ts';
import { parseOrText } from '../../providers/upstream.ts';
import { userInfoHeaders } from '../../providers/user-headers.ts';
import { CONNECTION_ERROR } from '../../providers/messages.ts';
import { ConnectionVerificationForm, OllamaConfigForm } from './schemas.ts';

const current = (config: PersistentConfig) => ({
  ENABLE_OLLAMA_API: config.get('ENABLE_OLLAMA_API'),
  OLLAMA_BASE_URLS: config.get('OLLAMA_BASE_URLS'),
  OLLAMA_API_CONFIGS: config.get('OLLAMA_API_CONFIGS'),
});

export async function configRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config, providers, settings } = app.services;

  // Fastify answers HEAD from the GET route.
  app.get('/', async () => ({ status: true }));

  app.get('/config', { preValidation: adminUser }, async () => current(config));

  app.post('/config/update', { preValidation: adminUser, schema: { body: OllamaConfigForm } }, async (request) => {
    const form = request.body;
    // Per-connection settings are keyed by the URL's index: keys beyond the list (and legacy URL keys) go.
    const keys = new Set(form.OLLAMA_BASE_URLS.map((_, i) => String(i)));
    const configs = Object.fromEntries(Object.entries(form.OLLAMA_API_CONFIGS).filter(([key]) => keys.has(key)));
    await config.set({
      // Open WebUI stores a missing flag as null (= off); this setting is a boolean, so it is kept.
      ENABLE_OLLAMA_API: form.ENABLE_OLLAMA_API ?? config.get('ENABLE_OLLAMA_API'),
      OLLAMA_BASE_URLS: form.OLLAMA_BASE_URLS,
      OLLAMA_API_CONFIGS: configs,
    });
    return current(config);
  });

  app.post('/verify', { preValidation: adminUser, schema: { body: ConnectionVerificationForm } }, async (request) => {
    const { url, key } = request.body;
    const headers = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...userInfoHeaders(settings, userOf(request)) };
    let status: number;
    let body: unknown;
    try {
      const response = await providers.upstream.send(`${url}/api/version`, { headers, timeoutMs: settings.modelListTimeoutMs });
      status = response.statusCode;
      body = parseOrText(await response.body.text());
    } catch {
      throw new HTTPException(500, CONNECTION_ERROR); // unreachable, timed out or not a URL
    }
    // A body that is not JSON fails like a connection error upstream (aiohttp's ContentTypeError).
    if (typeof body !== 'object' || body === null) throw new HTTPException(500, CONNECTION_ERROR);
    if (status !== 200) {
      const error = (body as { error?: unknown }).error;
      throw new HTTPException(500, `Unexpected error: ${error !== undefined ? `External Error: ${String(error)}` : `HTTP Error: ${status}`}`);
    }
    return body;
  });
}
