// The `group` and `group_member` tables. All SQL for groups lives here.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import { decodeJson } from '../db/values.ts';
import { now } from './users.ts';

export interface GroupModel {
  id: string;
  user_id: string;
  name: string;
  description: string;
  data: Record<string, unknown> | null;
  meta: Record<string, unknown> | null;
  permissions: Record<string, unknown> | null;
  created_at: number;
  updated_at: number;
}

type Row = Record<string, unknown>;
const obj = (v: unknown): Record<string, unknown> | null => {
  const d = decodeJson<unknown>(v);
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : null;
};

export function toGroupModel(row: Row): GroupModel {
  return {
    id: String(row['id']),
    user_id: String(row['user_id'] ?? ''),
    name: String(row['name'] ?? ''),
    description: String(row['description'] ?? ''),
    data: obj(row['data']),
    meta: obj(row['meta']),
    permissions: obj(row['permissions']),
    created_at: Number(row['created_at'] ?? 0),
    updated_at: Number(row['updated_at'] ?? 0),
  };
}

export class GroupsStore {
  constructor(private readonly database: Database) {}

  /** Permission trees of every group the user belongs to. */
  async permissionsOfMember(userId: string): Promise<Record<string, unknown>[]> {
    const rows = await this.database.db
      .selectFrom('group')
      .innerJoin('group_member', 'group_member.group_id', 'group.id')
      .select('group.permissions')
      .where('group_member.user_id', '=', userId)
      .execute();
    return rows.map((r) => obj(r.permissions)).filter((p): p is Record<string, unknown> => p !== null);
  }

  async getById(id: string): Promise<GroupModel | null> {
    const row = await this.database.db.selectFrom('group').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toGroupModel(row as Row) : null;
  }

  /** Adds users to a group, ignoring those already in it; bumps the group's updated_at. */
  async addMembers(groupId: string, userIds: readonly string[]): Promise<void> {
    const ts = now();
    await this.database.db.transaction().execute(async (trx) => {
      const existing = new Set(
        (await trx.selectFrom('group_member').select('user_id').where('group_id', '=', groupId).execute()).map((r) => r.user_id),
      );
      const fresh = [...new Set(userIds)].filter((u) => !existing.has(u));
      if (fresh.length) {
        await trx
          .insertInto('group_member')
          .values(fresh.map((user_id) => ({ id: randomUUID(), group_id: groupId, user_id, created_at: ts, updated_at: ts })))
          .execute();
      }
      await trx.updateTable('group').set({ updated_at: ts }).where('id', '=', groupId).execute();
    });
  }
}
