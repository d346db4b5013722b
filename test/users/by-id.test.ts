// GET /users/{id} (whole record for admins and self, public profile for others; shared-<chat id>),
// /users/{id}/active and /users/{id}/groups.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { addMembers, assertDetail, createGroup, ERROR_MESSAGES, getUser, insertChat, nowSec, setUserTimes, sorted, USER_MODEL_FIELDS } from './support.ts';

const PUBLIC_FIELDS = [
  'id',
  'name',
  'username',
  'role',
  'profile_image_url',
  'profile_banner_image_url',
  'bio',
  'presence_state',
  'status_emoji',
  'status_message',
  'status_expires_at',
  'groups',
  'is_active',
];

describe('users router: one user by id', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;
  let groupId: string;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Olga Other', 'olga@example.com', 'user');
    groupId = await createGroup(server, admin, 'Readers');
    await addMembers(server, admin, groupId, [other.id]);
    // Private things the other user keeps.
    await server.request('POST', '/api/v1/users/user/settings/update', { token: other.token, body: { ui: { theme: 'dark' } } });
    await server.request('POST', '/api/v1/users/user/info/update', { token: other.token, body: { location: 'Oslo' } });
    await server.request('POST', '/api/v1/users/user/status/update', { token: other.token, body: { status_emoji: '📚', status_message: 'Reading' } });
    await server.request('POST', '/api/v1/auths/update/profile', { token: other.token, body: { name: 'Olga Other', profile_image_url: '/user.png', bio: 'Librarian', gender: 'female', date_of_birth: '1990-04-01' } });
  });
  after(async () => server?.close());

  test('admins see every field, groups as {id,name} and is_active', async () => {
    const body = await getUser(server, admin, other.id);
    assert.deepEqual(sorted(Object.keys(body)), sorted([...USER_MODEL_FIELDS, 'groups', 'is_active']));
    assert.equal(body['email'], 'olga@example.com');
    assert.deepEqual(body['settings'], { ui: { theme: 'dark' } });
    assert.deepEqual(body['info'], { location: 'Oslo' });
    assert.equal(body['date_of_birth'], '1990-04-01');
    assert.deepEqual(body['groups'], [{ id: groupId, name: 'Readers' }]);
    assert.equal(body['is_active'], true);
    assert.equal(body['status_message'], 'Reading');
  });

  test('a user sees their own whole record', async () => {
    const res = await server.request('GET', `/api/v1/users/${other.id}`, { token: other.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.email, 'olga@example.com');
    assert.deepEqual(res.body.info, { location: 'Oslo' });
  });

  test('another user sees only the public profile (no email, settings, info, oauth, birthday)', async () => {
    const res = await server.request('GET', `/api/v1/users/${other.id}`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(sorted(Object.keys(res.body)), sorted(PUBLIC_FIELDS));
    assert.equal(res.body.name, 'Olga Other');
    assert.equal(res.body.bio, 'Librarian');
    assert.equal(res.body.status_emoji, '📚');
    assert.deepEqual(res.body.groups, [{ id: groupId, name: 'Readers' }]);
    assert.equal(res.body.is_active, true);
  });

  test('is_active: seen within the last 180 seconds', async () => {
    await setUserTimes(server, other.id, { last_active_at: nowSec() - 181 });
    assert.equal((await getUser(server, admin, other.id))['is_active'], false);
    let res = await server.request('GET', `/api/v1/users/${other.id}/active`, { token: user.token });
    assert.deepEqual(res.body, { active: false });
    await setUserTimes(server, other.id, { last_active_at: nowSec() - 170 });
    assert.equal((await getUser(server, admin, other.id))['is_active'], true);
    res = await server.request('GET', `/api/v1/users/${other.id}/active`, { token: user.token });
    assert.deepEqual(res.body, { active: true });
    res = await server.request('GET', '/api/v1/users/no-such-user/active', { token: user.token });
    assert.deepEqual(res.body, { active: false });
  });

  test('shared-<chat id> stands for the chat\'s owner (the shared-chat page shows its author)', async () => {
    const chatId = await insertChat(server, other.id);
    const res = await server.request('GET', `/api/v1/users/shared-${chatId}`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, other.id);
    assert.equal(res.body.name, 'Olga Other');
    assert.equal(res.body.email, undefined);
    const missing = await server.request('GET', '/api/v1/users/shared-no-such-chat', { token: user.token });
    assertDetail(missing, 400, ERROR_MESSAGES.USER_NOT_FOUND);
  });

  test('unknown id → 400 USER_NOT_FOUND', async () => {
    assertDetail(await server.request('GET', '/api/v1/users/no-such-user', { token: admin.token }), 400, ERROR_MESSAGES.USER_NOT_FOUND);
  });

  test('an id longer than 255 characters → 422', async () => {
    const res = await server.request('GET', `/api/v1/users/${'x'.repeat(256)}`, { token: admin.token });
    assert.equal(res.status, 422, res.text);
  });

  test('GET /{id}/groups (admin): that user\'s groups as GroupModels', async () => {
    const res = await server.request('GET', `/api/v1/users/${other.id}/groups`, { token: admin.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.length, 1);
    assert.equal(res.body[0].id, groupId);
    assert.equal(res.body[0].name, 'Readers');
    assert.equal(res.body[0].member_count, undefined);
    const none = await server.request('GET', `/api/v1/users/${user.id}/groups`, { token: admin.token });
    assert.deepEqual(none.body, []);
    const unknown = await server.request('GET', '/api/v1/users/no-such-user/groups', { token: admin.token });
    assert.deepEqual(unknown.body, []);
  });

  test('literal routes win over /{user_id}', async () => {
    for (const path of ['all', 'search', 'groups', 'permissions']) {
      const res = await server.request('GET', `/api/v1/users/${path}`, { token: admin.token });
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      assert.equal(res.body?.detail, undefined, path);
    }
  });
});
