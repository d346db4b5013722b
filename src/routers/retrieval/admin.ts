// Admin maintenance of the chunk store and the upload folder, and the development-only embedding probe.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser } from '../../auth/guards.ts';
import type { FilesStore } from '../../stores/files.ts';
import { DeleteForm, EmbedTextParams } from './schemas.ts';

export function adminRoutes(base: FastifyInstance, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { store } = services.retrieval;

  // Removes the file's chunks (by its content hash) from the collection. Upstream's version never
  // deleted anything (a wrong keyword argument) and answered {status: false}.
  app.post('/delete', { preValidation: adminUser, schema: { body: DeleteForm } }, async (request) => {
    const { collection_name: collection, file_id: fileId } = request.body;
    if (!(await store.hasCollection(collection))) return { status: false };
    const file = await files.get(fileId);
    if (!file?.hash) return { status: false };
    await store.delete(collection, { filter: { hash: file.hash } });
    return { status: true };
  });

  // Every collection, and every knowledge base with it (their chunks are gone).
  app.post('/reset/db', { preValidation: adminUser }, async () => {
    await store.reset();
    await services.database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('knowledge_file').execute();
      await trx.deleteFrom('knowledge').execute();
    });
    return null;
  });

  // Empties the local upload folder (file rows stay, as upstream).
  app.post('/reset/uploads', { preValidation: adminUser }, async (request) => {
    const folder = services.settings.storage.uploadDir;
    const entries = await readdir(folder).catch(() => [] as string[]);
    for (const entry of entries) await rm(join(folder, entry), { recursive: true, force: true }).catch((error: unknown) => request.log.warn({ err: error }, 'reset uploads'));
    return true;
  });

  if (services.settings.env === 'dev') {
    app.get('/ef/:text', { schema: { params: EmbedTextParams } }, async (request) => {
      const embedder = services.retrieval.embedder();
      return { result: embedder ? ((await embedder.embed([request.params.text], 'query'))[0] ?? []) : [] };
    });
  }
}
