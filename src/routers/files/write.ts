// Changing files: new text for a file (re-chunked into `file-{id}`), deleting one file (row, blob and
// its collection; copies in knowledge bases go through the knowledge routes) and, for admins, all.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { fileCollection, processFile } from '../../retrieval/process-file.ts';
import type { FilesStore } from '../../stores/files.ts';
import { accessibleFile } from './lookup.ts';
import { ContentForm, FileIdParams } from './schemas.ts';

export function writeRoutes(base: FastifyInstance, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  // As upstream, a processing failure is not the answer: the text saved so far is (the editor shows it).
  app.post('/:id/data/content/update', { preValidation: verifiedUser, schema: { params: FileIdParams, body: ContentForm } }, async (request) => {
    const file = await accessibleFile(services, files, request, request.params.id, 'write');
    try {
      await processFile(services, files, file, { content: request.body.content });
    } catch (error) {
      request.log.warn({ err: error, fileId: file.id }, 'processing the new file content failed');
    }
    const current = await files.get(file.id);
    return { content: current?.data['content'] ?? '' };
  });

  app.delete('/all', { preValidation: adminUser }, async (request) => {
    const paths = await files.deleteAll();
    try {
      for (const path of paths) await services.storage.remove(path);
      await services.retrieval.store.reset();
    } catch (error) {
      request.log.error({ err: error }, 'deleting all files');
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error deleting files'));
    }
    return { message: 'All files deleted successfully' };
  });

  app.delete('/:id', { preValidation: verifiedUser, schema: { params: FileIdParams } }, async (request) => {
    const file = await accessibleFile(services, files, request, request.params.id, 'write');
    if (!(await files.delete(file.id))) throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error deleting file'));
    try {
      if (file.path) await services.storage.remove(file.path);
      await services.retrieval.store.deleteCollection(fileCollection(file.id));
    } catch (error) {
      request.log.error({ err: error, fileId: file.id }, 'deleting a file');
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error deleting files'));
    }
    return { message: 'File deleted successfully' };
  });
}
