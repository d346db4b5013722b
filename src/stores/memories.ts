// The `memory` table: short facts a user asks the assistant to remember. Every method that reads
// or changes a memory takes its owner's id and puts it in the WHERE clause, so no query can reach
// another user's memory.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { epochSeconds } from '../lib/time.ts';

/** Open WebUI's MemoryModel (timestamps in epoch seconds). */
export interface MemoryModel {
  id: string;
  user_id: string;
  content: string;
  updated_at: number;
  created_at: number;
}

type Row = Record<string, unknown>;

const COLUMNS = ['id', 'user_id', 'content', 'updated_at', 'created_at'] as const;

// An adopted Open WebUI database may hold a NULL content (its update route wrote one when the form
// had no content); it reads as the empty string.
function toMemoryModel(row: Row): MemoryModel {
  return {
    id: String(row['id']),
    user_id: String(row['user_id'] ?? ''),
    content: typeof row['content'] === 'string' ? row['content'] : '',
    updated_at: Number(row['updated_at'] ?? 0),
    created_at: Number(row['created_at'] ?? 0),
  };
}

export class MemoriesStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  /** The owner's memories, oldest first. */
  async listByUser(userId: string): Promise<MemoryModel[]> {
    const rows = await this.db
      .selectFrom('memory')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map((r) => toMemoryModel(r as Row));
  }

  async countByUser(userId: string): Promise<number> {
    const row = await this.db.selectFrom('memory').select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).where('user_id', '=', userId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** One memory of this owner; null when it does not exist or belongs to someone else. */
  async getOwned(id: string, userId: string): Promise<MemoryModel | null> {
    const row = await this.db.selectFrom('memory').select(COLUMNS).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return row ? toMemoryModel(row as Row) : null;
  }

  async insert(userId: string, content: string): Promise<MemoryModel> {
    const now = epochSeconds();
    const memory: MemoryModel = { id: randomUUID(), user_id: userId, content, created_at: now, updated_at: now };
    await this.db.insertInto('memory').values(memory).execute();
    return memory;
  }

  /** New content and updated_at for this owner's memory; null when it is not theirs (nothing written). */
  async updateContent(id: string, userId: string, content: string): Promise<MemoryModel | null> {
    const result = await this.db
      .updateTable('memory')
      .set({ content, updated_at: epochSeconds() })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows ?? 0) === 0) return null;
    return this.getOwned(id, userId);
  }

  /** Whether this owner's memory was there to delete. */
  async delete(id: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('memory').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows ?? 0) > 0;
  }

  /** Every memory of this owner; the number removed. */
  async deleteByUser(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('memory').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  }
}
