// The `file` table: uploaded files, their processing state (`data.status`, `data.error`,
// `data.content`) and metadata (`meta.name`, `meta.content_type`, `meta.size`, `meta.data`,
// `meta.collection_name`). Merges into `data`/`meta` are done in SQL, so a background status update
// and a request's update never overwrite each other.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject, encodeJson } from '../db/values.ts';
import { epochSeconds } from '../lib/time.ts';

/** Open WebUI's FileModel, as its routes answer it. */
export interface FileModel {
  id: string;
  user_id: string;
  hash: string | null;
  filename: string;
  path: string | null;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
  access_control: Record<string, unknown> | null;
  created_at: number;
  updated_at: number;
}

export interface NewFile {
  id: string;
  userId: string;
  filename: string;
  path: string;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
}

const COLUMNS = ['id', 'user_id', 'hash', 'filename', 'path', 'data', 'meta', 'access_control', 'created_at', 'updated_at'] as const;

type Row = Record<string, unknown>;

function toFileModel(row: Row): FileModel {
  const created = Number(row['created_at'] ?? 0);
  return {
    id: String(row['id']),
    user_id: String(row['user_id']),
    hash: row['hash'] == null ? null : String(row['hash']),
    filename: String(row['filename']),
    path: row['path'] == null ? null : String(row['path']),
    data: decodeObject(row['data']) ?? {},
    meta: decodeObject(row['meta']) ?? {},
    access_control: decodeObject(row['access_control']),
    created_at: created,
    updated_at: row['updated_at'] == null ? created : Number(row['updated_at']),
  };
}

/** `fnmatch` on lower-cased names, as Open WebUI's file search: `*`, `?` and `[...]` sets. */
export function globMatcher(pattern: string): (name: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        let set = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`);
  return (name) => regex.test(name.toLowerCase());
}

export class FilesStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  async insert(file: NewFile): Promise<FileModel> {
    const now = epochSeconds();
    await this.db
      .insertInto('file')
      .values({
        id: file.id,
        user_id: file.userId,
        filename: file.filename,
        path: file.path,
        hash: null,
        data: encodeJson(file.data),
        meta: encodeJson(file.meta),
        access_control: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.get(file.id)) as FileModel;
  }

  async get(id: string): Promise<FileModel | null> {
    const row = await this.db.selectFrom('file').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toFileModel(row as Row) : null;
  }

  async getMany(ids: readonly string[]): Promise<FileModel[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('file').select(COLUMNS).where('id', 'in', [...ids]).orderBy('updated_at', 'desc').execute();
    return rows.map((r) => toFileModel(r as Row));
  }

  /** Every file (ownerId undefined) or one user's, oldest first. */
  async list(ownerId?: string): Promise<FileModel[]> {
    let query = this.db.selectFrom('file').select(COLUMNS);
    if (ownerId !== undefined) query = query.where('user_id', '=', ownerId);
    const rows = await query.orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
    return rows.map((r) => toFileModel(r as Row));
  }

  /** Shallow-merges keys into `data` (Open WebUI's update_file_data_by_id). */
  async mergeData(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('file')
      .set({ data: this.merged('data', patch), updated_at: epochSeconds() })
      .where('id', '=', id)
      .execute();
  }

  /** Shallow-merges keys into `meta` (update_file_metadata_by_id). */
  async mergeMeta(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('file')
      .set({ meta: this.merged('meta', patch), updated_at: epochSeconds() })
      .where('id', '=', id)
      .execute();
  }

  async setHash(id: string, hash: string): Promise<void> {
    await this.db.updateTable('file').set({ hash, updated_at: epochSeconds() }).where('id', '=', id).execute();
  }

  /** Deletes the row and its links to knowledge bases, chats and channels. */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      for (const link of ['knowledge_file', 'chat_file', 'channel_file'] as const) await trx.deleteFrom(link).where('file_id', '=', id).execute();
      const result = await trx.deleteFrom('file').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /** Deletes every row; the paths of the deleted files, for the caller to remove the blobs. */
  async deleteAll(): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('file').select('path').execute();
      for (const link of ['knowledge_file', 'chat_file', 'channel_file'] as const) await trx.deleteFrom(link).execute();
      await trx.deleteFrom('file').execute();
      return rows.flatMap((r) => (r.path ? [r.path] : []));
    });
  }

  /** `column` with the patch's keys set (one statement, so concurrent merges of other keys survive). */
  private merged(column: 'data' | 'meta', patch: Record<string, unknown>): RawBuilder<string> {
    const json = JSON.stringify(patch);
    if (this.database.dialect === 'postgres') {
      return sql<string>`(case when json_typeof(${sql.ref(column)}) = 'object' then ${sql.ref(column)}::jsonb else '{}'::jsonb end || ${json}::jsonb)::json`;
    }
    // json_patch deletes keys whose patch value is null; Open WebUI's dict merge keeps them as null.
    return sql<string>`json_patch(case when json_type(${sql.ref(column)}) = 'object' then ${sql.ref(column)} else '{}' end, ${json})`;
  }
}
