// Groups feed effective permissions, default-group membership and trusted-header group sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, signup, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { createGroup, memberIds } from './support.ts';

async function permissionsOf(server: TestServer, account: Account): Promise<{ features: Record<string, boolean>; workspace: Record<string, boolean> }> {
  const res = await server.request('GET', '/api/v1/auths/', { token: account.token });
  assert.equal(res.status, 200, res.text);
  return res.body.permissions;
}

describe('groups: permissions', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => {
    await server.close();
  });

  it("grants a group's permissions to its members, and only while they are members", async () => {
    const initial = await permissionsOf(server, user);
    assert.equal(initial.features['api_keys'], false);
    assert.equal(initial.workspace['models'], false);

    const group = await createGroup(server, admin, { name: 'Builders', permissions: { features: { api_keys: true }, workspace: { models: true } } });
    assert.equal((await permissionsOf(server, user)).features['api_keys'], false, 'not a member yet');

    await server.request('POST', `/api/v1/groups/id/${group.id}/users/add`, { token: admin.token, body: { user_ids: [user.id] } });
    const granted = await permissionsOf(server, user);
    assert.equal(granted.features['api_keys'], true);
    assert.equal(granted.workspace['models'], true);
    assert.equal(granted.features['notes'], true, 'other defaults stay');

    await server.request('POST', `/api/v1/groups/id/${group.id}/users/remove`, { token: admin.token, body: { user_ids: [user.id] } });
    assert.equal((await permissionsOf(server, user)).features['api_keys'], false);

    await server.request('POST', `/api/v1/groups/id/${group.id}/users/add`, { token: admin.token, body: { user_ids: [user.id] } });
    assert.equal((await permissionsOf(server, user)).workspace['models'], true);
    await server.request('DELETE', `/api/v1/groups/id/${group.id}/delete`, { token: admin.token });
    assert.equal((await permissionsOf(server, user)).workspace['models'], false, 'a deleted group grants nothing');
  });

  it('applies permission changes made by a group update', async () => {
    const group = await createGroup(server, admin, { name: 'Evolving', permissions: { workspace: { models: false } } });
    await server.request('POST', `/api/v1/groups/id/${group.id}/users/add`, { token: admin.token, body: { user_ids: [user.id] } });
    assert.equal((await permissionsOf(server, user)).workspace['models'], false);
    await server.request('POST', `/api/v1/groups/id/${group.id}/update`, {
      token: admin.token,
      body: { name: 'Evolving', description: '', permissions: { workspace: { models: true } } },
    });
    assert.equal((await permissionsOf(server, user)).workspace['models'], true);
  });

  it('puts new accounts into DEFAULT_GROUP_ID', async () => {
    const group = await createGroup(server, admin, { name: 'Everyone' });
    const current = await server.request('GET', '/api/v1/auths/admin/config', { token: admin.token });
    const saved = await server.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: { ...current.body, DEFAULT_GROUP_ID: group.id } });
    assert.equal(saved.status, 200, saved.text);
    const added = await server.request('POST', '/api/v1/auths/add', {
      token: admin.token,
      body: { name: 'Newcomer', email: 'newcomer@example.com', password: 'Passw0rd!', role: 'user' },
    });
    assert.equal(added.status, 200, added.text);
    assert.deepEqual(await memberIds(server, admin, group.id), [added.body.id]);
  });
});

describe('groups: trusted-header sign-in syncs memberships by group name', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ WEBUI_AUTH_TRUSTED_EMAIL_HEADER: 'X-User-Email', WEBUI_AUTH_TRUSTED_GROUPS_HEADER: 'X-User-Groups' });
  });
  after(async () => {
    await server.close();
  });

  it('sets the membership to exactly the existing groups named', async () => {
    const admin = await signup(server, 'Ada Admin', 'admin@example.com');
    const added = await server.request('POST', '/api/v1/auths/add', {
      token: admin.token,
      body: { name: 'Uma User', email: 'user@example.com', password: 'Passw0rd!', role: 'user' },
    });
    assert.equal(added.status, 200, added.text);
    const userId: string = added.body.id;
    const alpha = await createGroup(server, admin, { name: 'Alpha' });
    const beta = await createGroup(server, admin, { name: 'Beta' });
    const betaToo = await createGroup(server, admin, { name: 'Beta' });
    const gamma = await createGroup(server, admin, { name: 'Gamma' });
    const signin = (groups: string) =>
      server.request('POST', '/api/v1/auths/signin', {
        body: { email: 'ignored@example.com', password: 'ignored' },
        headers: { 'X-User-Email': 'User@Example.com', 'X-User-Groups': groups },
      });

    // Gamma is joined by hand first; the header does not name it, so sign-in takes it away.
    await server.request('POST', `/api/v1/groups/id/${gamma.id}/users/add`, { token: admin.token, body: { user_ids: [userId] } });
    const first = await signin('Alpha, Beta,Unknown');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.id, userId);
    assert.deepEqual(await memberIds(server, admin, alpha.id), [userId]);
    assert.deepEqual(await memberIds(server, admin, beta.id), [userId]);
    assert.deepEqual(await memberIds(server, admin, betaToo.id), [userId]);
    assert.deepEqual(await memberIds(server, admin, gamma.id), []);

    const second = await signin('Gamma');
    assert.equal(second.status, 200, second.text);
    for (const group of [alpha, beta, betaToo]) assert.deepEqual(await memberIds(server, admin, group.id), []);
    assert.deepEqual(await memberIds(server, admin, gamma.id), [userId]);
    const mine = await server.request('GET', '/api/v1/groups/', { token: second.body.token });
    assert.deepEqual(mine.body.map((g: { name: string }) => g.name), ['Gamma']);
  });
});
