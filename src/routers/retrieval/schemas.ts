// Request shapes of the retrieval router's processing and query routes (api-rest.md §2.4).
import { z } from 'zod';
import { QueryBool } from '../../http/query.ts';

const optionalName = z.string().nullish();

export const ProcessFileForm = z.object({ file_id: z.string(), content: z.string().nullish(), collection_name: optionalName });
export const ProcessTextForm = z.object({ name: z.string(), content: z.string(), collection_name: optionalName });
export const ProcessUrlForm = z.object({ url: z.string(), collection_name: optionalName });
export const ProcessUrlQuery = z.object({ process: QueryBool.default(true) });
export const SearchForm = z.object({ queries: z.array(z.string()) });

export const QueryDocForm = z.object({
  collection_name: z.string(),
  query: z.string(),
  k: z.number().int().nullish(),
  k_reranker: z.number().int().nullish(),
  r: z.number().nullish(),
  hybrid: z.boolean().nullish(),
});

export const QueryCollectionsForm = z.object({
  collection_names: z.array(z.string()),
  query: z.string(),
  k: z.number().int().nullish(),
  k_reranker: z.number().int().nullish(),
  r: z.number().nullish(),
  hybrid: z.boolean().nullish(),
  hybrid_bm25_weight: z.number().nullish(),
  enable_enriched_texts: z.boolean().nullish(),
});

export const DeleteForm = z.object({ collection_name: z.string(), file_id: z.string() });

/** Only what the batch route reads of each FileModel the client sends. */
export const BatchProcessFilesForm = z.object({
  files: z.array(z.looseObject({ id: z.string(), data: z.looseObject({ content: z.string().nullish() }).nullish() })),
  collection_name: z.string(),
});

export const EmbedTextParams = z.object({ text: z.string() });
