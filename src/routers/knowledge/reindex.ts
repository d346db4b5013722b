// Rebuilding every knowledge collection (admins): each is dropped, then every linked file is
// processed into it again. A file that fails is logged and skipped, as upstream.
import type { FastifyInstance } from 'fastify';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { processFile } from '../../retrieval/process-file.ts';
import type { FilesStore } from '../../stores/files.ts';
import type { KnowledgeStore } from '../../stores/knowledge.ts';

export function reindexRoutes(app: FastifyInstance, store: KnowledgeStore, files: FilesStore): void {
  const { services } = app;

  // Verified users reach the handler; non-admins get 401 UNAUTHORIZED there, as upstream.
  app.post('/reindex', { preValidation: verifiedUser }, async (request) => {
    if (userOf(request).role !== 'admin') throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
    const ids = await store.allIds();
    request.log.info({ knowledgeBases: ids.length }, 'reindexing knowledge bases');
    for (const id of ids) {
      try {
        await services.retrieval.store.deleteCollection(id);
      } catch (error) {
        request.log.error({ err: error, knowledgeId: id }, 'dropping a knowledge collection; skipped');
        continue;
      }
      let failed = 0;
      for (const file of await files.getMany(await store.fileIds(id))) {
        try {
          await processFile(services, files, file, { collectionName: id });
        } catch (error) {
          failed++;
          request.log.error({ err: error, knowledgeId: id, fileId: file.id }, 'reindexing a file');
        }
      }
      if (failed > 0) request.log.warn({ knowledgeId: id, failed }, 'some files could not be reindexed');
    }
    return true;
  });
}
