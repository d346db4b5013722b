// The `api_key` table: one plaintext `sk-` key per user (id `key_{user_id}`), as Open WebUI 0.6.41+ stores it.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import { epochSeconds } from '../lib/time.ts';

export function newApiKey(): string {
  return `sk-${randomUUID().replace(/-/g, '')}`;
}

export class ApiKeysStore {
  constructor(private readonly database: Database) {}

  async getKey(userId: string): Promise<string | null> {
    const row = await this.database.db.selectFrom('api_key').select('key').where('user_id', '=', userId).executeTakeFirst();
    return row?.key ?? null;
  }

  /** Replaces the user's key (delete then insert, in one transaction). */
  async replace(userId: string, key: string): Promise<void> {
    const ts = epochSeconds();
    await this.database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('api_key').where('user_id', '=', userId).execute();
      await trx.insertInto('api_key').values({ id: `key_${userId}`, user_id: userId, key, data: null, expires_at: null, last_used_at: null, created_at: ts, updated_at: ts }).execute();
    });
  }

  async delete(userId: string): Promise<boolean> {
    const result = await this.database.db.deleteFrom('api_key').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The owner of a key. The lookup is by index; the final comparison is constant-time. */
  async findUserId(key: string): Promise<string | null> {
    const row = await this.database.db.selectFrom('api_key').select(['user_id', 'key', 'expires_at']).where('key', '=', key).executeTakeFirst();
    if (!row || !row.user_id) return null;
    const a = Buffer.from(row.key);
    const b = Buffer.from(key);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    if (row.expires_at !== null && row.expires_at !== undefined && Number(row.expires_at) < epochSeconds()) return null;
    return row.user_id;
  }

  async touch(userId: string): Promise<void> {
    await this.database.db.updateTable('api_key').set({ last_used_at: epochSeconds() }).where('user_id', '=', userId).execute();
  }
}
