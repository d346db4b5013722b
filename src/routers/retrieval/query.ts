// Searching collections directly (the API's query/doc and query/collection). Every collection named
// must be one the caller may read; Open WebUI checked nothing here.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, errorMessage, HTTPException } from '../../lib/errors.ts';
import { mayUseCollection } from '../../retrieval/collection-access.ts';
import { ChunkSearch, queryOptionsFromConfig, type QueryOptions } from '../../retrieval/search.ts';
import type { FilesStore } from '../../stores/files.ts';
import type { UserModel } from '../../stores/users.ts';
import { QueryCollectionsForm, QueryDocForm } from './schemas.ts';

/** The form's overrides; as upstream, 0 and null mean "the configured value", and hybrid needs the setting on. */
function optionsFor(search: { k?: number | null; k_reranker?: number | null; r?: number | null; hybrid?: boolean | null; hybrid_bm25_weight?: number | null; enable_enriched_texts?: boolean | null }, base: QueryOptions): QueryOptions {
  return {
    k: search.k || base.k,
    kReranker: search.k_reranker || base.kReranker,
    r: search.r || base.r,
    hybrid: base.hybrid && search.hybrid !== false,
    bm25Weight: search.hybrid_bm25_weight || base.bm25Weight,
    enrichedTexts: search.enable_enriched_texts ?? base.enrichedTexts,
  };
}

export function queryRoutes(base: FastifyInstance, files: FilesStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const search = new ChunkSearch(services.retrieval, services.config);

  const assertReadable = async (user: UserModel, names: readonly string[]) => {
    for (const name of names) if (!(await mayUseCollection(services, files, user, name, 'read'))) throw new HTTPException(404, ERROR_MESSAGES.NOT_FOUND);
  };

  app.post('/query/doc', { preValidation: verifiedUser, schema: { body: QueryDocForm } }, async (request) => {
    const { collection_name: collection, query } = request.body;
    await assertReadable(userOf(request), [collection]);
    const options = optionsFor(request.body, queryOptionsFromConfig(services.config));
    try {
      if (options.hybrid) {
        const hits = await search.hybrid(collection, query, options);
        return { distances: [hits.map((h) => h.score)], documents: [hits.map((h) => h.text)], metadatas: [hits.map((h) => h.metadata)] };
      }
      const hits = await search.plain(collection, query, options.k);
      return { ids: [hits.map((h) => h.id)], distances: [hits.map((h) => h.score)], documents: [hits.map((h) => h.text)], metadatas: [hits.map((h) => h.metadata)] };
    } catch (error) {
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT(errorMessage(error)));
    }
  });

  app.post('/query/collection', { preValidation: verifiedUser, schema: { body: QueryCollectionsForm } }, async (request) => {
    const { collection_names: names, query } = request.body;
    await assertReadable(userOf(request), names);
    try {
      return await search.query(names, [query], optionsFor(request.body, queryOptionsFromConfig(services.config)));
    } catch (error) {
      throw new HTTPException(400, ERROR_MESSAGES.DEFAULT(errorMessage(error)));
    }
  });
}
