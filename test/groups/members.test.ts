// Groups router: member list, add, remove.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ACCESS_PROHIBITED, backdate, createGroup, getGroup, memberIds } from './support.ts';

describe('groups: members', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;
  let pending: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Olga Other', 'other@example.com', 'user');
    pending = await addUser(server, admin, 'Pete Pending', 'pending@example.com', 'pending');
  });
  after(async () => {
    await server.close();
  });

  const add = (id: string, body: unknown, token = admin.token) => server.request('POST', `/api/v1/groups/id/${id}/users/add`, { token, body });
  const remove = (id: string, body: unknown, token = admin.token) =>
    server.request('POST', `/api/v1/groups/id/${id}/users/remove`, { token, body });

  describe('POST /id/{id}/users/add', () => {
    it('adds known users once, drops unknown ids, bumps updated_at', async () => {
      const group = await createGroup(server, admin, { name: 'Adders' });
      await backdate(server, group.id, 1_000_000);
      const res = await add(group.id, { user_ids: [user.id, 'no-such-user', user.id, pending.id] });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.id, group.id);
      assert.equal(res.body.member_count, 2);
      assert.ok(res.body.updated_at > 1_000_000);
      assert.deepEqual(await memberIds(server, admin, group.id), [user.id, pending.id].sort());

      // Adding an existing member again is not an error and changes nothing.
      const again = await add(group.id, { user_ids: [pending.id, other.id] });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.member_count, 3);
      assert.deepEqual(await memberIds(server, admin, group.id), [user.id, other.id, pending.id].sort());
    });

    it('accepts an empty or missing list (and still bumps updated_at)', async () => {
      const group = await createGroup(server, admin, { name: 'Nobody' });
      await backdate(server, group.id, 1_000_000);
      for (const body of [{}, { user_ids: [] }, { user_ids: null }]) {
        const res = await add(group.id, body);
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.member_count, 0);
      }
      assert.ok((await getGroup(server, admin, group.id)).updated_at > 1_000_000);
    });

    it('answers a single 400 for a missing group', async () => {
      const res = await add('missing', { user_ids: [user.id] });
      assert.equal(res.status, 400);
      assert.equal(res.body.detail, '[ERROR: Error adding users to group]');
    });

    it('refuses bad input with 422 and adds nobody', async () => {
      const group = await createGroup(server, admin, { name: 'Strict adders' });
      const bodies: unknown[] = [{ user_ids: user.id }, { user_ids: [user.id, 5] }, { user_ids: ['x'.repeat(256)] }, [user.id]];
      for (const body of bodies) {
        const res = await add(group.id, body);
        assert.equal(res.status, 422, JSON.stringify(body).slice(0, 80));
      }
      const noBody = await server.request('POST', `/api/v1/groups/id/${group.id}/users/add`, { token: admin.token });
      assert.equal(noBody.status, 422);
      assert.deepEqual(noBody.body.detail[0].loc, ['body']);
      assert.deepEqual(await memberIds(server, admin, group.id), []);
    });

    it('is admin-only and adds nobody for others', async () => {
      const group = await createGroup(server, admin, { name: 'Closed' });
      const anonymous = await server.request('POST', `/api/v1/groups/id/${group.id}/users/add`, { body: { user_ids: [user.id] } });
      assert.equal(anonymous.status, 401);
      for (const account of [user, pending]) {
        const res = await add(group.id, { user_ids: [account.id] }, account.token);
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
      assert.deepEqual(await memberIds(server, admin, group.id), []);
    });
  });

  describe('POST /id/{id}/users/remove', () => {
    it('removes the listed members and bumps updated_at', async () => {
      const group = await createGroup(server, admin, { name: 'Removers' });
      await add(group.id, { user_ids: [user.id, other.id, pending.id] });
      await backdate(server, group.id, 1_000_000);
      const res = await remove(group.id, { user_ids: [user.id, 'no-such-user', pending.id] });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.member_count, 1);
      assert.ok(res.body.updated_at > 1_000_000);
      assert.deepEqual(await memberIds(server, admin, group.id), [other.id]);
    });

    it('leaves the group untouched for an empty list', async () => {
      const group = await createGroup(server, admin, { name: 'Keepers' });
      await add(group.id, { user_ids: [user.id] });
      await backdate(server, group.id, 1_000_000);
      const res = await remove(group.id, { user_ids: [] });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.updated_at, 1_000_000);
      assert.deepEqual(await memberIds(server, admin, group.id), [user.id]);
    });

    it('answers a single 400 for a missing group', async () => {
      const res = await remove('missing', { user_ids: [user.id] });
      assert.equal(res.status, 400);
      assert.equal(res.body.detail, '[ERROR: Error removing users from group]');
    });

    it('refuses bad input with 422 and removes nobody', async () => {
      const group = await createGroup(server, admin, { name: 'Strict removers' });
      await add(group.id, { user_ids: [user.id] });
      for (const body of [{ user_ids: user.id }, { user_ids: [{ id: user.id }] }]) {
        const res = await remove(group.id, body);
        assert.equal(res.status, 422, JSON.stringify(body));
      }
      assert.deepEqual(await memberIds(server, admin, group.id), [user.id]);
    });

    it('is admin-only and removes nobody for others', async () => {
      const group = await createGroup(server, admin, { name: 'Sticky' });
      await add(group.id, { user_ids: [user.id, pending.id] });
      assert.equal((await server.request('POST', `/api/v1/groups/id/${group.id}/users/remove`, { body: { user_ids: [user.id] } })).status, 401);
      for (const account of [user, pending]) {
        const res = await remove(group.id, { user_ids: [account.id] }, account.token);
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
      assert.deepEqual(await memberIds(server, admin, group.id), [user.id, pending.id].sort());
    });
  });

  describe('POST /id/{id}/users', () => {
    it('lists the members as UserInfoResponse', async () => {
      const group = await createGroup(server, admin, { name: 'Listed' });
      await add(group.id, { user_ids: [user.id, pending.id] });
      const res = await server.request('POST', `/api/v1/groups/id/${group.id}/users`, { token: admin.token });
      assert.equal(res.status, 200, res.text);
      const byId = new Map<string, Record<string, unknown>>(res.body.map((u: Record<string, unknown>) => [u['id'], u]));
      assert.deepEqual([...byId.keys()].sort(), [user.id, pending.id].sort());
      assert.deepEqual(byId.get(user.id), {
        id: user.id,
        name: 'Uma User',
        email: 'user@example.com',
        role: 'user',
        status_emoji: null,
        status_message: null,
        status_expires_at: null,
      });
      assert.equal(byId.get(pending.id)?.['role'], 'pending');
    });

    it('accepts the JSON content type with an empty body, as the web client sends it', async () => {
      const group = await createGroup(server, admin, { name: 'Client style' });
      await add(group.id, { user_ids: [other.id] });
      const res = await server.request('POST', `/api/v1/groups/id/${group.id}/users`, { token: admin.token, raw: '' });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.map((u: { id: string }) => u.id), [other.id]);
    });

    it('gives an empty list for a group without members or an unknown group', async () => {
      const group = await createGroup(server, admin, { name: 'Empty' });
      for (const id of [group.id, 'no-such-group']) {
        const res = await server.request('POST', `/api/v1/groups/id/${id}/users`, { token: admin.token });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.body, []);
      }
    });

    it('is admin-only', async () => {
      const group = await createGroup(server, admin, { name: 'Private list' });
      assert.equal((await server.request('POST', `/api/v1/groups/id/${group.id}/users`)).status, 401);
      for (const account of [user, pending]) {
        const res = await server.request('POST', `/api/v1/groups/id/${group.id}/users`, { token: account.token });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
    });
  });
});
