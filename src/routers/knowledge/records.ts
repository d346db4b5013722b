// One knowledge base: create, read, update, its file listing, reset and delete.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { FilesStore } from '../../stores/files.ts';
import type { FileOrder, KnowledgeStore } from '../../stores/knowledge.ts';
import { accessToStore, granted, may, writableKnowledge } from './access.ts';
import { fileListResponse, knowledgeFilesResponse, knowledgeResponse } from './responses.ts';
import { IdParams, KnowledgeFilesQuery, KnowledgeForm, pageOf } from './schemas.ts';

const FILE_ORDERS: readonly string[] = ['name', 'created_at', 'updated_at'] satisfies FileOrder[];

export function recordRoutes(base: FastifyInstance, store: KnowledgeStore, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { retrieval } = services;

  app.post('/create', { preValidation: verifiedUser, schema: { body: KnowledgeForm } }, async (request) => {
    const user = userOf(request);
    if (user.role !== 'admin' && !(await services.permissions.has(user.id, 'workspace.knowledge'))) {
      throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
    }
    const { name, description } = request.body;
    const access_control = await accessToStore(services, user, request.body.access_control);
    try {
      return knowledgeResponse(await store.create(user.id, { name, description, access_control }));
    } catch (error) {
      request.log.error({ err: error }, 'creating a knowledge base');
      throw new HTTPException(400, ERROR_MESSAGES.FILE_EXISTS);
    }
  });

  // As upstream: 401 NOT_FOUND when there is no such knowledge base, 200 null when the caller may
  // not read it. Files are not embedded (the client pages them through /{id}/files).
  app.get('/:id', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const user = userOf(request);
    const knowledge = await store.get(request.params.id);
    if (!knowledge) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    const groupIds = await services.access.groupIdsOf(user.id);
    if (!may(user, groupIds, 'read', knowledge)) return null;
    return knowledgeFilesResponse(knowledge, null, granted(user, groupIds, 'write', knowledge));
  });

  app.post('/:id/update', { preValidation: verifiedUser, schema: { params: IdParams, body: KnowledgeForm } }, async (request) => {
    const user = userOf(request);
    const { knowledge, groupIds } = await writableKnowledge(services, store, user, request.params.id);
    const { name, description } = request.body;
    const access_control = await accessToStore(services, user, request.body.access_control, knowledge.access_control);
    const updated = await store.update(knowledge.id, { name, description, access_control });
    if (!updated) throw new HTTPException(400, ERROR_MESSAGES.ID_TAKEN);
    return knowledgeFilesResponse(updated, await store.fileMetadatas(updated.id), granted(user, groupIds, 'write', updated));
  });

  app.get('/:id/files', { preValidation: verifiedUser, schema: { params: IdParams, querystring: KnowledgeFilesQuery } }, async (request) => {
    const user = userOf(request);
    const knowledge = await store.get(request.params.id);
    if (!knowledge) throw new HTTPException(400, ERROR_MESSAGES.NOT_FOUND);
    if (!may(user, await services.access.groupIdsOf(user.id), 'read', knowledge)) throw new HTTPException(400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    const { query, view_option, order_by, direction, page } = request.query;
    const orderBy = order_by !== undefined && FILE_ORDERS.includes(order_by) ? (order_by as FileOrder) : 'updated_at';
    const search = { query, viewOption: view_option, orderBy, direction: direction === 'asc' ? ('asc' as const) : ('desc' as const) };
    return fileListResponse(files, await store.searchFiles(knowledge.id, user.id, search, pageOf(page)));
  });

  // The chunks go, the file links go; the files themselves stay.
  app.post('/:id/reset', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const { knowledge } = await writableKnowledge(services, store, userOf(request), request.params.id);
    try {
      await retrieval.store.deleteCollection(knowledge.id);
    } catch (error) {
      request.log.warn({ err: error, knowledgeId: knowledge.id }, 'dropping a knowledge collection');
    }
    const reset = await store.reset(knowledge.id);
    return reset ? knowledgeResponse(reset) : null;
  });

  // Models that list the knowledge base lose it; its chunks go; then the record and its links.
  app.delete('/:id/delete', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const { knowledge } = await writableKnowledge(services, store, userOf(request), request.params.id);
    const { deleted, modelsChanged } = await store.delete(knowledge.id);
    if (modelsChanged.length > 0) request.log.info({ knowledgeId: knowledge.id, models: modelsChanged }, 'knowledge base removed from models');
    try {
      await retrieval.store.deleteCollection(knowledge.id);
    } catch (error) {
      request.log.warn({ err: error, knowledgeId: knowledge.id }, 'dropping a knowledge collection');
    }
    return deleted;
  });
}
