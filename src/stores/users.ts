// The `user` table (and the `auth` rows created and deleted with it). All SQL for users lives here.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeJson, encodeJson } from '../db/values.ts';
import { randomUUID } from 'node:crypto';

export type Role = 'pending' | 'user' | 'admin';

export interface UserModel {
  id: string;
  email: string;
  username: string | null;
  role: Role;
  name: string;
  profile_image_url: string;
  profile_banner_image_url: string | null;
  bio: string | null;
  gender: string | null;
  date_of_birth: string | null;
  timezone: string | null;
  presence_state: string | null;
  status_emoji: string | null;
  status_message: string | null;
  status_expires_at: number | null;
  info: Record<string, unknown> | null;
  settings: Record<string, unknown> | null;
  oauth: Record<string, unknown> | null;
  last_active_at: number;
  updated_at: number;
  created_at: number;
}

export const now = (): number => Math.floor(Date.now() / 1000);

type Row = Record<string, unknown>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const obj = (v: unknown): Record<string, unknown> | null => {
  const d = decodeJson<unknown>(v);
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : null;
};

export function toUserModel(row: Row): UserModel {
  return {
    id: String(row['id']),
    email: String(row['email']),
    username: str(row['username']),
    role: String(row['role']) as Role,
    name: String(row['name']),
    profile_image_url: String(row['profile_image_url'] ?? '/user.png'),
    profile_banner_image_url: str(row['profile_banner_image_url']),
    bio: str(row['bio']),
    gender: str(row['gender']),
    date_of_birth: str(row['date_of_birth']),
    timezone: str(row['timezone']),
    presence_state: str(row['presence_state']),
    status_emoji: str(row['status_emoji']),
    status_message: str(row['status_message']),
    status_expires_at: num(row['status_expires_at']),
    info: obj(row['info']),
    settings: obj(row['settings']),
    oauth: obj(row['oauth']),
    last_active_at: Number(row['last_active_at'] ?? 0),
    updated_at: Number(row['updated_at'] ?? 0),
    created_at: Number(row['created_at'] ?? 0),
  };
}

export class EmailTakenError extends Error {}

export interface NewUser {
  email: string;
  name: string;
  profileImageUrl: string;
  passwordHash: string;
  /** Decides the role inside the creating transaction: `isFirst` is true when no user exists yet. */
  role: (isFirst: boolean) => Role;
  oauth?: Record<string, unknown> | null;
}

export type UserOrder = 'name' | 'email' | 'created_at' | 'last_active_at' | 'updated_at' | 'role';

export interface UserListQuery {
  query?: string | undefined;
  orderBy?: string | undefined;
  direction?: string | undefined;
  skip: number;
  limit: number;
}

const ORDERABLE = new Set<UserOrder>(['name', 'email', 'created_at', 'last_active_at', 'updated_at', 'role']);

export class UsersStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  async getById(id: string): Promise<UserModel | null> {
    const row = await this.db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUserModel(row as Row) : null;
  }

  async getByEmail(email: string): Promise<UserModel | null> {
    const row = await this.db.selectFrom('user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row ? toUserModel(row as Row) : null;
  }

  async getByIds(ids: readonly string[]): Promise<UserModel[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('user').selectAll().where('id', 'in', [...ids]).execute();
    return rows.map((r) => toUserModel(r as Row));
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async hasUsers(): Promise<boolean> {
    return (await this.db.selectFrom('user').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  /** The primary admin: the earliest account. */
  async getFirst(): Promise<UserModel | null> {
    const row = await this.db.selectFrom('user').selectAll().orderBy('created_at', 'asc').limit(1).executeTakeFirst();
    return row ? toUserModel(row as Row) : null;
  }

  async countActiveSince(since: number): Promise<number> {
    const row = await this.db
      .selectFrom('user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('last_active_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Creates the user and its auth row in one transaction that also decides the role. The
   * transaction is serialised (advisory lock on PostgreSQL, the single writer on SQLite), so two
   * concurrent first sign-ups cannot both become admin and an email cannot be taken twice.
   */
  async create(input: NewUser): Promise<{ user: UserModel; isFirst: boolean }> {
    const email = input.email.toLowerCase();
    return this.db.transaction().execute(async (trx) => {
      await this.serialiseUserCreation(trx);
      const taken = await trx.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst();
      if (taken) throw new EmailTakenError(email);
      const isFirst = (await trx.selectFrom('user').select('id').limit(1).executeTakeFirst()) === undefined;
      const id = randomUUID();
      const ts = now();
      await trx.insertInto('auth').values({ id, email, password: input.passwordHash, active: true }).execute();
      await trx
        .insertInto('user')
        .values({
          id,
          email,
          name: input.name,
          role: input.role(isFirst),
          profile_image_url: input.profileImageUrl,
          last_active_at: ts,
          created_at: ts,
          updated_at: ts,
          oauth: input.oauth ? encodeJson(input.oauth, this.database.dialect) : null,
        })
        .execute();
      const row = await trx.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { user: toUserModel(row as Row), isFirst };
    });
  }

  private async serialiseUserCreation(trx: Transaction<DB>): Promise<void> {
    if (this.database.dialect === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtext('open-webui-ts:user-create'))`.execute(trx);
    }
  }

  async update(id: string, fields: Partial<Omit<UserModel, 'id' | 'created_at'>>): Promise<UserModel | null> {
    const values: Record<string, unknown> = { updated_at: now() };
    for (const [k, v] of Object.entries(fields)) {
      values[k] = k === 'info' || k === 'settings' || k === 'oauth' ? (v === null ? null : encodeJson(v, this.database.dialect)) : v;
    }
    if ('email' in fields && typeof fields.email === 'string') values['email'] = fields.email.toLowerCase();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('user').set(values).where('id', '=', id).execute();
      if (typeof values['email'] === 'string') await trx.updateTable('auth').set({ email: values['email'] as string }).where('id', '=', id).execute();
    });
    return this.getById(id);
  }

  async touchLastActive(id: string, at: number): Promise<void> {
    await this.db.updateTable('user').set({ last_active_at: at }).where('id', '=', id).execute();
  }

  /** Users for the admin list, each with its group ids; `total` counts every match. */
  async list(q: UserListQuery): Promise<{ users: (UserModel & { group_ids: string[] })[]; total: number }> {
    let base = this.db.selectFrom('user');
    if (q.query) {
      const like = `%${q.query.toLowerCase()}%`;
      base = base.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb(eb.fn('lower', ['email']), 'like', like)]));
    }
    const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const dir = q.direction?.toLowerCase() === 'asc' ? 'asc' : 'desc';
    let rowsQuery = base.selectAll('user');
    const groupOrder = q.orderBy?.startsWith('group_id:') ? q.orderBy.slice('group_id:'.length) : undefined;
    if (groupOrder !== undefined) {
      // Members of the group first (or last, ascending), then newest.
      const member = sql<number>`CASE WHEN EXISTS (SELECT 1 FROM group_member gm WHERE gm.user_id = "user".id AND gm.group_id = ${groupOrder}) THEN 1 ELSE 0 END`;
      rowsQuery = rowsQuery.orderBy(member, dir).orderBy('created_at', 'desc');
    } else if (q.orderBy && ORDERABLE.has(q.orderBy as UserOrder)) {
      rowsQuery = rowsQuery.orderBy(q.orderBy as UserOrder, dir).orderBy('id', 'asc');
    } else {
      rowsQuery = rowsQuery.orderBy('created_at', 'desc').orderBy('id', 'asc');
    }
    const rows = await rowsQuery.offset(q.skip).limit(q.limit).execute();
    const users = rows.map((r) => toUserModel(r as Row));
    const memberships = await this.groupIdsOf(users.map((u) => u.id));
    return { users: users.map((u) => ({ ...u, group_ids: memberships.get(u.id) ?? [] })), total: Number(totalRow.n) };
  }

  async groupIdsOf(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (userIds.length === 0) return map;
    const rows = await this.db.selectFrom('group_member').select(['user_id', 'group_id']).where('user_id', 'in', [...userIds]).execute();
    for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.group_id]);
    return map;
  }

  /**
   * Removes the user with everything that is only theirs: group memberships, API key, chats with
   * their share snapshots, auth row. One transaction.
   */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const chatIds = (await trx.selectFrom('chat').select('id').where('user_id', '=', id).execute()).map((r) => r.id);
      if (chatIds.length) {
        await trx.deleteFrom('chat').where('user_id', 'in', chatIds.map((c) => `shared-${c}`)).execute();
        await trx.deleteFrom('chat').where('user_id', '=', id).execute();
      }
      await trx.deleteFrom('group_member').where('user_id', '=', id).execute();
      await trx.deleteFrom('api_key').where('user_id', '=', id).execute();
      await trx.deleteFrom('oauth_session').where('user_id', '=', id).execute();
      await trx.deleteFrom('auth').where('id', '=', id).execute();
      const result = await trx.deleteFrom('user').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async chatOwner(chatId: string): Promise<string | null> {
    const row = await this.db.selectFrom('chat').select('user_id').where('id', '=', chatId).executeTakeFirst();
    return row ? row.user_id : null;
  }
}

