// Groups router: list, create, read, export, update, delete.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ACCESS_PROHIBITED, NOT_FOUND, backdate, createGroup, getGroup, listGroups, memberIds, type Group } from './support.ts';

const GROUP_KEYS = ['created_at', 'data', 'description', 'id', 'member_count', 'meta', 'name', 'permissions', 'updated_at', 'user_id'];

describe('groups: records', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let pending: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pete Pending', 'pending@example.com', 'pending');
  });
  after(async () => {
    await server.close();
  });

  describe('POST /create', () => {
    it('creates a group owned by the admin, with no members', async () => {
      const permissions = { workspace: { models: true } };
      const data = { config: { share: false } };
      const res = await server.request<Group>('POST', '/api/v1/groups/create', {
        token: admin.token,
        body: { name: 'Engineering', description: 'Builds things', permissions, data, user_ids: ['ignored'] },
      });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(Object.keys(res.body).sort(), GROUP_KEYS);
      assert.match(res.body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(res.body.user_id, admin.id);
      assert.equal(res.body.name, 'Engineering');
      assert.equal(res.body.description, 'Builds things');
      assert.deepEqual(res.body.permissions, permissions);
      assert.deepEqual(res.body.data, data);
      assert.equal(res.body.meta, null);
      assert.equal(res.body.member_count, 0);
      assert.ok(Math.abs(res.body.created_at - Date.now() / 1000) < 60);
      assert.equal(res.body.updated_at, res.body.created_at);

      const stored = await getGroup(server, admin, res.body.id);
      assert.deepEqual(stored, res.body);
    });

    it('stores absent permissions and data as null', async () => {
      const group = await createGroup(server, admin, { name: 'Plain', description: 'd', permissions: null });
      const stored = await getGroup(server, admin, group.id);
      assert.equal(stored.permissions, null);
      assert.equal(stored.data, null);
    });

    it('answers 401 without credentials and for non-admins, writing nothing', async () => {
      const before = (await listGroups(server, admin)).length;
      const body = { name: 'Nope', description: '' };
      const anonymous = await server.request('POST', '/api/v1/groups/create', { body });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.detail, 'Not authenticated');
      for (const account of [user, pending]) {
        const res = await server.request('POST', '/api/v1/groups/create', { token: account.token, body });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
      assert.equal((await listGroups(server, admin)).length, before);
    });

    it('refuses bad input with 422 and writes nothing', async () => {
      const before = (await listGroups(server, admin)).length;
      const cases: [unknown, (string | number)[]][] = [
        [{ description: 'no name' }, ['body', 'name']],
        [{ name: 'no description' }, ['body', 'description']],
        [{ name: 'x'.repeat(256), description: '' }, ['body', 'name']],
        [{ name: 'long', description: 'x'.repeat(10_001) }, ['body', 'description']],
        [{ name: 7, description: '' }, ['body', 'name']],
        [{ name: 'p', description: '', permissions: ['workspace'] }, ['body', 'permissions']],
        [{ name: 'p', description: '', permissions: 'all' }, ['body', 'permissions']],
        [{ name: 'd', description: '', data: 5 }, ['body', 'data']],
        [['not', 'an', 'object'], ['body']],
      ];
      for (const [body, loc] of cases) {
        const res = await server.request('POST', '/api/v1/groups/create', { token: admin.token, body });
        assert.equal(res.status, 422, `${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
        assert.deepEqual(res.body.detail[0].loc, loc);
      }
      const malformed = await server.request('POST', '/api/v1/groups/create', { token: admin.token, raw: '{"name": ' });
      assert.equal(malformed.status, 422);
      const empty = await server.request('POST', '/api/v1/groups/create', { token: admin.token, raw: '' });
      assert.equal(empty.status, 422);
      assert.deepEqual(empty.body.detail[0].loc, ['body']);
      assert.equal((await listGroups(server, admin)).length, before);
    });

    it('accepts the longest allowed name and description', async () => {
      const group = await createGroup(server, admin, { name: 'n'.repeat(255), description: 'd'.repeat(10_000) });
      assert.equal((await getGroup(server, admin, group.id)).name.length, 255);
    });
  });

  describe('GET /id/{id}', () => {
    it('answers 401 NOT_FOUND for a missing group', async () => {
      const res = await server.request('GET', '/api/v1/groups/id/00000000-0000-4000-8000-000000000000', { token: admin.token });
      assert.equal(res.status, 401);
      assert.equal(res.body.detail, NOT_FOUND);
    });

    it('is admin-only', async () => {
      const group = await createGroup(server, admin, { name: 'Secretive' });
      assert.equal((await server.request('GET', `/api/v1/groups/id/${group.id}`)).status, 401);
      for (const account of [user, pending]) {
        const res = await server.request('GET', `/api/v1/groups/id/${group.id}`, { token: account.token });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
    });
  });

  describe('GET /id/{id}/export', () => {
    it('adds the member ids, an empty list for a group without members', async () => {
      const group = await createGroup(server, admin, { name: 'Exported', permissions: { chat: { share: true } } });
      const empty = await server.request('GET', `/api/v1/groups/id/${group.id}/export`, { token: admin.token });
      assert.equal(empty.status, 200, empty.text);
      assert.deepEqual(Object.keys(empty.body).sort(), [...GROUP_KEYS, 'user_ids'].sort());
      assert.deepEqual(empty.body.user_ids, []);
      assert.deepEqual(empty.body.permissions, { chat: { share: true } });

      await server.request('POST', `/api/v1/groups/id/${group.id}/users/add`, { token: admin.token, body: { user_ids: [user.id, pending.id] } });
      const full = await server.request('GET', `/api/v1/groups/id/${group.id}/export`, { token: admin.token });
      assert.deepEqual([...full.body.user_ids].sort(), [user.id, pending.id].sort());
      assert.equal(full.body.member_count, 2);
    });

    it('answers 401 NOT_FOUND for a missing group and 401 for non-admins', async () => {
      const missing = await server.request('GET', '/api/v1/groups/id/nope/export', { token: admin.token });
      assert.equal(missing.status, 401);
      assert.equal(missing.body.detail, NOT_FOUND);
      const group = await createGroup(server, admin, { name: 'Export guarded' });
      assert.equal((await server.request('GET', `/api/v1/groups/id/${group.id}/export`)).status, 401);
      for (const account of [user, pending]) {
        const res = await server.request('GET', `/api/v1/groups/id/${group.id}/export`, { token: account.token });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
    });
  });

  describe('POST /id/{id}/update', () => {
    it('writes the given fields, keeps those sent as null, bumps updated_at', async () => {
      const group = await createGroup(server, admin, {
        name: 'Before',
        description: 'old',
        permissions: { workspace: { prompts: true } },
        data: { config: { share: true } },
      });
      await backdate(server, group.id, 1_000_000);
      const res = await server.request<Group>('POST', `/api/v1/groups/id/${group.id}/update`, {
        token: admin.token,
        body: { name: 'After', description: 'new', permissions: null, data: { config: { share: false } }, member_count: 99 },
      });
      assert.equal(res.status, 200, res.text);
      const stored = await getGroup(server, admin, group.id);
      assert.deepEqual(res.body, stored);
      assert.equal(stored.name, 'After');
      assert.equal(stored.description, 'new');
      assert.deepEqual(stored.permissions, { workspace: { prompts: true } });
      assert.deepEqual(stored.data, { config: { share: false } });
      assert.equal(stored.member_count, 0);
      assert.equal(stored.created_at, group.created_at);
      assert.ok(stored.updated_at > 1_000_000);
    });

    it('replaces permissions whole (as the admin UI sends the full tree)', async () => {
      const group = await createGroup(server, admin, { name: 'Perms', permissions: { workspace: { models: true }, chat: { share: true } } });
      await server.request('POST', `/api/v1/groups/id/${group.id}/update`, {
        token: admin.token,
        body: { name: 'Perms', description: '', permissions: { workspace: { tools: true } } },
      });
      assert.deepEqual((await getGroup(server, admin, group.id)).permissions, { workspace: { tools: true } });
    });

    it('answers a single 400 for a missing group', async () => {
      const res = await server.request('POST', '/api/v1/groups/id/missing/update', { token: admin.token, body: { name: 'x', description: '' } });
      assert.equal(res.status, 400);
      assert.equal(res.body.detail, '[ERROR: Error updating group]');
    });

    it('refuses bad input with 422 and leaves the group as it was', async () => {
      const group = await createGroup(server, admin, { name: 'Stable', description: 'same', permissions: { a: { b: true } } });
      const bodies: unknown[] = [
        { name: null, description: 'changed' },
        { name: 'Changed', description: null },
        { name: 'x'.repeat(256), description: '' },
        { name: 'Changed', description: '', permissions: [true] },
        { name: 'Changed', description: '', data: 'text' },
      ];
      for (const body of bodies) {
        const res = await server.request('POST', `/api/v1/groups/id/${group.id}/update`, { token: admin.token, body });
        assert.equal(res.status, 422, JSON.stringify(body).slice(0, 80));
      }
      const stored = await getGroup(server, admin, group.id);
      assert.deepEqual(stored, group);
    });

    it('is admin-only and writes nothing for others', async () => {
      const group = await createGroup(server, admin, { name: 'Guarded' });
      const body = { name: 'Hijacked', description: '' };
      assert.equal((await server.request('POST', `/api/v1/groups/id/${group.id}/update`, { body })).status, 401);
      for (const account of [user, pending]) {
        const res = await server.request('POST', `/api/v1/groups/id/${group.id}/update`, { token: account.token, body });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
      assert.equal((await getGroup(server, admin, group.id)).name, 'Guarded');
    });
  });

  describe('DELETE /id/{id}/delete', () => {
    it('deletes the group together with its memberships', async () => {
      const group = await createGroup(server, admin, { name: 'Doomed' });
      await server.request('POST', `/api/v1/groups/id/${group.id}/users/add`, { token: admin.token, body: { user_ids: [user.id] } });
      assert.ok((await listGroups(server, user)).some((g) => g.id === group.id));

      const res = await server.request('DELETE', `/api/v1/groups/id/${group.id}/delete`, { token: admin.token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body, true);
      assert.equal((await server.request('GET', `/api/v1/groups/id/${group.id}`, { token: admin.token })).status, 401);
      assert.ok(!(await listGroups(server, user)).some((g) => g.id === group.id));
      const orphans = await server.services.database.db.selectFrom('group_member').select('id').where('group_id', '=', group.id).execute();
      assert.deepEqual(orphans, []);
    });

    it('answers a single 400 for a missing group', async () => {
      const res = await server.request('DELETE', '/api/v1/groups/id/missing/delete', { token: admin.token });
      assert.equal(res.status, 400);
      assert.equal(res.body.detail, '[ERROR: Error deleting group]');
    });

    it('is admin-only and deletes nothing for others', async () => {
      const group = await createGroup(server, admin, { name: 'Survivor' });
      assert.equal((await server.request('DELETE', `/api/v1/groups/id/${group.id}/delete`)).status, 401);
      for (const account of [user, pending]) {
        const res = await server.request('DELETE', `/api/v1/groups/id/${group.id}/delete`, { token: account.token });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
      assert.equal((await getGroup(server, admin, group.id)).name, 'Survivor');
    });
  });
});

describe('groups: GET /', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;
  let pending: Account;
  const ids: Record<string, string> = {};

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Olga Other', 'other@example.com', 'user');
    pending = await addUser(server, admin, 'Pete Pending', 'pending@example.com', 'pending');
    const specs: [string, Record<string, unknown> | undefined][] = [
      ['no-data', undefined],
      ['shared', { config: { share: true } }],
      ['unshared', { config: { share: false } }],
      ['no-config', { color: 'red' }],
      ['empty-config', { config: {} }],
      ['null-share', { config: { share: null } }],
    ];
    let t = 2_000_000;
    for (const [name, data] of specs) {
      const group = await createGroup(server, admin, data ? { name, data } : { name });
      ids[name] = group.id;
      await backdate(server, group.id, (t += 100));
    }
    // The user is in two groups, the other user in one; memberships bump updated_at, so set times after.
    await server.request('POST', `/api/v1/groups/id/${ids['shared']}/users/add`, { token: admin.token, body: { user_ids: [user.id, other.id] } });
    await server.request('POST', `/api/v1/groups/id/${ids['unshared']}/users/add`, { token: admin.token, body: { user_ids: [user.id] } });
    await backdate(server, ids['shared'] as string, 2_000_200);
    await backdate(server, ids['unshared'] as string, 2_000_300);
  });
  after(async () => {
    await server.close();
  });

  it('gives admins every group, most recently updated first, with member counts', async () => {
    const groups = await listGroups(server, admin);
    assert.deepEqual(
      groups.map((g) => g.name),
      ['null-share', 'empty-config', 'no-config', 'unshared', 'shared', 'no-data'],
    );
    assert.deepEqual(Object.keys(groups[0] as Group).sort(), GROUP_KEYS);
    const counts = Object.fromEntries(groups.map((g) => [g.name, g.member_count]));
    assert.deepEqual(counts, { 'null-share': 0, 'empty-config': 0, 'no-config': 0, unshared: 1, shared: 2, 'no-data': 0 });
  });

  it('gives other verified users only their own groups', async () => {
    assert.deepEqual((await listGroups(server, user)).map((g) => g.name), ['unshared', 'shared']);
    const mine = await listGroups(server, other);
    assert.deepEqual(mine.map((g) => g.name), ['shared']);
    assert.equal(mine[0]?.member_count, 2);
  });

  it('filters on data.config.share: true or unset for share=true, only false for share=false', async () => {
    const names = async (account: Account, query: string) => (await listGroups(server, account, query)).map((g) => g.name).sort();
    const shared = ['empty-config', 'no-config', 'no-data', 'null-share', 'shared'];
    assert.deepEqual(await names(admin, '?share=true'), shared);
    assert.deepEqual(await names(admin, '?share=1'), shared);
    assert.deepEqual(await names(admin, '?share=false'), ['unshared']);
    assert.deepEqual(await names(admin, '?share=False'), ['unshared']);
    assert.deepEqual(await names(user, '?share=true'), ['shared']);
    assert.deepEqual(await names(user, '?share=no'), ['unshared']);
    assert.deepEqual(await names(other, '?share=false'), []);
  });

  it('moves a group to the top when its membership changes', async () => {
    await server.request('POST', `/api/v1/groups/id/${ids['no-data']}/users/add`, { token: admin.token, body: { user_ids: [other.id] } });
    assert.equal((await listGroups(server, admin))[0]?.name, 'no-data');
    assert.deepEqual((await listGroups(server, other)).map((g) => g.name), ['no-data', 'shared']);
  });

  it('refuses a share value that is not a boolean', async () => {
    const res = await server.request('GET', '/api/v1/groups/?share=maybe', { token: admin.token });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.detail[0].loc, ['query', 'share']);
  });

  it('answers 401 without credentials and for pending users', async () => {
    const anonymous = await server.request('GET', '/api/v1/groups/');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.detail, 'Not authenticated');
    const res = await server.request('GET', '/api/v1/groups/', { token: pending.token });
    assert.equal(res.status, 401);
    assert.equal(res.body.detail, ACCESS_PROHIBITED);
  });

  it('is also served under /api/groups', async () => {
    const res = await server.request('GET', '/api/groups/', { token: admin.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 6);
    assert.deepEqual(await memberIds(server, admin, ids['shared'] as string), [user.id, other.id].sort());
  });
});
