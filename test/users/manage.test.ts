// POST /users/{id}/update and DELETE /users/{id}: an admin's edits of other accounts, and the
// protection of the primary admin (the first account).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import {
  addMembers,
  assert422,
  assertDetail,
  chatCount,
  createGroup,
  ERROR_MESSAGES,
  getUser,
  insertChat,
  nowSec,
  setUserTimes,
  signin,
  sorted,
  USER_MODEL_FIELDS,
} from './support.ts';

const form = (overrides: Record<string, unknown> = {}) => ({ role: 'user', name: 'Uma User', email: 'user@example.com', profile_image_url: '/user.png', ...overrides });

describe('users router: update and delete', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let second: Account;

  const update = (account: Account, id: string, body: unknown) => server.request('POST', `/api/v1/users/${id}/update`, { token: account.token, body });

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    second = await addUser(server, admin, 'Sam Second', 'second@example.com', 'admin');
    // The first account signed up a while before the others were added.
    await setUserTimes(server, admin.id, { created_at: nowSec() - 3600 });
  });
  after(async () => server?.close());

  describe('update', () => {
    test('writes role, name, lower-cased email and picture; answers the UserModel', async () => {
      const res = await update(admin, user.id, form({ role: 'admin', name: 'Uma Updated', email: 'Uma.New@Example.COM', profile_image_url: 'https://images.example.com/uma.png' }));
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(sorted(Object.keys(res.body)), sorted(USER_MODEL_FIELDS));
      assert.equal(res.body.email, 'uma.new@example.com');
      const stored = await getUser(server, admin, user.id);
      assert.equal(stored['role'], 'admin');
      assert.equal(stored['name'], 'Uma Updated');
      assert.equal(stored['email'], 'uma.new@example.com');
      assert.equal(stored['profile_image_url'], 'https://images.example.com/uma.png');
      // The sign-in email moved with it.
      assert.equal((await signin(server, 'uma.new@example.com', user.password)).status, 200);
      assertDetail(await signin(server, 'user@example.com', user.password), 400, ERROR_MESSAGES.INVALID_CRED);
      // The role applies at once to the existing token.
      assert.equal((await server.request('GET', '/api/v1/users/all', { token: user.token })).status, 200);
      await update(admin, user.id, form());
      assert.equal((await server.request('GET', '/api/v1/users/all', { token: user.token })).status, 401);
    });

    test('a new password replaces the old one; an empty one leaves it', async () => {
      let res = await update(admin, user.id, form({ password: 'N3w-Passw0rd!' }));
      assert.equal(res.status, 200, res.text);
      assert.equal((await signin(server, 'user@example.com', 'N3w-Passw0rd!')).status, 200);
      assertDetail(await signin(server, 'user@example.com', user.password), 400, ERROR_MESSAGES.INVALID_CRED);
      res = await update(admin, user.id, form({ password: '' }));
      assert.equal(res.status, 200, res.text);
      assert.equal((await signin(server, 'user@example.com', 'N3w-Passw0rd!')).status, 200);
      user.password = 'N3w-Passw0rd!';
    });

    test('a password over 72 bytes → 400 PASSWORD_TOO_LONG, nothing written', async () => {
      const res = await update(admin, user.id, form({ name: 'Not Saved', password: 'é'.repeat(40) }));
      assertDetail(res, 400, ERROR_MESSAGES.PASSWORD_TOO_LONG);
      assert.equal((await getUser(server, admin, user.id))['name'], 'Uma User');
      assert.equal((await signin(server, 'user@example.com', user.password)).status, 200);
    });

    test('an email another account has → 400 EMAIL_TAKEN (case-insensitive), nothing written', async () => {
      const res = await update(admin, user.id, form({ name: 'Not Saved', email: 'SECOND@example.com' }));
      assertDetail(res, 400, ERROR_MESSAGES.EMAIL_TAKEN);
      const stored = await getUser(server, admin, user.id);
      assert.equal(stored['email'], 'user@example.com');
      assert.equal(stored['name'], 'Uma User');
    });

    test('an email that is not one → 400 INVALID_EMAIL_FORMAT, nothing written', async () => {
      assertDetail(await update(admin, user.id, form({ email: 'not-an-email' })), 400, ERROR_MESSAGES.INVALID_EMAIL_FORMAT);
      assert.equal((await getUser(server, admin, user.id))['email'], 'user@example.com');
    });

    test('bad form → 422 (unknown role, missing field, overlong name), nothing written', async () => {
      assert422(await update(admin, user.id, form({ role: 'superuser' })), 'literal_error', ['body', 'role']);
      const { name: _name, ...withoutName } = form();
      assert422(await update(admin, user.id, withoutName), 'missing', ['body', 'name']);
      assert422(await update(admin, user.id, form({ name: 'x'.repeat(256) })), 'string_too_long', ['body', 'name']);
      const stored = await getUser(server, admin, user.id);
      assert.equal(stored['role'], 'user');
      assert.equal(stored['name'], 'Uma User');
    });

    test('unknown user → 400 USER_NOT_FOUND', async () => {
      assertDetail(await update(admin, 'no-such-user', form({ email: 'ghost@example.com' })), 400, ERROR_MESSAGES.USER_NOT_FOUND);
    });

    test('the primary admin cannot be edited by another admin → 403 ACTION_PROHIBITED', async () => {
      const res = await update(second, admin.id, form({ role: 'admin', name: 'Hijacked', email: 'admin@example.com' }));
      assertDetail(res, 403, ERROR_MESSAGES.ACTION_PROHIBITED);
      assert.equal((await getUser(server, admin, admin.id))['name'], 'Ada Admin');
    });

    test('the primary admin cannot demote themselves → 403; may edit the rest', async () => {
      assertDetail(await update(admin, admin.id, form({ role: 'user', name: 'Ada Admin', email: 'admin@example.com' })), 403, ERROR_MESSAGES.ACTION_PROHIBITED);
      assert.equal((await getUser(server, admin, admin.id))['role'], 'admin');
      const res = await update(admin, admin.id, form({ role: 'admin', name: 'Ada Renamed', email: 'admin@example.com' }));
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.name, 'Ada Renamed');
    });

    test('a non-admin created in the same second as the primary admin does not take its place', async () => {
      const { created_at } = await getUser(server, admin, admin.id);
      await setUserTimes(server, user.id, { created_at: created_at as number });
      assertDetail(await update(second, admin.id, form({ role: 'admin', name: 'Hijacked', email: 'admin@example.com' })), 403, ERROR_MESSAGES.ACTION_PROHIBITED);
      assert.equal((await update(admin, user.id, form())).status, 200);
      await setUserTimes(server, user.id, { created_at: (created_at as number) + 3600 });
    });

    test('other admins may be edited (and demoted) by an admin', async () => {
      const res = await update(admin, second.id, form({ role: 'user', name: 'Sam Second', email: 'second@example.com' }));
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.role, 'user');
      await update(admin, second.id, form({ role: 'admin', name: 'Sam Second', email: 'second@example.com' }));
    });
  });

  describe('delete', () => {
    test('self-delete → 403 ACTION_PROHIBITED', async () => {
      assertDetail(await server.request('DELETE', `/api/v1/users/${second.id}`, { token: second.token }), 403, ERROR_MESSAGES.ACTION_PROHIBITED);
      assert.equal((await getUser(server, admin, second.id))['id'], second.id);
    });

    test('the primary admin cannot be deleted → 403 ACTION_PROHIBITED', async () => {
      assertDetail(await server.request('DELETE', `/api/v1/users/${admin.id}`, { token: second.token }), 403, ERROR_MESSAGES.ACTION_PROHIBITED);
      assertDetail(await server.request('DELETE', `/api/v1/users/${admin.id}`, { token: admin.token }), 403, ERROR_MESSAGES.ACTION_PROHIBITED);
      assert.equal((await signin(server, 'admin@example.com', admin.password)).status, 200);
    });

    test('deleting a user removes their account, sign-in, sessions, memberships and chats', async () => {
      const victim = await addUser(server, admin, 'Vic Victim', 'victim@example.com', 'user');
      const group = await createGroup(server, admin, 'Victims');
      await addMembers(server, admin, group, [victim.id, user.id]);
      const chatId = await insertChat(server, victim.id);
      await insertChat(server, `shared-${chatId}`); // the chat's share snapshot
      const keptChat = await insertChat(server, user.id);

      const res = await server.request('DELETE', `/api/v1/users/${victim.id}`, { token: admin.token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body, true);

      assertDetail(await server.request('GET', `/api/v1/users/${victim.id}`, { token: admin.token }), 400, ERROR_MESSAGES.USER_NOT_FOUND);
      assertDetail(await signin(server, 'victim@example.com', victim.password), 400, ERROR_MESSAGES.INVALID_CRED);
      assertDetail(await server.request('GET', '/api/v1/users/user/settings', { token: victim.token }), 401, ERROR_MESSAGES.INVALID_TOKEN);
      const members = await server.request('GET', `/api/v1/groups/id/${group}/export`, { token: admin.token });
      assert.deepEqual(members.body.user_ids, [user.id]);
      assert.equal(await chatCount(server, victim.id), 0);
      assert.equal(await chatCount(server, `shared-${chatId}`), 0);
      assert.equal(await chatCount(server, user.id), 1, `${keptChat} kept`);
      assert.equal(await server.services.auths.getById(victim.id), null);
      // The email is free again.
      const again = await addUser(server, admin, 'Vic Again', 'victim@example.com', 'user');
      assert.notEqual(again.id, victim.id);
    });

    test('unknown user → 400 USER_NOT_FOUND', async () => {
      assertDetail(await server.request('DELETE', '/api/v1/users/no-such-user', { token: admin.token }), 400, ERROR_MESSAGES.USER_NOT_FOUND);
    });
  });
});
