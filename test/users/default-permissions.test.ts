// GET/POST /users/default/permissions: the admin's view and edit of USER_PERMISSIONS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { BUILTIN_PERMISSIONS, FORM_DEFAULT_PERMISSIONS } from '../../src/auth/permission-defaults.ts';
import { assert422, sorted } from './support.ts';

const PATH = '/api/v1/users/default/permissions';

describe('users router: default permissions', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  const read = async () => {
    const got = await server.request('GET', PATH, { token: admin.token });
    assert.equal(got.status, 200, got.text);
    return got.body;
  };

  before(async () => {
    server = await startServer({ USER_PERMISSIONS_WORKSPACE_PROMPTS_ACCESS: 'true' });
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => server?.close());

  test('GET: the four groups with exactly the form\'s leaves, from the configured defaults', async () => {
    const body = await read();
    assert.deepEqual(sorted(Object.keys(body)), ['chat', 'features', 'sharing', 'workspace']);
    for (const group of Object.keys(body)) assert.deepEqual(sorted(Object.keys(body[group])), sorted(Object.keys(FORM_DEFAULT_PERMISSIONS[group] ?? {})));
    assert.equal(body.workspace.prompts, true); // from the environment
    assert.equal(body.workspace.models, false);
    // The configured default for public tools/notes is false (the form's own default would be true).
    assert.equal(body.sharing.public_tools, BUILTIN_PERMISSIONS['sharing']?.['public_tools']);
    assert.equal(body.chat.temporary_enforced, false);
  });

  test('POST replaces the tree; missing leaves take the form defaults, unknown keys are dropped', async () => {
    const res = await server.request('POST', PATH, {
      token: admin.token,
      body: { workspace: { models: true }, sharing: { public_tools: false }, chat: { delete: false }, features: { api_keys: true, teleport: true }, extra: 1 },
    });
    assert.equal(res.status, 200, res.text);
    const expected = structuredClone(FORM_DEFAULT_PERMISSIONS);
    (expected['workspace'] as Record<string, boolean>)['models'] = true;
    (expected['sharing'] as Record<string, boolean>)['public_tools'] = false;
    (expected['chat'] as Record<string, boolean>)['delete'] = false;
    (expected['features'] as Record<string, boolean>)['api_keys'] = true;
    assert.deepEqual(res.body, expected);
    assert.deepEqual(await read(), expected);
    // workspace.prompts came from the environment; the form's default (false) replaced it.
    assert.equal(expected['workspace']?.['prompts'], false);
  });

  test('the new defaults apply to users at once (GET /users/permissions and /api/config)', async () => {
    const perms = await server.request('GET', '/api/v1/users/permissions', { token: user.token });
    assert.equal(perms.body.workspace.models, true);
    assert.equal(perms.body.chat.delete, false);
    assert.equal(perms.body.sharing.public_notes, true);
    const config = await server.request('GET', '/api/config', { token: user.token });
    assert.equal(config.body.permissions?.workspace?.models, true);
  });

  test('the setting is persisted in the config table', async () => {
    const row = await server.services.database.db.selectFrom('config').select('data').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as { user?: { permissions?: Record<string, Record<string, boolean>> } };
    assert.equal(data.user?.permissions?.['workspace']?.['models'], true);
    assert.equal(data.user?.permissions?.['features']?.['teleport'], undefined);
  });

  test('bad input → 422 and nothing written', async () => {
    const before = await read();
    assert422(await server.request('POST', PATH, { token: admin.token, body: { workspace: {}, sharing: {}, chat: {} } }), 'missing', ['body', 'features']);
    assert422(await server.request('POST', PATH, { token: admin.token, body: { workspace: { models: 'maybe' }, sharing: {}, chat: {}, features: {} } }), 'bool_type', ['body', 'workspace', 'models']);
    assert422(await server.request('POST', PATH, { token: admin.token, body: { workspace: [], sharing: {}, chat: {}, features: {} } }), 'dict_type', ['body', 'workspace']);
    assert.equal((await server.request('POST', PATH, { token: admin.token })).status, 422);
    assert.deepEqual(await read(), before);
  });
});
