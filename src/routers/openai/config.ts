// GET /openai/config and POST /openai/config/update (admin): the OpenAI-compatible connections,
// saved in the persistent config. Keys follow the URLs (padded with '' or cut), and per-connection
// configs keep only the indexes '0'..'n-1'.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminUser } from '../../auth/guards.ts';
import type { PersistentConfig } from '../../config/persistent.ts';

const OpenAIConfigForm = z.object({
  ENABLE_OPENAI_API: z.boolean().nullish(),
  OPENAI_API_BASE_URLS: z.array(z.string()),
  OPENAI_API_KEYS: z.array(z.string()),
  OPENAI_API_CONFIGS: z.record(z.string(), z.unknown()),
});

const current = (config: PersistentConfig) => ({
  ENABLE_OPENAI_API: config.get('ENABLE_OPENAI_API'),
  OPENAI_API_BASE_URLS: config.get('OPENAI_API_BASE_URLS'),
  OPENAI_API_KEYS: config.get('OPENAI_API_KEYS'),
  OPENAI_API_CONFIGS: config.get('OPENAI_API_CONFIGS'),
});

export function configRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.services;

  app.get('/config', { preValidation: adminUser }, async () => current(config));

  app.post('/config/update', { preValidation: adminUser, schema: { body: OpenAIConfigForm } }, async (request) => {
    const form = request.body;
    const urls = form.OPENAI_API_BASE_URLS;
    const keys = [...form.OPENAI_API_KEYS.slice(0, urls.length), ...Array<string>(Math.max(urls.length - form.OPENAI_API_KEYS.length, 0)).fill('')];
    const kept = new Set(urls.map((_, i) => String(i)));
    const configs = Object.fromEntries(Object.entries(form.OPENAI_API_CONFIGS).filter(([key]) => kept.has(key)));
    await config.set({
      // Upstream stores a missing flag as None (off); a form without it keeps the current setting here.
      ENABLE_OPENAI_API: form.ENABLE_OPENAI_API ?? config.get('ENABLE_OPENAI_API'),
      OPENAI_API_BASE_URLS: urls,
      OPENAI_API_KEYS: keys,
      OPENAI_API_CONFIGS: configs,
    });
    return current(config);
  });
}
