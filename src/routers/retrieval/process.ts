// Putting text into collections: a stored file, a text, a web page, and a batch of files. Every
// collection name and file id the client sends is checked against the caller's access first.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, errorMessage, HTTPException } from '../../lib/errors.ts';
import { mayUseCollection } from '../../retrieval/collection-access.ts';
import { processFile } from '../../retrieval/process-file.ts';
import { saveDocs, type SourceDoc } from '../../retrieval/save-docs.ts';
import { sha256Hex } from '../../retrieval/text.ts';
import { loadPage } from '../../retrieval/web-loader.ts';
import type { FilesStore } from '../../stores/files.ts';
import type { UserModel } from '../../stores/users.ts';
import { mayAccessFile } from '../files/access.ts';
import { BatchProcessFilesForm, ProcessFileForm, ProcessTextForm, ProcessUrlForm, ProcessUrlQuery } from './schemas.ts';

export function processRoutes(base: FastifyInstance, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { config, retrieval } = services;

  const assertWritable = async (user: UserModel, collection: string) => {
    if (!(await mayUseCollection(services, files, user, collection, 'write'))) throw new HTTPException(403, ERROR_MESSAGES.ACCESS_PROHIBITED);
  };

  // Non-admins may process only their own files (404 otherwise, as upstream).
  app.post('/process/file', { preValidation: verifiedUser, schema: { body: ProcessFileForm } }, async (request) => {
    const user = userOf(request);
    const file = await files.get(request.body.file_id);
    if (!file || (user.role !== 'admin' && file.user_id !== user.id)) throw new HTTPException(404, ERROR_MESSAGES.NOT_FOUND);
    const collectionName = request.body.collection_name ?? undefined;
    if (collectionName !== undefined) await assertWritable(user, collectionName);
    try {
      return await processFile(services, files, file, { content: request.body.content ?? undefined, collectionName });
    } catch (error) {
      throw new HTTPException(400, errorMessage(error));
    }
  });

  app.post('/process/text', { preValidation: verifiedUser, schema: { body: ProcessTextForm } }, async (request) => {
    const user = userOf(request);
    const { name, content } = request.body;
    const collection = request.body.collection_name ?? sha256Hex(content);
    await assertWritable(user, collection);
    try {
      await saveDocs(retrieval, config, [{ text: content, metadata: { name, created_by: user.id } }], collection);
    } catch (error) {
      throw new HTTPException(400, errorMessage(error));
    }
    return { status: true, collection_name: collection, content };
  });

  // YouTube links are fetched as the page they are (transcripts need YouTube's private API).
  for (const path of ['/process/web', '/process/youtube']) {
    app.post(path, { preValidation: verifiedUser, schema: { body: ProcessUrlForm, querystring: ProcessUrlQuery } }, async (request) => {
      const user = userOf(request);
      const { url } = request.body;
      try {
        const page = await loadPage(retrieval, config, url);
        if (!request.query.process) return { status: true, content: page.content };
        let collection: string | null = request.body.collection_name || sha256Hex(url).slice(0, 63);
        if (config.get('BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL')) collection = null;
        else {
          await assertWritable(user, collection);
          await saveDocs(retrieval, config, page.docs, collection, { overwrite: true });
        }
        return { status: true, collection_name: collection, filename: url, file: { data: { content: page.content }, meta: { name: url, source: url } } };
      } catch (error) {
        if (error instanceof HTTPException) throw error;
        throw new HTTPException(400, ERROR_MESSAGES.DEFAULT(errorMessage(error)));
      }
    });
  }

  // Files the caller may change, with the text the client sends for each (else the stored text), in
  // one batch into the collection. Open WebUI embedded whatever file records the client sent.
  app.post('/process/files/batch', { preValidation: verifiedUser, schema: { body: BatchProcessFilesForm } }, async (request) => {
    const user = userOf(request);
    const { collection_name: collection } = request.body;
    const maxCount = config.get('FILE_MAX_COUNT');
    if (maxCount !== null && maxCount > 0 && request.body.files.length > maxCount) {
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT(`You can process at most ${maxCount} files at once`));
    }
    await assertWritable(user, collection);
    const results: { file_id: string; status: string; error?: string }[] = [];
    const errors: { file_id: string; status: string; error: string }[] = [];
    const docs: SourceDoc[] = [];
    const prepared: { id: string; content: string }[] = [];
    for (const sent of request.body.files) {
      const file = await files.get(sent.id);
      if (!file || !(await mayAccessFile(services, user, file, 'write'))) {
        errors.push({ file_id: sent.id, status: 'failed', error: ERROR_MESSAGES.NOT_FOUND });
        continue;
      }
      const content = sent.data?.content ?? (typeof file.data['content'] === 'string' ? file.data['content'] : '');
      docs.push({ text: content.replace(/<br\/>/g, '\n'), metadata: { ...file.meta, name: file.filename, created_by: file.user_id, file_id: file.id, source: file.filename } });
      prepared.push({ id: file.id, content });
      results.push({ file_id: file.id, status: 'prepared' });
    }
    if (docs.length > 0) {
      try {
        await saveDocs(retrieval, config, docs, collection, { add: true });
        for (const [i, { id, content }] of prepared.entries()) {
          await files.mergeData(id, { content });
          await files.setHash(id, sha256Hex(content));
          await files.mergeMeta(id, { collection_name: collection });
          (results[i] as { status: string }).status = 'completed';
        }
      } catch (error) {
        for (const result of results) errors.push({ file_id: result.file_id, status: 'failed', error: errorMessage(error) });
        results.length = 0;
      }
    }
    return { results, errors };
  });
}
