// Request schemas of the chats router (Open WebUI's ChatForm, ChatImportForm, TagForm… and the queries).
import { z } from 'zod';
import { QueryBool, QueryInt } from '../../http/query.ts';
import { SORTABLE_COLUMNS } from '../../stores/chats.ts';

const ID = z.string().max(255);
const TITLE_MAX = 1000;

/** Pages count from 1 here. */
const QueryPage = QueryInt.pipe(z.number().int().min(1).max(1_000_000));

/** The chat JSON: any object; its `title`, when present, must be a sane string (it becomes the row title). */
export const ChatJson = z.looseObject({ title: z.string().max(TITLE_MAX).optional() });

export const ChatForm = z.object({ chat: ChatJson, folder_id: ID.nullish() });

export const ChatImportForm = ChatForm.extend({
  meta: z.record(z.string(), z.unknown()).nullish(),
  pinned: z.boolean().nullish(),
  created_at: z.number().int().nonnegative().nullish(),
  updated_at: z.number().int().nonnegative().nullish(),
});

export const ChatsImportForm = z.object({ chats: z.array(ChatImportForm).max(10_000) });

export const IdParams = z.object({ id: ID });
export const ShareIdParams = z.object({ share_id: ID });

export const ChatListQuery = z.object({
  page: QueryPage.optional(),
  include_pinned: QueryBool.optional(),
  include_folders: QueryBool.optional(),
});

export const ArchivedListQuery = z.object({
  page: QueryPage.optional(),
  query: z.string().max(1000).optional(),
  order_by: z.enum(SORTABLE_COLUMNS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
});

export const SearchQuery = z.object({ text: z.string().max(1000), page: QueryPage.optional() });

export const TagForm = z.object({ name: z.string().min(1).max(255) });
export const TagFilterForm = TagForm.extend({ skip: z.number().int().nullish(), limit: z.number().int().nullish() });

export const MessageParams = z.object({ id: ID, message_id: ID });
export const MessageForm = z.object({ content: z.string().max(10_000_000) });
export const EventForm = z.object({ type: z.string().max(255), data: z.record(z.string(), z.unknown()) });
export const CloneForm = z.object({ title: z.string().max(TITLE_MAX).nullish() }).nullish();
export const ChatFolderIdForm = z.object({ folder_id: ID.nullish() });
export const FolderParams = z.object({ folder_id: ID });
export const FolderPageQuery = z.object({ page: QueryPage.optional() });
export const UserIdParams = z.object({ user_id: ID });
export const UsageQuery = z.object({ items_per_page: QueryPage.optional(), page: QueryPage.optional() });
