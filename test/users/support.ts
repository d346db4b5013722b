// Shared steps of the users tests.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { encodeJson } from '../../src/db/values.ts';
import type { UserModel } from '../../src/stores/users.ts';
import type { Account, TestServer } from '../helpers/server.ts';

export { ERROR_MESSAGES } from '../../src/lib/errors.ts';
export { assert422, assertDetail, cookieHeader, signin } from '../auths/support.ts';

export const nowSec = (): number => Math.floor(Date.now() / 1000);

/** A bcrypt hash no password matches: for accounts that are only listed, never signed in. */
const UNUSABLE_HASH = '$2b$12$AAAAAAAAAAAAAAAAAAAAAOAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Creates an account straight through the store (bcrypt-free, for tests that need many). */
export async function seedUser(server: TestServer, name: string, email: string, role: 'pending' | 'user' | 'admin' = 'user'): Promise<UserModel> {
  const { user } = await server.services.users.create({ name, email, profileImageUrl: '/user.png', passwordHash: UNUSABLE_HASH, role: () => role });
  return user;
}

/** Sets a user's timestamps directly, so ordering and activity can be tested within one second. */
export async function setUserTimes(server: TestServer, userId: string, times: Partial<Record<'created_at' | 'updated_at' | 'last_active_at', number>>): Promise<void> {
  await server.services.database.db.updateTable('user').set(times).where('id', '=', userId).execute();
}

/** A chat row owned by `userId` (the chats router is not needed to test what users do with chats). */
export async function insertChat(server: TestServer, userId: string, id = randomUUID()): Promise<string> {
  const ts = nowSec();
  await server.services.database.db
    .insertInto('chat')
    .values({ id, user_id: userId, title: 'A chat', chat: encodeJson({ title: 'A chat', messages: [] }) as string, archived: false, pinned: false, meta: '{}', created_at: ts, updated_at: ts, share_id: null, folder_id: null })
    .execute();
  return id;
}

export async function chatCount(server: TestServer, userId: string): Promise<number> {
  const row = await server.services.database.db
    .selectFrom('chat')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function createGroup(server: TestServer, admin: Account, name: string, permissions: Record<string, unknown> | null = null): Promise<string> {
  const res = await server.request('POST', '/api/v1/groups/create', { token: admin.token, body: { name, description: '', permissions } });
  assert.equal(res.status, 200, res.text);
  return res.body.id as string;
}

export async function addMembers(server: TestServer, admin: Account, groupId: string, userIds: string[]): Promise<void> {
  const res = await server.request('POST', `/api/v1/groups/id/${groupId}/users/add`, { token: admin.token, body: { user_ids: userIds } });
  assert.equal(res.status, 200, res.text);
}

export async function getUser(server: TestServer, admin: Account, userId: string): Promise<Record<string, unknown>> {
  const res = await server.request('GET', `/api/v1/users/${userId}`, { token: admin.token });
  assert.equal(res.status, 200, res.text);
  return res.body as Record<string, unknown>;
}

/** Every field of Open WebUI's UserModel, in its order. */
export const USER_MODEL_FIELDS = [
  'id',
  'email',
  'username',
  'role',
  'name',
  'profile_image_url',
  'profile_banner_image_url',
  'bio',
  'gender',
  'date_of_birth',
  'timezone',
  'presence_state',
  'status_emoji',
  'status_message',
  'status_expires_at',
  'info',
  'settings',
  'oauth',
  'last_active_at',
  'updated_at',
  'created_at',
];

export const USER_INFO_FIELDS = ['id', 'name', 'email', 'role', 'status_emoji', 'status_message', 'status_expires_at'];

export const sorted = (keys: Iterable<string>): string[] => [...keys].sort();
