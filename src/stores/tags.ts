// The `tag` table: one row per (normalised tag id, user). Chats reference tags by id in `chat.meta.tags`.
import type { Kysely } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject } from '../db/values.ts';

export interface TagModel {
  id: string;
  name: string;
  user_id: string;
  meta: Record<string, unknown> | null;
}

/** Open WebUI's tag id: the name lower-cased with spaces as underscores. */
export const tagIdOf = (name: string): string => name.replace(/ /g, '_').toLowerCase();

type Row = { id: string; name: string; user_id: string; meta: unknown };
const toTagModel = (row: Row): TagModel => ({ id: row.id, name: row.name, user_id: row.user_id, meta: decodeObject(row.meta) });

export class TagsStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  async listByUser(userId: string): Promise<TagModel[]> {
    const rows = await this.db.selectFrom('tag').selectAll().where('user_id', '=', userId).orderBy('id').execute();
    return rows.map(toTagModel);
  }

  async getByIds(userId: string, ids: readonly string[]): Promise<TagModel[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('tag').selectAll().where('user_id', '=', userId).where('id', 'in', [...ids]).orderBy('id').execute();
    return rows.map(toTagModel);
  }

  async exists(userId: string, name: string): Promise<boolean> {
    const row = await this.db.selectFrom('tag').select('id').where('user_id', '=', userId).where('id', '=', tagIdOf(name)).executeTakeFirst();
    return row !== undefined;
  }

  /** Creates the tag row unless the user already has one with that id; returns the tag id. */
  async ensure(userId: string, name: string, db: Kysely<DB> = this.db): Promise<string> {
    const id = tagIdOf(name);
    await db
      .insertInto('tag')
      .values({ id, name, user_id: userId, meta: null })
      .onConflict((oc) => oc.columns(['id', 'user_id']).doNothing())
      .execute();
    return id;
  }

  async delete(userId: string, name: string, db: Kysely<DB> = this.db): Promise<void> {
    await db.deleteFrom('tag').where('user_id', '=', userId).where('id', '=', tagIdOf(name)).execute();
  }
}
