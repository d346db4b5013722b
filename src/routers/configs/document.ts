// Export and import of the whole stored config document (the `config` table), as Open WebUI's
// Settings → Database page does it: import replaces the document, then answers with it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser } from '../../auth/guards.ts';
import { ImportConfigForm } from './schemas.ts';

const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export async function documentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.services;

  app.post('/import', { preValidation: adminUser, bodyLimit: IMPORT_BODY_LIMIT, schema: { body: ImportConfigForm } }, async (request) => {
    await config.replaceDocument(request.body.config);
    return config.exportDocument();
  });

  app.get('/export', { preValidation: adminUser }, async () => config.exportDocument());
}
