// The `knowledge` and `knowledge_file` tables: knowledge bases, and which files each one holds.
// Every listing takes the viewer (user id, group ids, whether they see everything) and puts the
// access rule in the WHERE clause, so pages and totals only ever count what the viewer may read.
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject, encodeJson } from '../db/values.ts';
import { epochSeconds } from '../lib/time.ts';

type Json = Record<string, unknown>;

/** Open WebUI's KnowledgeModel, fields in its order. */
export interface KnowledgeModel {
  id: string;
  user_id: string;
  name: string;
  description: string;
  meta: Json | null;
  access_control: Json | null;
  created_at: number;
  updated_at: number;
}

/** Open WebUI's UserResponse, as embedded in listings. */
export interface KnowledgeUser {
  id: string;
  name: string;
  role: string;
  email: string;
}

export type KnowledgeWithUser = KnowledgeModel & { user: KnowledgeUser | null };

/** Open WebUI's FileMetadataResponse. */
export interface FileMetadata {
  id: string;
  hash: string | null;
  meta: Json | null;
  created_at: number;
  updated_at: number;
}

/** What the create and update forms write. */
export interface KnowledgeFields {
  name: string;
  description: string;
  access_control: Json | null;
}

/** Who is looking: their id and groups, and whether they see every knowledge base (admin bypass). */
export interface Viewer {
  userId: string;
  groupIds: readonly string[];
  seesAll: boolean;
}

export interface Page {
  offset: number;
  limit: number;
}

export interface KnowledgeSearch {
  /** Substring of the name or description, case-insensitive. */
  query?: string | undefined;
  /** `created`: the viewer's own; `shared`: everyone else's; other values: no filter. */
  viewOption?: string | undefined;
}

export type FileOrder = 'name' | 'created_at' | 'updated_at';

export interface KnowledgeFileSearch {
  /** Substring of the filename, case-insensitive. */
  query?: string | undefined;
  /** `created`: files the viewer added; `shared`: files others added. */
  viewOption?: string | undefined;
  orderBy: FileOrder;
  direction: 'asc' | 'desc';
}

/** One row of a file listing: the file's id and the user shown with it (the file row is the files store's). */
export interface ListedFile {
  fileId: string;
  user: KnowledgeUser | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

type Row = Record<string, unknown>;

const KNOWLEDGE_COLUMNS = ['id', 'user_id', 'name', 'description', 'meta', 'access_control', 'created_at', 'updated_at'] as const;

function toKnowledge(row: Row): KnowledgeModel {
  const created = Number(row['created_at'] ?? 0);
  return {
    id: String(row['id']),
    user_id: String(row['user_id'] ?? ''),
    name: String(row['name'] ?? ''),
    description: row['description'] == null ? '' : String(row['description']),
    meta: decodeObject(row['meta']),
    access_control: decodeObject(row['access_control']),
    created_at: created,
    updated_at: row['updated_at'] == null ? created : Number(row['updated_at']),
  };
}

function toUser(row: Row): KnowledgeUser | null {
  if (row['owner_id'] == null) return null;
  return { id: String(row['owner_id']), name: String(row['owner_name'] ?? ''), role: String(row['owner_role'] ?? ''), email: String(row['owner_email'] ?? '') };
}

/** `lower(column) LIKE %text%` on both dialects; `%` and `_` in the text match themselves. */
function contains(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

export class KnowledgeStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  async create(userId: string, fields: KnowledgeFields): Promise<KnowledgeModel> {
    const now = epochSeconds();
    const id = randomUUID();
    await this.db
      .insertInto('knowledge')
      .values({
        id,
        user_id: userId,
        name: fields.name,
        description: fields.description,
        meta: encodeJson(null),
        access_control: encodeJson(fields.access_control),
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.get(id)) as KnowledgeModel;
  }

  async get(id: string): Promise<KnowledgeModel | null> {
    const row = await this.db.selectFrom('knowledge').select(KNOWLEDGE_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toKnowledge(row as Row) : null;
  }

  /** Every knowledge base id, most recently updated first (reindexing walks them all). */
  async allIds(): Promise<string[]> {
    const rows = await this.db.selectFrom('knowledge').select('id').orderBy('updated_at', 'desc').orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  /** The knowledge bases the viewer may read, matching the search; newest change first, with owners. */
  async search(viewer: Viewer, search: KnowledgeSearch, page: Page): Promise<Paged<KnowledgeWithUser>> {
    let base = this.db.selectFrom('knowledge').leftJoin('user', 'user.id', 'knowledge.user_id');
    if (!viewer.seesAll) base = base.where(this.readableBy(viewer));
    if (search.query) {
      const q = search.query;
      base = base.where((eb) => eb.or([contains('knowledge.name', q), contains('knowledge.description', q)]));
    }
    if (search.viewOption === 'created') base = base.where('knowledge.user_id', '=', viewer.userId);
    else if (search.viewOption === 'shared') base = base.where('knowledge.user_id', '!=', viewer.userId);

    const counted = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(KNOWLEDGE_COLUMNS.map((c) => `knowledge.${c}` as const))
      .select(['user.id as owner_id', 'user.name as owner_name', 'user.role as owner_role', 'user.email as owner_email'])
      .orderBy('knowledge.updated_at', 'desc')
      .orderBy('knowledge.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return { items: rows.map((r) => ({ ...toKnowledge(r as Row), user: toUser(r as Row) })), total: Number(counted.n) };
  }

  /** Replaces name, description and access_control; null when the knowledge base is gone. */
  async update(id: string, fields: KnowledgeFields): Promise<KnowledgeModel | null> {
    const result = await this.db
      .updateTable('knowledge')
      .set({ name: fields.name, description: fields.description, access_control: encodeJson(fields.access_control), updated_at: epochSeconds() })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n ? this.get(id) : null;
  }

  /** Unlinks every file (the files stay) and touches the knowledge base; null when it is gone. */
  async reset(id: string): Promise<KnowledgeModel | null> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('knowledge_file').where('knowledge_id', '=', id).execute();
      await trx.updateTable('knowledge').set({ updated_at: epochSeconds() }).where('id', '=', id).execute();
    });
    return this.get(id);
  }

  /**
   * Deletes the knowledge base and its file links, and takes it out of every workspace model's
   * `meta.knowledge` list (items whose `id` is this knowledge base), in one transaction, so no model
   * is left pointing at a knowledge base that no longer exists. Returns the ids of the models changed.
   */
  async delete(id: string): Promise<{ deleted: boolean; modelsChanged: string[] }> {
    return this.db.transaction().execute(async (trx) => {
      const modelsChanged: string[] = [];
      // Only models whose meta text mentions the id can reference it.
      const candidates = await trx.selectFrom('model').select(['id', 'meta']).where(contains('meta', id)).execute();
      for (const model of candidates) {
        const meta = decodeObject(model.meta);
        const list = meta?.['knowledge'];
        if (!meta || !Array.isArray(list)) continue;
        const kept = list.filter((item) => !(item !== null && typeof item === 'object' && (item as Json)['id'] === id));
        if (kept.length === list.length) continue;
        await trx
          .updateTable('model')
          .set({ meta: encodeJson({ ...meta, knowledge: kept }) as string, updated_at: epochSeconds() })
          .where('id', '=', model.id)
          .execute();
        modelsChanged.push(model.id);
      }
      await trx.deleteFrom('knowledge_file').where('knowledge_id', '=', id).execute();
      const result = await trx.deleteFrom('knowledge').where('id', '=', id).executeTakeFirst();
      return { deleted: Number(result.numDeletedRows) > 0, modelsChanged };
    });
  }

  /** Ids of the files a knowledge base holds, in the order they were added. */
  async fileIds(knowledgeId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('knowledge_file')
      .select('file_id')
      .where('knowledge_id', '=', knowledgeId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.file_id);
  }

  /** The files of a knowledge base as FileMetadataResponse (no content), in the order they were added. */
  async fileMetadatas(knowledgeId: string): Promise<FileMetadata[]> {
    const rows = await this.db
      .selectFrom('knowledge_file')
      .innerJoin('file', 'file.id', 'knowledge_file.file_id')
      .select(['file.id', 'file.hash', 'file.meta', 'file.created_at', 'file.updated_at'])
      .where('knowledge_file.knowledge_id', '=', knowledgeId)
      .orderBy('knowledge_file.created_at')
      .orderBy('knowledge_file.id')
      .execute();
    return rows.map((r) => {
      const created = Number(r.created_at ?? 0);
      return {
        id: r.id,
        hash: r.hash ?? null,
        meta: decodeObject(r.meta),
        created_at: created,
        updated_at: r.updated_at == null ? created : Number(r.updated_at),
      };
    });
  }

  async holds(knowledgeId: string, fileId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('knowledge_file')
      .select('id')
      .where('knowledge_id', '=', knowledgeId)
      .where('file_id', '=', fileId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Links files to the knowledge base in one transaction; links that exist already are kept as they are. */
  async addFiles(knowledgeId: string, fileIds: readonly string[], userId: string): Promise<void> {
    if (fileIds.length === 0) return;
    const now = epochSeconds();
    await this.db.transaction().execute(async (trx) => {
      for (const fileId of fileIds) {
        await trx
          .insertInto('knowledge_file')
          .values({ id: randomUUID(), knowledge_id: knowledgeId, file_id: fileId, user_id: userId, created_at: now, updated_at: now })
          .onConflict((oc) => oc.columns(['knowledge_id', 'file_id']).doNothing())
          .execute();
      }
    });
  }

  async removeFile(knowledgeId: string, fileId: string): Promise<void> {
    await this.db.deleteFrom('knowledge_file').where('knowledge_id', '=', knowledgeId).where('file_id', '=', fileId).execute();
  }

  /** A page of one knowledge base's files, each with the user who added it. */
  async searchFiles(knowledgeId: string, viewerId: string, search: KnowledgeFileSearch, page: Page): Promise<Paged<ListedFile>> {
    let base = this.db
      .selectFrom('knowledge_file')
      .innerJoin('file', 'file.id', 'knowledge_file.file_id')
      .leftJoin('user', 'user.id', 'knowledge_file.user_id')
      .where('knowledge_file.knowledge_id', '=', knowledgeId);
    if (search.query) base = base.where(contains('file.filename', search.query));
    if (search.viewOption === 'created') base = base.where('knowledge_file.user_id', '=', viewerId);
    else if (search.viewOption === 'shared') base = base.where('knowledge_file.user_id', '!=', viewerId);

    const counted = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const column = search.orderBy === 'name' ? 'file.filename' : search.orderBy === 'created_at' ? 'file.created_at' : 'file.updated_at';
    const rows = await base
      .select(['file.id as file_id', 'user.id as owner_id', 'user.name as owner_name', 'user.role as owner_role', 'user.email as owner_email'])
      .orderBy(column, search.direction)
      .orderBy('file.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return { items: rows.map((r) => ({ fileId: r.file_id, user: toUser(r as Row) })), total: Number(counted.n) };
  }

  /** A page of the files held by any knowledge base the viewer may read (each file once), with their owners. */
  async searchReadableFiles(viewer: Viewer, query: string | undefined, page: Page): Promise<Paged<ListedFile>> {
    let base = this.db
      .selectFrom('file')
      .leftJoin('user', 'user.id', 'file.user_id')
      // Driven by the links (an IN over the readable knowledge bases' files), not a scan of every file.
      .where('file.id', 'in', (eb) => {
        const held = eb.selectFrom('knowledge_file').innerJoin('knowledge', 'knowledge.id', 'knowledge_file.knowledge_id').select('knowledge_file.file_id');
        return viewer.seesAll ? held : held.where(this.readableBy(viewer));
      });
    if (query) base = base.where(contains('file.filename', query));

    const counted = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(['file.id as file_id', 'user.id as owner_id', 'user.name as owner_name', 'user.role as owner_role', 'user.email as owner_email'])
      .orderBy('file.updated_at', 'desc')
      .orderBy('file.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return { items: rows.map((r) => ({ fileId: r.file_id, user: toUser(r as Row) })), total: Number(counted.n) };
  }

  /**
   * The read rule of access_control in SQL (what `hasAccess` decides in code): the owner; public
   * knowledge (SQL NULL, JSON null, or anything but an object); or the viewer's id or one of their
   * groups listed in `read.user_ids` / `read.group_ids`.
   */
  private readableBy(viewer: Viewer): Expression<SqlBool> {
    const ac = sql.ref('knowledge.access_control');
    const owner = sql.ref('knowledge.user_id');
    const ids = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));
    if (this.database.dialect === 'postgres') {
      const listed = (path: string, values: readonly string[]) => {
        if (values.length === 0) return sql<SqlBool>`false`;
        const arr = sql`(${ac})::jsonb #> ${`{read,${path}}`}::text[]`;
        return sql<SqlBool>`exists (select 1 from jsonb_array_elements_text(case when jsonb_typeof(${arr}) = 'array' then ${arr} else '[]'::jsonb end) as e(v) where e.v in (${ids(values)}))`;
      };
      return sql<SqlBool>`(${owner} = ${viewer.userId} or ${ac} is null or json_typeof(${ac}) <> 'object' or ${listed('user_ids', [viewer.userId])} or ${listed('group_ids', viewer.groupIds)})`;
    }
    const listed = (path: string, values: readonly string[]) => {
      if (values.length === 0) return sql<SqlBool>`0`;
      const jsonPath = `$.read.${path}`;
      return sql<SqlBool>`exists (select 1 from json_each(${ac}, ${jsonPath}) as e where json_type(${ac}, ${jsonPath}) = 'array' and e.type = 'text' and e.value in (${ids(values)}))`;
    };
    return sql<SqlBool>`(${owner} = ${viewer.userId} or (case when ${ac} is null then 1 when not json_valid(${ac}) then 1 when json_type(${ac}) <> 'object' then 1 else (${listed('user_ids', [viewer.userId])} or ${listed('group_ids', viewer.groupIds)}) end))`;
  }
}
