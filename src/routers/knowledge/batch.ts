// Adding many files at once: each file's stored text is embedded into the knowledge collection in
// one batch, and the files that made it are linked (in one transaction). Files that cannot be added
// are reported under `warnings` (Open WebUI built that field but its response model dropped it).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, errorMessage, HTTPException } from '../../lib/errors.ts';
import { saveDocs, type SourceDoc } from '../../retrieval/save-docs.ts';
import { sha256Hex } from '../../retrieval/text.ts';
import type { FileModel, FilesStore } from '../../stores/files.ts';
import type { KnowledgeStore } from '../../stores/knowledge.ts';
import { granted, readableFile, writableKnowledge } from './access.ts';
import { knowledgeFilesResponse } from './responses.ts';
import { IdParams, KnowledgeFileIdList } from './schemas.ts';

interface Prepared {
  file: FileModel;
  hash: string;
}

export function batchRoutes(base: FastifyInstance, store: KnowledgeStore, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { config, retrieval } = services;

  app.post('/:id/files/batch/add', { preValidation: verifiedUser, schema: { params: IdParams, body: KnowledgeFileIdList } }, async (request) => {
    const user = userOf(request);
    const { knowledge, groupIds } = await writableKnowledge(services, store, user, request.params.id);
    const ids = [...new Set(request.body.map((f) => f.file_id))];
    const maxCount = config.get('FILE_MAX_COUNT');
    if (maxCount !== null && maxCount > 0 && ids.length > maxCount) {
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT(`You can add at most ${maxCount} files at once`));
    }

    // Every file must exist and be readable by the caller before anything is written.
    const found: FileModel[] = [];
    for (const id of ids) {
      const file = await readableFile(services, files, user, id);
      if (!file) throw new HTTPException(400, `File ${id} not found`);
      found.push(file);
    }

    const errors: string[] = [];
    const prepared: Prepared[] = [];
    const docs: SourceDoc[] = [];
    const hashes = new Set<string>();
    for (const file of found) {
      const content = typeof file.data['content'] === 'string' ? file.data['content'] : '';
      if (content.trim() === '') {
        errors.push(`${file.id}: ${ERROR_MESSAGES.FILE_NOT_PROCESSED}`);
        continue;
      }
      const hash = sha256Hex(content);
      // Already there (linked, the same text in this batch, or the same text in the collection).
      if (hashes.has(hash) || (await store.holds(knowledge.id, file.id)) || (await retrieval.store.exists(knowledge.id, { hash }))) {
        errors.push(`${file.id}: ${ERROR_MESSAGES.DUPLICATE_CONTENT}`);
        continue;
      }
      hashes.add(hash);
      prepared.push({ file, hash });
      docs.push({
        text: content.replace(/<br\/>/g, '\n'),
        metadata: { ...file.meta, name: file.filename, created_by: file.user_id, file_id: file.id, source: file.filename, hash },
      });
    }

    if (docs.length > 0) {
      let saved = false;
      try {
        await saveDocs(retrieval, config, docs, knowledge.id, { add: true });
        saved = true;
        for (const { file, hash } of prepared) if (file.hash !== hash) await files.setHash(file.id, hash);
        await store.addFiles(
          knowledge.id,
          prepared.map((p) => p.file.id),
          user.id,
        );
      } catch (error) {
        request.log.error({ err: error, knowledgeId: knowledge.id }, 'adding files to a knowledge base');
        // Chunks of files that could not be linked would be unreachable for file/remove.
        if (saved) for (const { file } of prepared) await retrieval.store.delete(knowledge.id, { filter: { file_id: file.id } }).catch(() => undefined);
        for (const { file } of prepared) errors.push(`${file.id}: ${errorMessage(error)}`);
      }
    }

    const response = knowledgeFilesResponse(knowledge, await store.fileMetadatas(knowledge.id), granted(user, groupIds, 'write', knowledge));
    return errors.length > 0 ? { ...response, warnings: { message: 'Some files failed to process', errors } } : response;
  });
}
