// Putting one file into a knowledge base, re-indexing it there, and taking it out. Every file id
// the client sends must name a file the caller may read (see readableFile).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, errorMessage, HTTPException } from '../../lib/errors.ts';
import { fileCollection, processFile } from '../../retrieval/process-file.ts';
import type { FilesStore } from '../../stores/files.ts';
import type { KnowledgeStore } from '../../stores/knowledge.ts';
import { mayAccessFile } from '../files/access.ts';
import { granted, readableFile, writableKnowledge } from './access.ts';
import { knowledgeFilesResponse } from './responses.ts';
import { IdParams, KnowledgeFileIdForm, RemoveFileQuery } from './schemas.ts';

export function fileRoutes(base: FastifyInstance, store: KnowledgeStore, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { retrieval } = services;
  const options = { preValidation: verifiedUser, schema: { params: IdParams, body: KnowledgeFileIdForm } };

  // The file's chunks are copied from `file-{id}` (or its stored text embedded) into the knowledge
  // collection, then the file is linked. A processing refusal (e.g. the same content is already
  // there: DUPLICATE_CONTENT) is the 400's detail, as upstream.
  app.post('/:id/file/add', options, async (request) => {
    const user = userOf(request);
    const { knowledge, groupIds } = await writableKnowledge(services, store, user, request.params.id);
    const file = await readableFile(services, files, user, request.body.file_id);
    if (!file) throw new HTTPException(400, ERROR_MESSAGES.NOT_FOUND);
    if (Object.keys(file.data).length === 0) throw new HTTPException(400, ERROR_MESSAGES.FILE_NOT_PROCESSED);
    try {
      await processFile(services, files, file, { collectionName: knowledge.id });
      await store.addFiles(knowledge.id, [file.id], user.id);
    } catch (error) {
      request.log.debug({ err: error, knowledgeId: knowledge.id, fileId: file.id }, 'adding a file to a knowledge base');
      throw new HTTPException(400, errorMessage(error));
    }
    return knowledgeFilesResponse(knowledge, await store.fileMetadatas(knowledge.id), granted(user, groupIds, 'write', knowledge));
  });

  // The file's chunks in the knowledge collection are replaced by its current ones.
  app.post('/:id/file/update', options, async (request) => {
    const user = userOf(request);
    const { knowledge, groupIds } = await writableKnowledge(services, store, user, request.params.id);
    const file = await readableFile(services, files, user, request.body.file_id);
    if (!file) throw new HTTPException(400, ERROR_MESSAGES.NOT_FOUND);
    await retrieval.store.delete(knowledge.id, { filter: { file_id: file.id } });
    try {
      await processFile(services, files, file, { collectionName: knowledge.id });
    } catch (error) {
      throw new HTTPException(400, errorMessage(error));
    }
    return knowledgeFilesResponse(knowledge, await store.fileMetadatas(knowledge.id), granted(user, groupIds, 'write', knowledge));
  });

  // Unlinks the file and removes its chunks (by file id, and by content hash for copies). With
  // delete_file (the default) the file itself goes too: its row, its `file-{id}` collection and its
  // stored bytes — but only when the caller could delete it through DELETE /files/{id}.
  app.post('/:id/file/remove', { ...options, schema: { ...options.schema, querystring: RemoveFileQuery } }, async (request) => {
    const user = userOf(request);
    const { knowledge, groupIds } = await writableKnowledge(services, store, user, request.params.id);
    const file = await files.get(request.body.file_id);
    const known = file !== null && ((await store.holds(knowledge.id, file.id)) || (await mayAccessFile(services, user, file, 'read')));
    if (!file || !known) throw new HTTPException(400, ERROR_MESSAGES.NOT_FOUND);
    // Decided before the link goes: holding the file in a knowledge base one may write is a way to may write it.
    const deleteFile = request.query.delete_file && (await mayAccessFile(services, user, file, 'write'));

    await store.removeFile(knowledge.id, file.id);
    try {
      await retrieval.store.delete(knowledge.id, { filter: { file_id: file.id } });
      if (file.hash) await retrieval.store.delete(knowledge.id, { filter: { hash: file.hash } });
    } catch (error) {
      request.log.warn({ err: error, knowledgeId: knowledge.id, fileId: file.id }, 'removing file chunks from a knowledge collection');
    }
    if (deleteFile) {
      try {
        await retrieval.store.deleteCollection(fileCollection(file.id));
      } catch (error) {
        request.log.warn({ err: error, fileId: file.id }, "dropping a file's collection");
      }
      await files.delete(file.id);
      if (file.path) {
        try {
          await services.storage.remove(file.path);
        } catch (error) {
          request.log.warn({ err: error, fileId: file.id }, "removing a file's stored bytes");
        }
      }
    }
    return knowledgeFilesResponse(knowledge, await store.fileMetadatas(knowledge.id), granted(user, groupIds, 'write', knowledge));
  });
}
