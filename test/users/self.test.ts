// The signed-in user's own records: settings, status, info, groups, effective permissions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { addMembers, assert422, createGroup, ERROR_MESSAGES, assertDetail, sorted, USER_MODEL_FIELDS } from './support.ts';

describe('users router: own settings, status, info', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  const getSettings = async (account: Account) => {
    const res = await server.request('GET', '/api/v1/users/user/settings', { token: account.token });
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  const postSettings = (account: Account, body: unknown) => server.request('POST', '/api/v1/users/user/settings/update', { token: account.token, body });
  const getStatus = async (account: Account) => {
    const res = await server.request('GET', '/api/v1/users/user/status', { token: account.token });
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  const getInfo = async (account: Account) => {
    const res = await server.request('GET', '/api/v1/users/user/info', { token: account.token });
    assert.equal(res.status, 200, res.text);
    return res.body;
  };

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => server?.close());

  describe('settings', () => {
    test('null before anything is saved (the web client relies on null or {ui})', async () => {
      assert.equal(await getSettings(user), null);
    });

    test('round trip: what is saved is read back, under ui', async () => {
      const ui = { theme: 'dark', models: ['llama3:latest'], notifications: { webhook_url: 'https://hooks.example.com/x' }, system: '' };
      const saved = await postSettings(user, { ui });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body, { ui });
      assert.deepEqual(await getSettings(user), { ui });
      // Another user's settings are their own.
      assert.equal(await getSettings(admin), null);
    });

    test('top-level keys replace (ui as a whole); other keys are kept', async () => {
      await postSettings(user, { ui: { theme: 'light' }, extra: { a: 1 } });
      assert.deepEqual(await getSettings(user), { ui: { theme: 'light' }, extra: { a: 1 } });
      await postSettings(user, { ui: { theme: 'oled' } });
      assert.deepEqual(await getSettings(user), { ui: { theme: 'oled' }, extra: { a: 1 } });
      // A body without ui is read as ui = {} (the form's default), as Open WebUI does.
      const res = await postSettings(user, { other: 5 });
      assert.deepEqual(res.body, { ui: {}, extra: { a: 1 }, other: 5 });
      await postSettings(user, { ui: { theme: 'dark' } });
    });

    test('ui.toolServers is dropped for a user without features.direct_tool_servers, kept for admins and granted users', async () => {
      const toolServers = [{ url: 'http://localhost:8000', path: 'openapi.json', auth_type: 'bearer', key: '', config: { enable: true } }];
      const dropped = await postSettings(user, { ui: { theme: 'dark', toolServers } });
      assert.deepEqual(dropped.body.ui, { theme: 'dark' });
      assert.deepEqual((await getSettings(user)).ui, { theme: 'dark' });

      const kept = await postSettings(admin, { ui: { toolServers } });
      assert.deepEqual(kept.body, { ui: { toolServers } });

      const group = await createGroup(server, admin, 'Tool builders', { features: { direct_tool_servers: true } });
      await addMembers(server, admin, group, [user.id]);
      const granted = await postSettings(user, { ui: { theme: 'dark', toolServers } });
      assert.deepEqual(granted.body.ui, { theme: 'dark', toolServers });
      assert.deepEqual((await getSettings(user)).ui, { theme: 'dark', toolServers });
    });

    test('bad input → 422 and nothing written', async () => {
      const before = await getSettings(user);
      assert422(await postSettings(user, { ui: 'dark' }), 'dict_type', ['body', 'ui']);
      assert422(await postSettings(user, { ui: null }), 'dict_type', ['body', 'ui']);
      assert422(await postSettings(user, { ui: [1, 2] }), 'dict_type', ['body', 'ui']);
      assert422(await postSettings(user, [1, 2]), 'model_attributes_type', ['body']);
      const malformed = await server.request('POST', '/api/v1/users/user/settings/update', { token: user.token, raw: '{"ui": ' });
      assert.equal(malformed.status, 422);
      assert.deepEqual(await getSettings(user), before);
    });

    test('settings appear in the user record too (UserModel.settings always has ui)', async () => {
      const status = await getStatus(user);
      assert.deepEqual(status.settings, await getSettings(user));
    });
  });

  describe('status', () => {
    test('GET returns the caller as a UserModel', async () => {
      const me = await getStatus(user);
      assert.deepEqual(sorted(Object.keys(me)), sorted(USER_MODEL_FIELDS));
      assert.equal(me.id, user.id);
      assert.equal(me.email, 'user@example.com');
      assert.equal(me.status_emoji, null);
    });

    test('update writes only the fields given (null = leave as is)', async () => {
      const first = await server.request('POST', '/api/v1/users/user/status/update', { token: user.token, body: { status_emoji: '🍵', status_message: 'Tea break' } });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.status_emoji, '🍵');
      assert.equal(first.body.status_message, 'Tea break');
      assert.equal(first.body.id, user.id);
      const second = await server.request('POST', '/api/v1/users/user/status/update', { token: user.token, body: { status_message: null, status_expires_at: 1_900_000_000 } });
      assert.equal(second.status, 200, second.text);
      const me = await getStatus(user);
      assert.equal(me.status_emoji, '🍵');
      assert.equal(me.status_message, 'Tea break');
      assert.equal(me.status_expires_at, 1_900_000_000);
      const empty = await server.request('POST', '/api/v1/users/user/status/update', { token: user.token, body: {} });
      assert.equal(empty.status, 200);
      assert.equal(empty.body.status_message, 'Tea break');
    });

    test('bad input → 422 and nothing written', async () => {
      const before = await getStatus(user);
      const res = await server.request('POST', '/api/v1/users/user/status/update', { token: user.token, body: { status_message: 'x', status_expires_at: 'soon' } });
      assert422(res, 'float_type', ['body', 'status_expires_at']);
      const long = await server.request('POST', '/api/v1/users/user/status/update', { token: user.token, body: { status_message: 'x'.repeat(10_001) } });
      assert422(long, 'string_too_long', ['body', 'status_message']);
      const after = await getStatus(user);
      assert.equal(after.status_message, before.status_message);
      assert.equal(after.status_expires_at, before.status_expires_at);
    });
  });

  describe('info', () => {
    test('null before anything is saved', async () => {
      assert.equal(await getInfo(user), null);
    });

    test('update merges into the stored object (the client sends {location} before completions)', async () => {
      const first = await server.request('POST', '/api/v1/users/user/info/update', { token: user.token, body: { location: 'Lisbon' } });
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(first.body, { location: 'Lisbon' });
      const second = await server.request('POST', '/api/v1/users/user/info/update', { token: user.token, body: { team: { name: 'Ops' } } });
      assert.deepEqual(second.body, { location: 'Lisbon', team: { name: 'Ops' } });
      await server.request('POST', '/api/v1/users/user/info/update', { token: user.token, body: { location: 'Porto' } });
      assert.deepEqual(await getInfo(user), { location: 'Porto', team: { name: 'Ops' } });
      assert.equal(await getInfo(admin), null);
    });

    test('a body that is not an object → 422 and nothing written', async () => {
      for (const body of [[1], 'text', 5]) {
        const res = await server.request('POST', '/api/v1/users/user/info/update', { token: user.token, body });
        assert.equal(res.status, 422, res.text);
      }
      assert.deepEqual(await getInfo(user), { location: 'Porto', team: { name: 'Ops' } });
    });
  });

  describe('groups and permissions', () => {
    test('GET /groups lists the caller\'s groups as GroupModels, most recently updated first', async () => {
      const mine = await createGroup(server, admin, 'Mine');
      await createGroup(server, admin, 'Not mine');
      await addMembers(server, admin, mine, [user.id]);
      // "Tool builders" (joined in an earlier test) was last updated before "Mine".
      await server.services.database.db.updateTable('group').set({ updated_at: 1_700_000_000 }).where('id', '!=', mine).execute();
      const res = await server.request('GET', '/api/v1/users/groups', { token: user.token });
      assert.equal(res.status, 200, res.text);
      const names = (res.body as { name: string }[]).map((g) => g.name);
      assert.deepEqual(names, ['Mine', 'Tool builders']);
      assert.deepEqual(sorted(Object.keys(res.body[0])), sorted(['id', 'user_id', 'name', 'description', 'data', 'meta', 'permissions', 'created_at', 'updated_at']));
      const adminGroups = await server.request('GET', '/api/v1/users/groups', { token: admin.token });
      assert.deepEqual(adminGroups.body, []);
    });

    test('GET /permissions: the defaults OR-ed with the caller\'s groups', async () => {
      const res = await server.request('GET', '/api/v1/users/permissions', { token: user.token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.features.direct_tool_servers, true); // from "Tool builders"
      assert.equal(res.body.workspace.models, false);
      assert.equal(res.body.chat.controls, true);
      const adminPerms = await server.request('GET', '/api/v1/users/permissions', { token: admin.token });
      assert.equal(adminPerms.body.features.direct_tool_servers, false);
    });
  });

  test('a deleted account cannot read its settings any more', async () => {
    const res = await server.request('DELETE', `/api/v1/users/${user.id}`, { token: admin.token });
    assert.equal(res.status, 200, res.text);
    const gone = await server.request('GET', '/api/v1/users/user/settings', { token: user.token });
    assertDetail(gone, 401, ERROR_MESSAGES.INVALID_TOKEN);
  });
});
