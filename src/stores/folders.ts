// The `folder` table (primary key (id, user_id): every query names the owner), plus the two chat
// writes that folder deletion makes inside its own transaction.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject, encodeJson, toBool } from '../db/values.ts';
import { epochSeconds } from '../lib/time.ts';

type JsonObject = Record<string, unknown>;

/** Open WebUI's FolderModel, field for field. */
export interface FolderModel {
  id: string;
  parent_id: string | null;
  user_id: string;
  name: string;
  items: JsonObject | null;
  meta: JsonObject | null;
  data: JsonObject | null;
  is_expanded: boolean;
  created_at: number;
  updated_at: number;
}

/** What the folder list needs: no `data` or `items` (they can be large). */
export interface FolderSummary {
  id: string;
  name: string;
  meta: JsonObject | null;
  parent_id: string | null;
  is_expanded: boolean;
  created_at: number;
  updated_at: number;
}

export interface NewFolder {
  name: string;
  parentId: string | null;
  data: JsonObject | null;
  meta: JsonObject | null;
}

/** An update: a new name, and keys shallow-merged over the stored `data` / `meta`. */
export interface FolderChanges {
  name?: string | undefined;
  data?: JsonObject | undefined;
  meta?: JsonObject | undefined;
}

type Row = Record<string, unknown>;
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toFolderModel(row: Row): FolderModel {
  return {
    id: String(row['id']),
    parent_id: strOrNull(row['parent_id']),
    user_id: String(row['user_id']),
    name: String(row['name'] ?? ''),
    items: decodeObject(row['items']),
    meta: decodeObject(row['meta']),
    data: decodeObject(row['data']),
    is_expanded: toBool(row['is_expanded']),
    created_at: Number(row['created_at'] ?? 0),
    updated_at: Number(row['updated_at'] ?? 0),
  };
}

/** Case-insensitive name comparison, done in JS so SQLite and PostgreSQL agree beyond ASCII. */
const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class FoldersStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  private json(value: JsonObject | null): string | null {
    return encodeJson(value, this.database.dialect);
  }

  async listSummaries(userId: string): Promise<FolderSummary[]> {
    const rows = await this.db
      .selectFrom('folder')
      .select(['id', 'name', 'meta', 'parent_id', 'is_expanded', 'created_at', 'updated_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      meta: decodeObject(r.meta),
      parent_id: strOrNull(r.parent_id),
      is_expanded: toBool(r.is_expanded),
      created_at: Number(r.created_at),
      updated_at: Number(r.updated_at),
    }));
  }

  async get(userId: string, id: string): Promise<FolderModel | null> {
    return this.getIn(this.db, userId, id);
  }

  /** Whether another folder of this user under `parentId` (null = root) has the name, ignoring case. */
  async nameTaken(userId: string, parentId: string | null, name: string, exceptId?: string): Promise<boolean> {
    let query = this.db.selectFrom('folder').select(['id', 'name']).where('user_id', '=', userId);
    query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
    const siblings = await query.execute();
    return siblings.some((s) => s.id !== exceptId && sameName(s.name, name));
  }

  async create(userId: string, input: NewFolder): Promise<FolderModel> {
    const id = randomUUID();
    const ts = epochSeconds();
    await this.db
      .insertInto('folder')
      .values({
        id,
        user_id: userId,
        parent_id: input.parentId,
        name: input.name,
        items: this.json(null),
        meta: this.json(input.meta),
        data: this.json(input.data),
        is_expanded: false,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    return (await this.get(userId, id)) as FolderModel;
  }

  /** Renames and/or merges `data` and `meta` (read-modify-write in one transaction); null if missing. */
  async update(userId: string, id: string, changes: FolderChanges): Promise<FolderModel | null> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('folder').select(['data', 'meta']).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const set: { name?: string; data?: string | null; meta?: string | null; updated_at: number } = { updated_at: epochSeconds() };
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.data !== undefined) set.data = this.json({ ...(decodeObject(row.data) ?? {}), ...changes.data });
      if (changes.meta !== undefined) set.meta = this.json({ ...(decodeObject(row.meta) ?? {}), ...changes.meta });
      await trx.updateTable('folder').set(set).where('user_id', '=', userId).where('id', '=', id).execute();
      return this.getIn(trx, userId, id);
    });
  }

  async setParent(userId: string, id: string, parentId: string | null): Promise<FolderModel | null> {
    await this.db.updateTable('folder').set({ parent_id: parentId, updated_at: epochSeconds() }).where('user_id', '=', userId).where('id', '=', id).execute();
    return this.get(userId, id);
  }

  async setExpanded(userId: string, id: string, expanded: boolean): Promise<FolderModel | null> {
    await this.db.updateTable('folder').set({ is_expanded: expanded, updated_at: epochSeconds() }).where('user_id', '=', userId).where('id', '=', id).execute();
    return this.get(userId, id);
  }

  /** Moves folders to the root (repair of dangling or cyclic parents). */
  async moveToRoot(userId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('folder').set({ parent_id: null, updated_at: epochSeconds() }).where('user_id', '=', userId).where('id', 'in', [...ids]).execute();
  }

  /** The folder and all its descendants ([] when the user has no such folder). */
  async subtreeIds(userId: string, id: string): Promise<string[]> {
    return this.subtreeIn(this.db, userId, id);
  }

  /** How many of the user's chats sit directly in one of these folders. */
  async countChats(userId: string, folderIds: readonly string[]): Promise<number> {
    if (folderIds.length === 0) return 0;
    const row = await this.db
      .selectFrom('chat')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('folder_id', 'in', [...folderIds])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Deletes the folder and its descendants; their chats are deleted (with their share snapshots;
   * `chat_file` links go by ON DELETE CASCADE) or moved to the root. One transaction; false when
   * the folder is not the user's.
   */
  async deleteTree(userId: string, id: string, options: { deleteChats: boolean }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const ids = await this.subtreeIn(trx, userId, id);
      if (ids.length === 0) return false;
      // Chat writes: they belong to folder deletion, so they run in its transaction.
      if (options.deleteChats) {
        const snapshotOwners = trx
          .selectFrom('chat as c')
          .select(sql<string>`${sql.lit('shared-')} || ${sql.ref('c.id')}`.as('snapshot_owner'))
          .where('c.user_id', '=', userId)
          .where('c.folder_id', 'in', ids);
        await trx.deleteFrom('chat').where('user_id', 'in', snapshotOwners).execute();
        await trx.deleteFrom('chat').where('user_id', '=', userId).where('folder_id', 'in', ids).execute();
      } else {
        await trx.updateTable('chat').set({ folder_id: null }).where('user_id', '=', userId).where('folder_id', 'in', ids).execute();
      }
      await trx.deleteFrom('folder').where('user_id', '=', userId).where('id', 'in', ids).execute();
      return true;
    });
  }

  private async getIn(db: Kysely<DB>, userId: string, id: string): Promise<FolderModel | null> {
    const row = await db.selectFrom('folder').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return row ? toFolderModel(row as Row) : null;
  }

  /** Walks the user's (id, parent_id) pairs in JS: folder trees are small, and cycles cannot loop. */
  private async subtreeIn(db: Kysely<DB>, userId: string, id: string): Promise<string[]> {
    const rows = await db.selectFrom('folder').select(['id', 'parent_id']).where('user_id', '=', userId).execute();
    if (!rows.some((r) => r.id === id)) return [];
    const children = new Map<string, string[]>();
    for (const r of rows) {
      if (r.parent_id === null) continue;
      const list = children.get(r.parent_id) ?? [];
      list.push(r.id);
      children.set(r.parent_id, list);
    }
    const found = new Set<string>([id]);
    const queue = [id];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const child of children.get(next) ?? []) {
        if (!found.has(child)) {
          found.add(child);
          queue.push(child);
        }
      }
    }
    return [...found];
  }
}
