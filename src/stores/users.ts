// The `user` table (and the `auth` rows created and deleted with it). All SQL for users lives here.
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject, encodeJson } from '../db/values.ts';
import { epochSeconds } from '../lib/time.ts';
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


/** What user pickers and lists show of a user (Open WebUI's UserInfoResponse). */
export interface UserInfo {
  id: string;
  name: string;
  email: string;
  role: string;
  status_emoji: string | null;
  status_message: string | null;
  status_expires_at: number | null;
}

export type UserWithGroupIds = UserModel & { group_ids: string[] };

/** The status fields a user sets on themselves; only the ones given (non-null) are written. */
export type UserStatusChanges = Partial<Pick<UserModel, 'status_emoji' | 'status_message' | 'status_expires_at'>>;

/** What an admin edits on another account. */
export interface AccountChanges {
  role: Role;
  name: string;
  email: string;
  profile_image_url: string;
}

/** A user counts as active when seen within this many seconds. */
export const ACTIVE_WINDOW_SECONDS = 180;

type Row = Record<string, unknown>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

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
    info: decodeObject(row['info']),
    settings: decodeObject(row['settings']),
    oauth: decodeObject(row['oauth']),
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
  /** Case-insensitive substring of the name or the email. */
  query?: string | undefined;
  /** A UserOrder, or `group_id:<id>` for that group's members first; anything else = newest first. */
  orderBy?: string | undefined;
  /** `asc`, anything else descending. */
  direction?: string | undefined;
  /** One page of the result; all of it when absent. */
  page?: { skip: number; limit: number } | undefined;
}

const ORDERABLE = new Set<UserOrder>(['name', 'email', 'created_at', 'last_active_at', 'updated_at', 'role']);

type UserSelect<O> = SelectQueryBuilder<DB, 'user', O>;

function matching<O>(qb: UserSelect<O>, text: string | undefined): UserSelect<O> {
  if (!text) return qb;
  const like = `%${text.toLowerCase()}%`;
  return qb.where((eb) => eb.or([eb(eb.fn('lower', ['user.name']), 'like', like), eb(eb.fn('lower', ['user.email']), 'like', like)]));
}

/** Open WebUI's orderings; ties broken by id so that pages never overlap. */
function ordered<O>(qb: UserSelect<O>, orderBy: string | undefined, direction: string | undefined): UserSelect<O> {
  const dir = direction?.toLowerCase() === 'asc' ? 'asc' : 'desc';
  if (orderBy?.startsWith('group_id:')) {
    const groupId = orderBy.slice('group_id:'.length);
    return qb
      .orderBy(
        (eb) =>
          eb
            .case()
            .when(
              eb.exists(
                eb.selectFrom('group_member').select('group_member.id').whereRef('group_member.user_id', '=', 'user.id').where('group_member.group_id', '=', groupId),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        dir,
      )
      .orderBy('user.name', 'asc')
      .orderBy('user.id', 'asc');
  }
  if (orderBy && ORDERABLE.has(orderBy as UserOrder)) return qb.orderBy(`user.${orderBy as UserOrder}`, dir).orderBy('user.id', 'asc');
  return qb.orderBy('user.created_at', 'desc').orderBy('user.id', 'asc');
}

function paged<O>(qb: UserSelect<O>, page: UserListQuery['page']): UserSelect<O> {
  return page ? qb.limit(page.limit).offset(page.skip) : qb;
}

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

  /**
   * The primary admin: the earliest account. Accounts created within the same second tie on
   * created_at; then an admin wins (the first account always is one), then the lower id, so the
   * answer never changes between calls.
   */
  async getFirst(): Promise<UserModel | null> {
    const row = await this.db
      .selectFrom('user')
      .selectAll()
      .orderBy('created_at', 'asc')
      .orderBy((eb) => eb.case().when('role', '=', 'admin').then(0).else(1).end(), 'asc')
      .orderBy('id', 'asc')
      .limit(1)
      .executeTakeFirst();
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

  /** Seen within the last ACTIVE_WINDOW_SECONDS; false for an unknown id. */
  async isActive(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('user').select('last_active_at').where('id', '=', id).executeTakeFirst();
    return row !== undefined && Number(row.last_active_at ?? 0) >= epochSeconds() - ACTIVE_WINDOW_SECONDS;
  }

  /**
   * Creates the user and its auth row in one transaction that also decides the role. The
   * transaction is serialised (advisory lock on PostgreSQL, the single writer on SQLite), so two
   * concurrent first sign-ups cannot both become admin and an email cannot be taken twice.
   */
  async create(input: NewUser): Promise<{ user: UserModel; isFirst: boolean }> {
    const email = input.email.toLowerCase();
    return this.db.transaction().execute(async (trx) => {
      await this.serialiseEmailClaims(trx);
      const taken = await trx.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst();
      if (taken) throw new EmailTakenError(email);
      const isFirst = (await trx.selectFrom('user').select('id').limit(1).executeTakeFirst()) === undefined;
      const id = randomUUID();
      const ts = epochSeconds();
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

  /** Account creation and email changes take this lock, so an email cannot be claimed twice at once. */
  private async serialiseEmailClaims(trx: Transaction<DB>): Promise<void> {
    if (this.database.dialect === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtext('open-webui-ts:user-create'))`.execute(trx);
    }
  }

  async update(id: string, fields: Partial<Omit<UserModel, 'id' | 'created_at'>>): Promise<UserModel | null> {
    const values: Record<string, unknown> = { updated_at: epochSeconds() };
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

  /** Writes the given non-null status fields; null when the user does not exist. */
  async updateStatus(id: string, changes: UserStatusChanges): Promise<UserModel | null> {
    const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null && v !== undefined)) as UserStatusChanges;
    return Object.keys(fields).length ? this.update(id, fields) : this.getById(id);
  }

  /**
   * An admin's edit of an account: role, name, email (user and auth rows) and, when given, a new
   * password hash, in one transaction. Throws EmailTakenError when another account has the email;
   * null when the user does not exist.
   */
  async updateAccount(id: string, changes: AccountChanges, passwordHash?: string): Promise<UserModel | null> {
    const email = changes.email.toLowerCase();
    const found = await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('user').select('email').where('id', '=', id).executeTakeFirst();
      if (!current) return false;
      if (current.email !== email) {
        await this.serialiseEmailClaims(trx);
        const taken = await trx.selectFrom('user').select('id').where('email', '=', email).where('id', '!=', id).executeTakeFirst();
        if (taken) throw new EmailTakenError(email);
      }
      await trx
        .updateTable('user')
        .set({ role: changes.role, name: changes.name, email, profile_image_url: changes.profile_image_url, updated_at: epochSeconds() })
        .where('id', '=', id)
        .execute();
      await trx
        .updateTable('auth')
        .set(passwordHash === undefined ? { email } : { email, password: passwordHash })
        .where('id', '=', id)
        .execute();
      return true;
    });
    return found ? this.getById(id) : null;
  }

  /** Replaces the given top-level keys of the user's settings; the merged settings, or null for an unknown user. */
  async mergeSettings(id: string, changes: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    return this.mergeObjectColumn(id, 'settings', changes);
  }

  /** Shallow-merges into the user's `info`; the merged object, or null for an unknown user. */
  async mergeInfo(id: string, changes: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    return this.mergeObjectColumn(id, 'info', changes);
  }

  /**
   * Read-merge-write of a JSON object column under a row lock (SQLite has one writer), so two
   * concurrent merges cannot drop each other's keys. These are client preferences, not account
   * edits: updated_at stays as it is, as in Open WebUI.
   */
  private async mergeObjectColumn(id: string, column: 'settings' | 'info', changes: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    return this.db.transaction().execute(async (trx) => {
      let read = trx.selectFrom('user').select(column).where('id', '=', id);
      if (this.database.dialect === 'postgres') read = read.forUpdate();
      const row = await read.executeTakeFirst();
      if (!row) return null;
      const merged = { ...(decodeObject(row[column]) ?? {}), ...changes };
      const value = encodeJson(merged, this.database.dialect);
      await trx
        .updateTable('user')
        .set(column === 'settings' ? { settings: value } : { info: value })
        .where('id', '=', id)
        .execute();
      return merged;
    });
  }

  async touchLastActive(id: string, at: number): Promise<void> {
    await this.db.updateTable('user').set({ last_active_at: at }).where('id', '=', id).execute();
  }

  /** Whole users with their group ids (the admin list); `total` counts every match. */
  async list(q: UserListQuery): Promise<{ users: UserWithGroupIds[]; total: number }> {
    const rows = await paged(ordered(matching(this.db.selectFrom('user').selectAll('user'), q.query), q.orderBy, q.direction), q.page).execute();
    const users = rows.map((r) => toUserModel(r as Row));
    const memberships = await this.groupIdsOf(users.map((u) => u.id));
    return { users: users.map((u) => ({ ...u, group_ids: memberships.get(u.id) ?? [] })), total: await this.countMatching(q.query) };
  }

  /** The UserInfo of matching users (pickers, the full list); `total` counts every match. */
  async listInfo(q: UserListQuery): Promise<{ users: UserInfo[]; total: number }> {
    const rows = await paged(
      ordered(
        matching(
          this.db
            .selectFrom('user')
            .select(['user.id', 'user.name', 'user.email', 'user.role', 'user.status_emoji', 'user.status_message', 'user.status_expires_at']),
          q.query,
        ),
        q.orderBy,
        q.direction,
      ),
      q.page,
    ).execute();
    const users = rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      email: String(r.email),
      role: String(r.role),
      status_emoji: str(r.status_emoji),
      status_message: str(r.status_message),
      status_expires_at: num(r.status_expires_at),
    }));
    return { users, total: await this.countMatching(q.query) };
  }

  private async countMatching(text: string | undefined): Promise<number> {
    const row = await matching(this.db.selectFrom('user'), text).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async groupIdsOf(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (userIds.length === 0) return map;
    const rows = await this.db.selectFrom('group_member').select(['user_id', 'group_id']).where('user_id', 'in', [...userIds]).execute();
    for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.group_id]);
    return map;
  }

  /**
   * Removes the user with everything that is only theirs: group memberships, API key, OAuth
   * sessions, chats with their share snapshots (user_id `shared-<chat id>`), auth row. One
   * transaction; false when there was no such user.
   */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('chat')
        .where('user_id', 'in', (eb) =>
          eb
            .selectFrom('chat as owned')
            .select(sql<string>`${sql.lit('shared-')} || ${sql.ref('owned.id')}`.as('snapshot_owner'))
            .where('owned.user_id', '=', id),
        )
        .execute();
      await trx.deleteFrom('chat').where('user_id', '=', id).execute();
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
