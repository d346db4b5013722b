// Listings: the knowledge bases a user may read (all of them, or searched) and the files held by
// them. 30 per page, most recently updated first; each knowledge base with its owner and the
// caller's `write_access`.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import type { Services } from '../../services.ts';
import type { FilesStore } from '../../stores/files.ts';
import type { KnowledgeSearch, KnowledgeStore } from '../../stores/knowledge.ts';
import type { UserModel } from '../../stores/users.ts';
import { granted, viewerOf } from './access.ts';
import { fileListResponse } from './responses.ts';
import { FileSearchQuery, PageQuery, SearchQuery, pageOf } from './schemas.ts';

async function knowledgeList(services: Services, store: KnowledgeStore, user: UserModel, search: KnowledgeSearch, page: number | undefined) {
  const viewer = await viewerOf(services, user, true);
  const result = await store.search(viewer, search, pageOf(page));
  const groupIds = new Set(viewer.groupIds);
  return {
    items: result.items.map((kb) => ({ ...kb, write_access: granted(user, groupIds, 'write', kb) })),
    total: result.total,
  };
}

export function listRoutes(base: FastifyInstance, store: KnowledgeStore, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  app.get('/', { preValidation: verifiedUser, prefixTrailingSlash: 'slash', schema: { querystring: PageQuery } }, async (request) =>
    knowledgeList(services, store, userOf(request), {}, request.query.page),
  );

  app.get('/search', { preValidation: verifiedUser, schema: { querystring: SearchQuery } }, async (request) => {
    const { query, view_option, page } = request.query;
    return knowledgeList(services, store, userOf(request), { query, viewOption: view_option }, page);
  });

  // As upstream, admins too see only the files of knowledge bases they may read here.
  app.get('/search/files', { preValidation: verifiedUser, schema: { querystring: FileSearchQuery } }, async (request) => {
    const viewer = await viewerOf(services, userOf(request), false);
    return fileListResponse(files, await store.searchReadableFiles(viewer, request.query.query, pageOf(request.query.page)));
  });
}
