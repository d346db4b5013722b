// The `chat` table. All SQL for chats lives here. Every method that touches a user's chats takes the
// owner id and puts it in the WHERE clause. Lists select only narrow columns: a chat body (`chat`)
// can be megabytes, so it is read only when one chat, or an explicit export, is asked for.
import { randomUUID } from 'node:crypto';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject, encodeJson, toBool } from '../db/values.ts';
import { epochSeconds } from '../lib/time.ts';
import { appendEntries, bodyText, rawBodyColumn, storedEntriesExcept, stripNullEscapes, type BodyText } from './chat-body.ts';
import { mergedSummary, summarize } from './chat-index/derive.ts';
import type { BodyHead, ChatIndex } from './chat-index/maintain.ts';
import { ChatTextSearch, escapeLike } from './chat-index/search.ts';
import { isObject } from '../lib/json.ts';

export type ChatJson = Record<string, unknown>;

export interface ChatModel {
  id: string;
  user_id: string;
  title: string;
  chat: ChatJson;
  updated_at: number;
  created_at: number;
  share_id: string | null;
  archived: boolean;
  pinned: boolean | null;
  meta: Record<string, unknown>;
  folder_id: string | null;
}

export interface ChatTitleId {
  id: string;
  title: string;
  updated_at: number;
  created_at: number;
}

export interface NewChat {
  chat: ChatJson;
  folder_id?: string | null | undefined;
  meta?: Record<string, unknown> | undefined;
  pinned?: boolean | undefined;
  created_at?: number | null | undefined;
  updated_at?: number | null | undefined;
}

export interface TitleListOptions {
  includePinned?: boolean;
  includeFolders?: boolean;
  includeArchived?: boolean;
  skip?: number | undefined;
  limit?: number | undefined;
}

export interface ArchivedListOptions {
  query?: string | undefined;
  orderBy?: SortableColumn | undefined;
  direction?: 'asc' | 'desc' | undefined;
  skip: number;
  limit: number;
}

/** Columns a chat list may be ordered by (Open WebUI accepts any column; bodies are not sortable here). */
export const SORTABLE_COLUMNS = ['title', 'created_at', 'updated_at', 'id'] as const;
export type SortableColumn = (typeof SORTABLE_COLUMNS)[number];

/** Parsed form of a search text (see api-core.md §5, search grammar). */
export interface ChatSearch {
  text: string;
  tagIds: string[];
  folderIds: string[] | undefined;
  pinned: boolean | undefined;
  archived: boolean | undefined;
  shared: boolean | undefined;
  skip: number;
  limit: number;
}

const TITLE_COLUMNS = ['id', 'title', 'updated_at', 'created_at'] as const;
/** Prefix of the `user_id` of share snapshot rows. */
const SHARED_PREFIX = 'shared-';

/** Null bytes cannot be stored in PostgreSQL text/json; Open WebUI strips them everywhere. */
export function stripNullBytes<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '') as T;
  if (Array.isArray(value)) return value.map(stripNullBytes) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.replace(/\u0000/g, '')] = stripNullBytes(v);
    return out as T;
  }
  return value;
}

/** The row title Open WebUI derives from a chat JSON. */
export function titleOf(chat: ChatJson): string {
  return 'title' in chat ? String(chat['title'] ?? '') : 'New Chat';
}

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v ?? 0);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A chat whose body is kept as its JSON text (large bodies go to the client without re-encoding). */
export type ChatWithBodyText = Omit<ChatModel, 'chat'> & { chatText: BodyText };

function toChatWithBodyText(row: Row): ChatWithBodyText {
  const { chat: _body, ...rest } = toChatModel({ ...row, chat: null });
  return { ...rest, chatText: bodyText(row['chat']) };
}

const ROW_WITHOUT_BODY = ['id', 'user_id', 'title', 'updated_at', 'created_at', 'share_id', 'archived', 'pinned', 'meta', 'folder_id'] as const;

function toChatModel(row: Row): ChatModel {
  return {
    id: String(row['id']),
    user_id: String(row['user_id']),
    title: String(row['title'] ?? ''),
    chat: decodeObject(row['chat']) ?? {},
    updated_at: num(row['updated_at']),
    created_at: num(row['created_at']),
    share_id: strOrNull(row['share_id']),
    archived: toBool(row['archived']),
    pinned: row['pinned'] === null || row['pinned'] === undefined ? null : toBool(row['pinned']),
    meta: decodeObject(row['meta']) ?? {},
    folder_id: strOrNull(row['folder_id']),
  };
}

const toTitleId = (row: Row): ChatTitleId => ({ id: String(row['id']), title: String(row['title'] ?? ''), updated_at: num(row['updated_at']), created_at: num(row['created_at']) });

/** The stored entries a partial lacks, as JSON texts, when the head holds them all; else null. */
function keptScalars(head: BodyHead, partialKeys: readonly string[]): Map<string, string> | null {
  const kept = new Map<string, string>();
  for (const key of head.keys) {
    if (partialKeys.includes(key)) continue;
    if (!(key in head.scalars)) return null;
    kept.set(key, JSON.stringify(head.scalars[key]));
  }
  return kept;
}

/** Tag ids kept in `meta.tags` (anything malformed counts as no tags). */
export function tagsOf(meta: Record<string, unknown>): string[] {
  const tags = meta['tags'];
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

export class ChatsStore {
  private readonly textSearch: ChatTextSearch;

  constructor(
    private readonly database: Database,
    private readonly index: ChatIndex,
  ) {
    this.textSearch = new ChatTextSearch(database);
  }

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  private json(value: unknown): string | null {
    return encodeJson(value, this.database.dialect);
  }

  /** SQL: the chat's `meta.tags` contains `tagId`. */
  private hasTag(tagId: string): Expression<SqlBool> {
    return this.database.dialect === 'postgres'
      ? sql<SqlBool>`exists (select 1 from json_array_elements_text(coalesce((chat.meta::json)->'tags', '[]'::json)) t where t = ${tagId})`
      : sql<SqlBool>`exists (select 1 from json_each(chat.meta, '$.tags') t where t.value = ${tagId})`;
  }

  /** SQL: the chat has no tags at all. */
  private hasNoTags(): Expression<SqlBool> {
    return this.database.dialect === 'postgres'
      ? sql<SqlBool>`not exists (select 1 from json_array_elements_text(coalesce((chat.meta::json)->'tags', '[]'::json)) t)`
      : sql<SqlBool>`not exists (select 1 from json_each(chat.meta, '$.tags'))`;
  }

  // ---- single chats ----

  async insert(userId: string, input: NewChat): Promise<ChatModel> {
    const [chat] = await this.insertMany(userId, [input]);
    return chat as ChatModel;
  }

  /** Inserts chats with new ids in one transaction (imports are all-or-nothing). */
  async insertMany(userId: string, inputs: readonly NewChat[]): Promise<ChatModel[]> {
    const now = epochSeconds();
    const chats: ChatModel[] = inputs.map((input) => {
      const body = stripNullBytes(input.chat);
      return {
        id: randomUUID(),
        user_id: userId,
        title: titleOf(body),
        chat: body,
        created_at: input.created_at || now,
        updated_at: input.updated_at || now,
        share_id: null,
        archived: false,
        pinned: input.pinned ?? false,
        meta: stripNullBytes(input.meta ?? {}),
        folder_id: input.folder_id ?? null,
      };
    });
    if (chats.length === 0) return [];
    await this.db.transaction().execute(async (trx) => {
      for (const c of chats) {
        await trx
          .insertInto('chat')
          .values({ ...c, chat: this.json(c.chat), meta: this.json(c.meta) as string, archived: false, pinned: c.pinned })
          .execute();
        await this.index.refresh(trx, c.id, summarize(c.chat));
      }
    });
    return chats;
  }

  /** A chat of this owner, with its body; null for unknown or foreign ids. */
  async getOwned(id: string, userId: string): Promise<ChatModel | null> {
    const row = await this.db.selectFrom('chat').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return row ? toChatModel(row as Row) : null;
  }

  /** An owned chat with its body as stored text (the single-chat read). */
  async getOwnedWithBodyText(id: string, userId: string): Promise<ChatWithBodyText | null> {
    const row = await this.db
      .selectFrom('chat')
      .select([...ROW_WITHOUT_BODY, rawBodyColumn(this.database.dialect)])
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toChatWithBodyText(row as Row) : null;
  }

  /** Any chat by id (admin routes and share snapshots only). */
  async getById(id: string): Promise<ChatModel | null> {
    const row = await this.db.selectFrom('chat').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toChatModel(row as Row) : null;
  }

  /** The share snapshot with this id, while some chat still points at it. */
  async getByShareId(shareId: string): Promise<ChatModel | null> {
    const owner = await this.db.selectFrom('chat').select('id').where('share_id', '=', shareId).executeTakeFirst();
    return owner ? this.getById(shareId) : null;
  }

  /** Meta (tags) of an owned chat without its body. */
  async getMetaOwned(id: string, userId: string): Promise<{ meta: Record<string, unknown>; pinned: boolean | null } | null> {
    const row = await this.db.selectFrom('chat').select(['meta', 'pinned']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!row) return null;
    return { meta: decodeObject(row.meta) ?? {}, pinned: row.pinned === null ? null : toBool(row.pinned) };
  }

  /**
   * Shallow-merges `partial` into the stored chat JSON (top-level keys replaced), re-derives the row
   * title from the merged JSON and bumps `updated_at`. Null when the chat is not this owner's.
   * The merge happens on JSON text: only the stored keys the partial lacks are read (the web client
   * sends everything but `title`), so a multi-megabyte body is never parsed here.
   */
  async mergeOwned(id: string, userId: string, partial: ChatJson): Promise<ChatWithBodyText | null> {
    const partialText = stripNullEscapes(JSON.stringify(partial));
    const keys = Object.keys(partial);
    return this.db.transaction().execute(async (trx) => {
      const owned = await this.index.ownedHead(trx, id, userId);
      if (!owned) return null;
      // The index's head of the body usually holds what the partial lacks (the title); else the body.
      const kept = (owned.head && keptScalars(owned.head, keys)) ?? (await storedEntriesExcept(trx, this.database.dialect, id, userId, keys)) ?? new Map<string, string>();
      const chatText = appendEntries(partialText, kept);
      const storedTitle = kept.get('title');
      const title = titleOf('title' in partial ? partial : storedTitle === undefined ? {} : { title: JSON.parse(storedTitle) });
      // The body just written is answered as is; the rest of the row comes back without it.
      const updated = await trx
        .updateTable('chat')
        .set({ chat: chatText, title: stripNullBytes(title), updated_at: epochSeconds() })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .returning(ROW_WITHOUT_BODY)
        .executeTakeFirstOrThrow();
      await this.index.refresh(trx, id, mergedSummary(partial, kept));
      return toChatWithBodyText({ ...(updated as Row), chat: chatText });
    });
  }

  /** Flips `pinned` of an owned chat and bumps `updated_at`. */
  async togglePinned(id: string, userId: string): Promise<ChatModel | null> {
    const current = await this.getMetaOwned(id, userId);
    if (!current) return null;
    await this.db.updateTable('chat').set({ pinned: !current.pinned, updated_at: epochSeconds() }).where('id', '=', id).where('user_id', '=', userId).execute();
    return this.getOwned(id, userId);
  }

  /** Flips `archived` of an owned chat, clears its folder and bumps `updated_at`. */
  async toggleArchived(id: string, userId: string): Promise<ChatModel | null> {
    const row = await this.db.selectFrom('chat').select('archived').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!row) return null;
    await this.db
      .updateTable('chat')
      .set({ archived: !toBool(row.archived), folder_id: null, updated_at: epochSeconds() })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .execute();
    return this.getOwned(id, userId);
  }

  async setAllArchived(userId: string, archived: boolean): Promise<void> {
    await this.db.updateTable('chat').set({ archived }).where('user_id', '=', userId).execute();
  }

  /** Replaces `meta.tags` of an owned chat. */
  async setTags(id: string, userId: string, tags: readonly string[], db: Kysely<DB> = this.db): Promise<void> {
    const row = await db.selectFrom('chat').select('meta').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!row) return;
    const meta = { ...(decodeObject(row.meta) ?? {}), tags: [...new Set(tags)] };
    await db.updateTable('chat').set({ meta: this.json(meta) as string }).where('id', '=', id).where('user_id', '=', userId).execute();
  }

  /** Deletes an owned chat and its share snapshot. False when there was nothing to delete. */
  async deleteOwned(id: string, userId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('chat').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      await trx.deleteFrom('chat').where('user_id', '=', SHARED_PREFIX + id).execute();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /** Deletes all of a user's chats and their share snapshots. */
  async deleteAllOwned(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ids = trx.selectFrom('chat').select(sql<string>`${SHARED_PREFIX} || id`.as('sid')).where('user_id', '=', userId);
      await trx.deleteFrom('chat').where('user_id', 'in', ids).execute();
      await trx.deleteFrom('chat').where('user_id', '=', userId).execute();
    });
  }

  /** Moves an owned chat to a folder (null = root); moving unpins it and bumps `updated_at`. */
  async setFolder(id: string, userId: string, folderId: string | null): Promise<ChatModel | null> {
    const result = await this.db
      .updateTable('chat')
      .set({ folder_id: folderId, pinned: false, updated_at: epochSeconds() })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? this.getOwned(id, userId) : null;
  }

  /**
   * Creates the share snapshot of an owned chat, or refreshes it from the chat when one exists:
   * a row with a new id, `user_id = 'shared-<chat id>'`, the chat's title/body/meta/pinned/folder and
   * its created_at. The chat's `share_id` points at the snapshot. Null when the chat is not the owner's.
   */
  async share(id: string, userId: string): Promise<ChatModel | null> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('chat').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      if (!row) return null;
      const chat = toChatModel(row as Row);
      const values = { title: chat.title, chat: this.json(chat.chat), meta: this.json(chat.meta) as string, pinned: chat.pinned, folder_id: chat.folder_id, updated_at: epochSeconds() };
      const existing = await trx.selectFrom('chat').select('id').where('user_id', '=', SHARED_PREFIX + id).executeTakeFirst();
      let snapshotId = existing?.id;
      if (snapshotId) {
        await trx.updateTable('chat').set(values).where('id', '=', snapshotId).execute();
      } else {
        snapshotId = randomUUID();
        await trx
          .insertInto('chat')
          .values({ ...values, id: snapshotId, user_id: SHARED_PREFIX + id, created_at: chat.created_at, share_id: null, archived: false })
          .execute();
      }
      await trx.updateTable('chat').set({ share_id: snapshotId }).where('id', '=', id).execute();
      const snapshot = await trx.selectFrom('chat').selectAll().where('id', '=', snapshotId).executeTakeFirstOrThrow();
      return toChatModel(snapshot as Row);
    });
  }

  /** Removes the share snapshot of an owned chat and clears its `share_id`. */
  async unshare(id: string, userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('chat').where('user_id', '=', SHARED_PREFIX + id).execute();
      await trx.updateTable('chat').set({ share_id: null }).where('id', '=', id).where('user_id', '=', userId).execute();
    });
  }

  /** `history.messages[messageId]` of the user's own chat, or null. */
  async getMessageOwned(id: string, userId: string, messageId: string): Promise<Record<string, unknown> | null> {
    const row = await this.db.selectFrom('chat').select('chat').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    const history = row ? decodeObject(row.chat)?.['history'] : undefined;
    const message = isObject(history) && isObject(history['messages']) ? history['messages'][messageId] : undefined;
    return isObject(message) ? message : null;
  }

  /**
   * Merges `fields` into `history.messages[messageId]` (creating it) and makes it
   * `history.currentId`. `ownerId` is the chat's owner, checked by the caller.
   */
  async upsertMessage(id: string, ownerId: string, messageId: string, fields: Record<string, unknown>): Promise<ChatModel | null> {
    return this.db.transaction().execute(async (trx) => {
      const body = await this.writeMessage(trx, id, ownerId, messageId, fields);
      if (!body) return null;
      await this.index.refresh(trx, id, summarize(body));
      const updated = await trx.selectFrom('chat').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toChatModel(updated as Row);
    });
  }

  /**
   * `upsertMessage` for a reply generated on the server, answering the chat's title (null when the
   * chat is not the owner's). Interim saves skip the search index; the final one refreshes it.
   */
  async saveReply(id: string, ownerId: string, messageId: string, fields: Record<string, unknown>, final: boolean): Promise<string | null> {
    return this.db.transaction().execute(async (trx) => {
      const body = await this.writeMessage(trx, id, ownerId, messageId, fields);
      if (!body) return null;
      if (final) await this.index.refresh(trx, id, summarize(body));
      return titleOf(body);
    });
  }

  /** The merge of upsertMessage; the chat body written, or null when the chat is not the owner's. */
  private async writeMessage(trx: Kysely<DB>, id: string, ownerId: string, messageId: string, fields: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    const row = await trx.selectFrom('chat').select('chat').where('id', '=', id).where('user_id', '=', ownerId).executeTakeFirst();
    if (!row) return null;
    const body = decodeObject(row.chat) ?? {};
    const history = (isObject(body['history']) ? body['history'] : {}) as Record<string, unknown>;
    const messages = (isObject(history['messages']) ? history['messages'] : {}) as Record<string, unknown>;
    const previous = messages[messageId];
    const clean = typeof fields['content'] === 'string' ? { ...fields, content: stripNullBytes(fields['content']) } : fields;
    messages[messageId] = { ...(isObject(previous) ? previous : {}), ...clean };
    body['history'] = { ...history, messages, currentId: messageId };
    await trx.updateTable('chat').set({ chat: this.json(body), title: titleOf(body), updated_at: epochSeconds() }).where('id', '=', id).execute();
    return body;
  }

  // ---- lists (never the chat body) ----

  /** Open WebUI's sidebar list: newest first, by default without archived, pinned and foldered chats. */
  async listTitles(userId: string, options: TitleListOptions = {}): Promise<ChatTitleId[]> {
    let query = this.db.selectFrom('chat').select(TITLE_COLUMNS).where('user_id', '=', userId);
    if (!options.includeFolders) query = query.where('folder_id', 'is', null);
    if (!options.includePinned) query = query.where((eb) => eb.or([eb('pinned', '=', false), eb('pinned', 'is', null)]));
    if (!options.includeArchived) query = query.where('archived', '=', false);
    query = query.orderBy('updated_at', 'desc').orderBy('id');
    if (options.limit !== undefined) query = query.limit(options.limit);
    if (options.skip) query = query.offset(options.skip);
    return (await query.execute()).map((r) => toTitleId(r as Row));
  }

  async listPinned(userId: string): Promise<ChatTitleId[]> {
    const rows = await this.db
      .selectFrom('chat')
      .select(TITLE_COLUMNS)
      .where('user_id', '=', userId)
      .where('pinned', '=', true)
      .where('archived', '=', false)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => toTitleId(r as Row));
  }

  /** Archived chats (or, with `includeArchived` semantics of the admin view, all chats) of a user. */
  async listArchived(userId: string, options: ArchivedListOptions, onlyArchived = true): Promise<ChatTitleId[]> {
    let query = this.db.selectFrom('chat').select(TITLE_COLUMNS).where('user_id', '=', userId);
    if (onlyArchived) query = query.where('archived', '=', true);
    if (options.query) {
      const pattern = `%${escapeLike(options.query.toLowerCase())}%`;
      query = query.where(sql<SqlBool>`lower(title) like ${pattern} escape '\\'`);
    }
    query = query.orderBy(options.orderBy ?? 'updated_at', options.direction ?? 'desc').orderBy('id');
    const rows = await query.limit(options.limit).offset(options.skip).execute();
    return rows.map((r) => toTitleId(r as Row));
  }

  /** Whole chats (bodies included) of a user, newest first: explicit exports only. */
  async listFull(userId: string, filter: { archived?: boolean } = {}): Promise<ChatModel[]> {
    let query = this.db.selectFrom('chat').selectAll().where('user_id', '=', userId);
    if (filter.archived !== undefined) query = query.where('archived', '=', filter.archived);
    const rows = await query.orderBy('updated_at', 'desc').orderBy('id').execute();
    return rows.map((r) => toChatModel(r as Row));
  }

  /** Whole chats in these folders, not pinned nor archived, newest first. */
  async listFullInFolders(userId: string, folderIds: readonly string[]): Promise<ChatModel[]> {
    if (folderIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('chat')
      .selectAll()
      .where('user_id', '=', userId)
      .where('folder_id', 'in', [...folderIds])
      .where((eb) => eb.or([eb('pinned', '=', false), eb('pinned', 'is', null)]))
      .where('archived', '=', false)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => toChatModel(r as Row));
  }

  /** One page of a folder's chats (not pinned nor archived): title, id and updated_at only. */
  async listFolderPage(userId: string, folderId: string, skip: number, limit: number): Promise<{ title: string; id: string; updated_at: number }[]> {
    const rows = await this.db
      .selectFrom('chat')
      .select(['title', 'id', 'updated_at'])
      .where('user_id', '=', userId)
      .where('folder_id', '=', folderId)
      .where((eb) => eb.or([eb('pinned', '=', false), eb('pinned', 'is', null)]))
      .where('archived', '=', false)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(skip)
      .execute();
    return rows.map((r) => ({ title: r.title, id: r.id, updated_at: num(r.updated_at) }));
  }

  /** A page of whole chats of a user, newest first, with the user's chat count. */
  async pageFull(userId: string, skip: number, limit: number): Promise<{ items: ChatModel[]; total: number }> {
    const rows = await this.db.selectFrom('chat').selectAll().where('user_id', '=', userId).orderBy('updated_at', 'desc').orderBy('id').limit(limit).offset(skip).execute();
    const count = await this.db.selectFrom('chat').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirst();
    return { items: rows.map((r) => toChatModel(r as Row)), total: Number(count?.n ?? 0) };
  }

  /** Every chat in the database (the admin export). */
  async listEverything(): Promise<ChatModel[]> {
    const rows = await this.db.selectFrom('chat').selectAll().orderBy('updated_at', 'desc').orderBy('id').execute();
    return rows.map((r) => toChatModel(r as Row));
  }

  /** Non-archived chats of the user carrying the tag. */
  async countWithTag(userId: string, tagId: string, db: Kysely<DB> = this.db): Promise<number> {
    const row = await db
      .selectFrom('chat')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('archived', '=', false)
      .where(this.hasTag(tagId))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Chats of the user carrying the tag (archived included, as upstream), newest first. */
  async listTitlesWithTag(userId: string, tagId: string): Promise<ChatTitleId[]> {
    const rows = await this.db
      .selectFrom('chat')
      .select(TITLE_COLUMNS)
      .where('user_id', '=', userId)
      .where(this.hasTag(tagId))
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => toTitleId(r as Row));
  }

  /** The search of `GET /search`; bodies are only read (in SQL) when there is free text. */
  async search(userId: string, search: ChatSearch): Promise<ChatTitleId[]> {
    let query = this.db.selectFrom('chat').select(TITLE_COLUMNS).where('user_id', '=', userId);
    query = query.where('archived', '=', search.archived ?? false);
    if (search.pinned !== undefined) query = query.where('pinned', '=', search.pinned);
    if (search.shared !== undefined) query = query.where('share_id', search.shared ? 'is not' : 'is', null);
    if (search.folderIds !== undefined) {
      if (search.folderIds.length === 0) return [];
      query = query.where('folder_id', 'in', search.folderIds);
    }
    if (search.tagIds.includes('none')) query = query.where(this.hasNoTags());
    else for (const tagId of search.tagIds) query = query.where(this.hasTag(tagId));
    if (search.text) {
      const needle = search.text;
      const titlePattern = `%${escapeLike(needle)}%`;
      const inMessages = await this.textSearch.messagesContain(needle);
      query = query.where((eb) => eb.or([sql<SqlBool>`lower(chat.title) like ${titlePattern} escape '\\'`, inMessages]));
    }
    const rows = await query.orderBy('updated_at', 'desc').orderBy('id').limit(search.limit).offset(search.skip).execute();
    return rows.map((r) => toTitleId(r as Row));
  }
}
