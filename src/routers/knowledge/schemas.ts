// Request schemas of the knowledge router (Open WebUI's KnowledgeForm, KnowledgeFileIdForm and the
// listing queries).
import { z } from 'zod';
import { QueryBool, QueryPage } from '../../http/query.ts';

/** Who a knowledge base is shared with; the only keys access checks read from each grant. */
const AccessGrant = z.object({
  group_ids: z.array(z.string().max(255)).max(10_000).optional(),
  user_ids: z.array(z.string().max(255)).max(10_000).optional(),
});

/** `null` = public, `{}` = private, else read/write grants (other keys are dropped). */
const AccessControlForm = z.object({ read: AccessGrant.optional(), write: AccessGrant.optional() }).nullable();

export const KnowledgeForm = z.object({
  name: z.string().max(1_000),
  description: z.string().max(100_000),
  // Omitted is None upstream: public (subject to the sharing permission).
  access_control: AccessControlForm.optional().transform((v) => v ?? null),
});
export type KnowledgeFormValue = z.output<typeof KnowledgeForm>;

export const KnowledgeFileIdForm = z.object({ file_id: z.string().max(255) });

/** The batch body: a JSON array of KnowledgeFileIdForm. */
export const KnowledgeFileIdList = z.array(KnowledgeFileIdForm).max(10_000);

export const IdParams = z.object({ id: z.string().max(255) });

export const PageQuery = z.object({ page: QueryPage.optional() });

export const SearchQuery = z.object({
  query: z.string().max(1_000).optional(),
  view_option: z.string().max(50).optional(),
  page: QueryPage.optional(),
});

export const FileSearchQuery = z.object({ query: z.string().max(1_000).optional(), page: QueryPage.optional() });

export const KnowledgeFilesQuery = z.object({
  query: z.string().max(1_000).optional(),
  view_option: z.string().max(50).optional(),
  order_by: z.string().max(50).optional(),
  direction: z.string().max(10).optional(),
  page: QueryPage.optional(),
});

export const RemoveFileQuery = z.object({ delete_file: QueryBool.default(true) });

/** Listings are fixed at 30 per page; a page below 1 is the first. */
export const PAGE_SIZE = 30;
export const pageOf = (page: number | undefined): { offset: number; limit: number } => ({ offset: (Math.max(page ?? 1, 1) - 1) * PAGE_SIZE, limit: PAGE_SIZE });
