// The `group` and `group_member` tables. All SQL for groups and memberships lives here.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject, encodeJson } from '../db/values.ts';
import { epochSeconds } from '../lib/time.ts';

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

export interface GroupWithMemberCount extends GroupModel {
  member_count: number;
}

/** What a group's member list shows of each user (Open WebUI's UserInfoResponse). */
export interface GroupMemberInfo {
  id: string;
  name: string;
  email: string;
  role: string;
  status_emoji: string | null;
  status_message: string | null;
  status_expires_at: number | null;
}

export interface NewGroup {
  name: string;
  description: string;
  permissions?: Record<string, unknown> | null | undefined;
  data?: Record<string, unknown> | null | undefined;
}

/** Fields of a group update; undefined or null fields are left as they are. */
export type GroupChanges = Partial<{ [K in keyof NewGroup]: NewGroup[K] | null }>;

export interface GroupListFilter {
  /** Only groups this user belongs to. */
  memberId?: string | undefined;
  /** `data.config.share`: true matches true or unset, false matches only an explicit false. */
  share?: boolean | undefined;
}

const INSERT_BATCH = 1000;

type Row = Record<string, unknown>;
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function toGroupModel(row: Row): GroupModel {
  return {
    id: String(row['id']),
    user_id: String(row['user_id'] ?? ''),
    name: String(row['name'] ?? ''),
    description: String(row['description'] ?? ''),
    data: decodeObject(row['data']),
    meta: decodeObject(row['meta']),
    permissions: decodeObject(row['permissions']),
    created_at: Number(row['created_at'] ?? 0),
    updated_at: Number(row['updated_at'] ?? 0),
  };
}

/** Open WebUI's share filter; a missing or null `data.config.share` counts as shared. */
function matchesShare(group: GroupModel, share: boolean): boolean {
  const config = group.data?.['config'];
  const value = config && typeof config === 'object' ? (config as Record<string, unknown>)['share'] : undefined;
  if (share) return value === undefined || value === null || value === true;
  return value === false;
}

export class GroupsStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  /** JSON column text; an absent value is stored as JSON `null`, as Open WebUI stores Python None. */
  private json(value: Record<string, unknown> | null | undefined): string | null {
    return encodeJson(value ?? null, this.database.dialect);
  }

  /** Permission trees of every group the user belongs to. */
  async permissionsOfMember(userId: string): Promise<Record<string, unknown>[]> {
    const rows = await this.db
      .selectFrom('group')
      .innerJoin('group_member', 'group_member.group_id', 'group.id')
      .select('group.permissions')
      .where('group_member.user_id', '=', userId)
      .execute();
    return rows.map((r) => decodeObject(r.permissions)).filter((p): p is Record<string, unknown> => p !== null);
  }

  async getById(id: string): Promise<GroupModel | null> {
    const row = await this.db.selectFrom('group').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toGroupModel(row as Row) : null;
  }

  async getWithMemberCount(id: string): Promise<GroupWithMemberCount | null> {
    const group = await this.getById(id);
    return group ? (await this.withMemberCounts([group]))[0] ?? null : null;
  }

  /** Groups, most recently updated first, each with its member count. */
  async list(filter: GroupListFilter = {}): Promise<GroupWithMemberCount[]> {
    let query = this.db.selectFrom('group').selectAll('group');
    if (filter.memberId !== undefined) {
      query = query.innerJoin('group_member', 'group_member.group_id', 'group.id').where('group_member.user_id', '=', filter.memberId);
    }
    const rows = await query.orderBy('group.updated_at', 'desc').orderBy('group.id', 'asc').execute();
    const groups = rows.map((r) => toGroupModel(r as Row));
    const { share } = filter;
    return this.withMemberCounts(share === undefined ? groups : groups.filter((g) => matchesShare(g, share)));
  }

  private async withMemberCounts(groups: GroupModel[]): Promise<GroupWithMemberCount[]> {
    if (groups.length === 0) return [];
    const rows = await this.db
      .selectFrom('group_member')
      .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('group_id', 'in', groups.map((g) => g.id))
      .groupBy('group_id')
      .execute();
    const counts = new Map(rows.map((r) => [r.group_id, Number(r.n)]));
    return groups.map((g) => ({ ...g, member_count: counts.get(g.id) ?? 0 }));
  }

  async create(creatorId: string, input: NewGroup): Promise<GroupModel> {
    const id = randomUUID();
    const ts = epochSeconds();
    await this.db
      .insertInto('group')
      .values({
        id,
        user_id: creatorId,
        name: input.name,
        description: input.description,
        permissions: this.json(input.permissions),
        data: this.json(input.data),
        meta: this.json(null),
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    const created = await this.getById(id);
    if (!created) throw new Error(`group ${id} vanished after insert`);
    return created;
  }

  /** Writes the given non-null fields and bumps updated_at; false when the group does not exist. */
  async update(id: string, changes: GroupChanges): Promise<boolean> {
    const values: Record<string, unknown> = { updated_at: epochSeconds() };
    if (changes.name != null) values['name'] = changes.name;
    if (changes.description != null) values['description'] = changes.description;
    if (changes.permissions != null) values['permissions'] = this.json(changes.permissions);
    if (changes.data != null) values['data'] = this.json(changes.data);
    const result = await this.db.updateTable('group').set(values).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Deletes the group and its memberships together; false when it did not exist. */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('group_member').where('group_id', '=', id).execute();
      const result = await trx.deleteFrom('group').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /** Ids of the groups a user belongs to (access checks). */
  async groupIdsOfMember(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('group_member').select('group_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.group_id);
  }

  async memberIds(groupId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('group_member').select('user_id').where('group_id', '=', groupId).orderBy('created_at', 'asc').orderBy('user_id', 'asc').execute();
    return rows.map((r) => r.user_id);
  }

  /**
   * The members of a group, oldest membership first (an unknown group has none). Reads only the
   * few user columns a member list shows, joined through the membership table.
   */
  async members(groupId: string): Promise<GroupMemberInfo[]> {
    const rows = await this.db
      .selectFrom('user')
      .innerJoin('group_member', 'group_member.user_id', 'user.id')
      .select(['user.id', 'user.name', 'user.email', 'user.role', 'user.status_emoji', 'user.status_message', 'user.status_expires_at'])
      .where('group_member.group_id', '=', groupId)
      .orderBy('group_member.created_at', 'asc')
      .orderBy('user.id', 'asc')
      .execute();
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      email: String(r.email),
      role: String(r.role),
      status_emoji: strOrNull(r.status_emoji),
      status_message: strOrNull(r.status_message),
      status_expires_at: r.status_expires_at === null || r.status_expires_at === undefined ? null : Number(r.status_expires_at),
    }));
  }

  /**
   * Adds existing users to a group (unknown ids and current members are skipped) and bumps the
   * group's updated_at, in one transaction. False when the group does not exist.
   */
  async addMembers(groupId: string, userIds: readonly string[]): Promise<boolean> {
    const ts = epochSeconds();
    return this.db.transaction().execute(async (trx) => {
      const touched = await trx.updateTable('group').set({ updated_at: ts }).where('id', '=', groupId).executeTakeFirst();
      if (Number(touched.numUpdatedRows) === 0) return false;
      const wanted = [...new Set(userIds)];
      if (wanted.length === 0) return true;
      const known = (await trx.selectFrom('user').select('id').where('id', 'in', wanted).execute()).map((r) => r.id);
      const existing = new Set(
        (await trx.selectFrom('group_member').select('user_id').where('group_id', '=', groupId).execute()).map((r) => r.user_id),
      );
      await this.insertMemberships(trx, known.filter((u) => !existing.has(u)).map((user_id) => ({ group_id: groupId, user_id })), ts);
      return true;
    });
  }

  /**
   * Removes users from a group; bumps updated_at unless the list is empty. False when the group
   * does not exist.
   */
  async removeMembers(groupId: string, userIds: readonly string[]): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const group = await trx.selectFrom('group').select('id').where('id', '=', groupId).executeTakeFirst();
      if (!group) return false;
      if (userIds.length === 0) return true;
      await trx.deleteFrom('group_member').where('group_id', '=', groupId).where('user_id', 'in', [...new Set(userIds)]).execute();
      await trx.updateTable('group').set({ updated_at: epochSeconds() }).where('id', '=', groupId).execute();
      return true;
    });
  }

  /**
   * Makes the user a member of exactly the existing groups named in `groupNames` (every group with
   * such a name; unknown names are ignored). Groups joined or left get their updated_at bumped.
   */
  async syncMembershipByNames(userId: string, groupNames: readonly string[]): Promise<void> {
    const ts = epochSeconds();
    const names = [...new Set(groupNames)];
    await this.db.transaction().execute(async (trx) => {
      const target = new Set(
        names.length ? (await trx.selectFrom('group').select('id').where('name', 'in', names).execute()).map((r) => r.id) : [],
      );
      const current = new Set(
        (await trx.selectFrom('group_member').select('group_id').where('user_id', '=', userId).execute()).map((r) => r.group_id),
      );
      const leave = [...current].filter((g) => !target.has(g));
      const join = [...target].filter((g) => !current.has(g));
      if (leave.length) await trx.deleteFrom('group_member').where('user_id', '=', userId).where('group_id', 'in', leave).execute();
      await this.insertMemberships(trx, join.map((group_id) => ({ group_id, user_id: userId })), ts);
      const changed = [...leave, ...join];
      if (changed.length) await trx.updateTable('group').set({ updated_at: ts }).where('id', 'in', changed).execute();
    });
  }

  /**
   * Inserts memberships in batches (SQLite caps bound parameters per statement); one added
   * concurrently by another request is not an error.
   */
  private async insertMemberships(trx: Transaction<DB>, pairs: { group_id: string; user_id: string }[], ts: number): Promise<void> {
    for (let i = 0; i < pairs.length; i += INSERT_BATCH) {
      await trx
        .insertInto('group_member')
        .values(pairs.slice(i, i + INSERT_BATCH).map((p) => ({ id: randomUUID(), ...p, created_at: ts, updated_at: ts })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}
