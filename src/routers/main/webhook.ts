// GET/POST /api/webhook: the admin-set URL notified of events such as new sign-ups (WEBHOOK_URL).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminUser } from '../../auth/guards.ts';

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

// An empty URL switches notifications off (the admin panel sends "" for a cleared field).
const UrlForm = z.object({
  url: z
    .string()
    .max(2048)
    .refine((v) => v === '' || isHttpUrl(v), { message: 'URL must be empty or start with http:// or https://' }),
});

export async function webhookRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.services;

  app.get('/api/webhook', { preValidation: adminUser }, async () => ({ url: config.get('WEBHOOK_URL') }));

  app.post('/api/webhook', { preValidation: adminUser, schema: { body: UrlForm } }, async (request) => {
    await config.set({ WEBHOOK_URL: request.body.url });
    return { url: config.get('WEBHOOK_URL') };
  });
}
