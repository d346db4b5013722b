// Listing workspace models: /list (paginated), the pre-0.6.35 `GET /`, tags and export.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { UNAUTHORIZED, WORKSPACE_MODELS_ENV, createModel, form, type Model } from './support.ts';

interface Page {
  items: Model[];
  total: number;
}

describe('models: listing', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;
  let pending: Account;

  async function list(account: Account, query = ''): Promise<Page> {
    const res = await server.request<Page>('GET', `/api/v1/models/list${query}`, { token: account.token });
    assert.equal(res.status, 200, res.text);
    return res.body;
  }

  before(async () => {
    server = await startServer(WORKSPACE_MODELS_ENV);
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
    pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
    await createModel(server, user, form('mine-coder', { name: 'Coder', meta: { tags: [{ name: 'Code' }, { name: 'work' }] } }));
    await createModel(server, user, form('mine-writer', { name: 'Writer', meta: { tags: [{ name: 'prose' }] } }));
    await createModel(server, other, form('others-private', { name: 'Hidden Gem', meta: { tags: [{ name: 'secret-tag' }] } }));
    await createModel(server, admin, form('admin-public', { name: 'Public Helper', access_control: null }));
    await createModel(server, admin, form('admin-shared', { name: 'Team Model', access_control: { write: { user_ids: [user.id] } } }));
    await createModel(server, admin, form('provider-annotation', { base_model_id: null, name: 'Annotated' }));
  });
  after(async () => {
    await server.close();
  });

  it("shows a user their own, public and write-shared presets, never another user's private ones", async () => {
    const page = await list(user);
    assert.deepEqual(page.items.map((m) => m.id).sort(), ['admin-public', 'admin-shared', 'mine-coder', 'mine-writer']);
    assert.equal(page.total, 4);
    const coder = page.items.find((m) => m.id === 'mine-coder');
    assert.deepEqual(coder?.user, { id: user.id, name: 'Uma User', role: 'user', email: 'user@example.com' });

    const adminPage = await list(admin);
    assert.equal(adminPage.total, 5, 'admins see every preset (not the base annotation)');
    assert.ok(adminPage.items.some((m) => m.id === 'others-private'));
  });

  it('filters by query, view option and tag, and orders as asked', async () => {
    assert.deepEqual((await list(user, '?query=WRI')).items.map((m) => m.id), ['mine-writer']);
    assert.deepEqual((await list(user, '?query=llama3')).total, 4, 'the base model id matches too');
    assert.deepEqual((await list(user, '?query=%25')).total, 0, '% matches itself');
    assert.deepEqual((await list(user, '?view_option=created')).items.map((m) => m.id).sort(), ['mine-coder', 'mine-writer']);
    assert.deepEqual((await list(user, '?view_option=shared')).items.map((m) => m.id).sort(), ['admin-public', 'admin-shared']);
    assert.deepEqual((await list(user, '?tag=code')).items.map((m) => m.id), ['mine-coder']);
    assert.deepEqual((await list(user, '?tag=secret-tag')).total, 0);
    assert.deepEqual((await list(user, '?order_by=name&direction=asc')).items.map((m) => m.name), ['Coder', 'Public Helper', 'Team Model', 'Writer']);
    assert.deepEqual((await list(user, '?order_by=name')).items.map((m) => m.name), ['Writer', 'Team Model', 'Public Helper', 'Coder']);
  });

  it('pages by 30', async () => {
    for (let i = 0; i < 32; i++) await createModel(server, admin, form(`bulk-${String(i).padStart(2, '0')}`, { access_control: null }));
    const first = await list(user, '?order_by=name&direction=asc&query=bulk');
    assert.equal(first.total, 32);
    assert.equal(first.items.length, 30);
    const second = await list(user, '?order_by=name&direction=asc&query=bulk&page=2');
    assert.deepEqual(second.items.map((m) => m.id), ['bulk-30', 'bulk-31']);
    assert.equal((await list(user, '?query=bulk&page=0')).items.length, 30, 'page is clamped to 1');
    const bad = await server.request('GET', '/api/v1/models/list?page=abc', { token: user.token });
    assert.equal(bad.status, 422);
  });

  it('refuses anonymous and pending callers', async () => {
    for (const path of ['/list', '/', '/tags', '/export']) {
      assert.equal((await server.request('GET', `/api/v1/models${path}`)).status, 401, path);
      assert.equal((await server.request('GET', `/api/v1/models${path}`, { token: pending.token })).status, 401, path);
    }
  });

  it('keeps the pre-0.6.35 collection root: the presets the caller may edit, with owners', async () => {
    const res = await server.request<Model[]>('GET', '/api/v1/models/', { token: user.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.map((m) => m.id).sort(), ['admin-shared', 'mine-coder', 'mine-writer']);
    assert.equal(res.body.find((m) => m.id === 'admin-shared')?.user?.id, admin.id);
  });

  it('lists the tags of the presets the caller may edit', async () => {
    const res = await server.request<string[]>('GET', '/api/v1/models/tags', { token: user.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, ['Code', 'prose', 'work']);
    const adminTags = await server.request<string[]>('GET', '/api/v1/models/tags', { token: admin.token });
    assert.ok(adminTags.body.includes('secret-tag'));
  });

  it('exports the presets the caller may edit, without owners', async () => {
    const res = await server.request<Model[]>('GET', '/api/v1/models/export', { token: user.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.map((m) => m.id).sort(), ['admin-shared', 'mine-coder', 'mine-writer']);
    assert.equal('user' in (res.body[0] as object), false);

    const strict = await startServer();
    try {
      const pair = await adminAndUser(strict);
      const denied = await strict.request('GET', '/api/v1/models/export', { token: pair.user.token });
      assert.equal(denied.status, 401);
      assert.equal(denied.body.detail, UNAUTHORIZED);
      assert.equal((await strict.request('GET', '/api/v1/models/export', { token: pair.admin.token })).status, 200);
    } finally {
      await strict.close();
    }
  });
});
