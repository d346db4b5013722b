// Bulk moves: import (merge or insert, all or nothing) and the admin sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { UNAUTHORIZED, WORKSPACE_MODELS_ENV, createModel, form, modelIds, readModel, type Model } from './support.ts';

describe('models: import and sync', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;

  async function importModels(account: Account, models: unknown[]) {
    return server.request('POST', '/api/v1/models/import', { token: account.token, body: { models } });
  }

  before(async () => {
    server = await startServer(WORKSPACE_MODELS_ENV);
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
  });
  after(async () => {
    await server.close();
  });

  it('inserts new models and merges over existing ones', async () => {
    await createModel(server, user, form('existing', { name: 'Before', meta: { description: 'kept', tags: [{ name: 'x' }] }, params: { seed: 1 } }));
    const res = await importModels(user, [
      { id: 'existing', name: 'After', user_id: other.id },
      { id: 'fresh', base_model_id: 'qwen', name: 'Fresh', access_control: {} },
      { name: 'no id: skipped' },
      { id: 'x'.repeat(300), name: 'too long: skipped' },
    ]);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);

    const merged = await readModel(server, user, 'existing');
    assert.equal(merged?.name, 'After');
    assert.equal(merged?.user_id, user.id, 'an import cannot hand a model to someone else');
    assert.equal(merged?.meta['description'], 'kept');
    assert.deepEqual(merged?.params, { seed: 1 });

    const fresh = await readModel(server, user, 'fresh');
    assert.equal(fresh?.user_id, user.id);
    assert.equal(fresh?.base_model_id, 'qwen');
    assert.deepEqual(fresh?.params, {});
    assert.deepEqual(await modelIds(server), ['existing', 'fresh']);
  });

  it('writes nothing when any item is invalid', async () => {
    const before = await modelIds(server);
    const res = await importModels(user, [
      { id: 'would-be-new', base_model_id: 'qwen', name: 'Fine', access_control: {} },
      { id: 'existing', name: 'Changed' },
      { id: 'broken', name: ['not', 'a', 'string'], access_control: {} },
    ]);
    assert.equal(res.status, 400);
    assert.match(res.body.detail, /^Invalid model at index 2 \(name\)/);
    assert.deepEqual(await modelIds(server), before);
    assert.equal((await readModel(server, user, 'existing'))?.name, 'After');

    const notList = await server.request('POST', '/api/v1/models/import', { token: user.token, body: { models: { id: 'x' } } });
    assert.equal(notList.status, 422);
    assert.deepEqual(await modelIds(server), before);
  });

  it("refuses to overwrite a model the caller may not edit, and writes nothing", async () => {
    await createModel(server, admin, form('admins-own', { name: 'Original' }));
    const before = await modelIds(server);
    const res = await importModels(other, [
      { id: 'others-new', base_model_id: 'qwen', name: 'New', access_control: {} },
      { id: 'admins-own', name: 'Hijacked' },
    ]);
    assert.equal(res.status, 401);
    assert.equal(res.body.detail, UNAUTHORIZED);
    assert.deepEqual(await modelIds(server), before);
    assert.equal((await readModel(server, admin, 'admins-own'))?.name, 'Original');

    const sharing = await importModels(other, [{ id: 'made-public', base_model_id: 'qwen', name: 'Public', access_control: null }]);
    assert.equal(sharing.status, 403, 'making a model public needs sharing.public_models');
    assert.deepEqual(await modelIds(server), before);

    const annotation = await importModels(other, [{ id: 'gpt-4o', name: 'Mine now', access_control: {} }]);
    assert.equal(annotation.status, 401, 'only admins write provider-model annotations');
    assert.deepEqual(await modelIds(server), before);
  });

  it('needs workspace.models_import and credentials', async () => {
    assert.equal((await server.request('POST', '/api/v1/models/import', { body: { models: [] } })).status, 401);
    const strict = await startServer();
    try {
      const pair = await adminAndUser(strict);
      const denied = await strict.request('POST', '/api/v1/models/import', { token: pair.user.token, body: { models: [{ id: 'a', name: 'A' }] } });
      assert.equal(denied.status, 401);
      assert.equal(denied.body.detail, UNAUTHORIZED);
      assert.deepEqual(await modelIds(strict), []);
    } finally {
      await strict.close();
    }
  });

  it('sync makes the table equal to the payload (admin only)', async () => {
    const current = await server.request<Model[]>('GET', '/api/v1/models/export', { token: admin.token });
    const keep = current.body.find((m) => m.id === 'existing') as Model;
    const payload = [
      { ...keep, name: 'Synced' },
      { id: 'synced-new', user_id: 'whoever', base_model_id: null, name: 'Synced New', params: {}, meta: {}, access_control: null, is_active: false, updated_at: 1, created_at: 1_700_000_000 },
    ];
    const denied = await server.request('POST', '/api/v1/models/sync', { token: user.token, body: { models: payload } });
    assert.equal(denied.status, 401);
    const bad = await server.request('POST', '/api/v1/models/sync', { token: admin.token, body: { models: [{ id: 'x' }] } });
    assert.equal(bad.status, 422);
    const tooLong = await server.request('POST', '/api/v1/models/sync', { token: admin.token, body: { models: [{ ...payload[1], id: 'z'.repeat(257) }] } });
    assert.equal(tooLong.status, 400);
    assert.notDeepEqual(await modelIds(server), ['existing', 'synced-new']);

    const res = await server.request<Model[]>('POST', '/api/v1/models/sync', { token: admin.token, body: { models: payload } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.map((m) => m.id).sort(), ['existing', 'synced-new']);
    assert.deepEqual(await modelIds(server), ['existing', 'synced-new']);
    const synced = await readModel(server, admin, 'synced-new');
    assert.equal(synced?.user_id, admin.id);
    assert.equal(synced?.created_at, 1_700_000_000);
    assert.equal(synced?.is_active, false);
    assert.equal((await readModel(server, admin, 'existing'))?.name, 'Synced');

    const empty = await server.request<Model[]>('POST', '/api/v1/models/sync', { token: admin.token, body: {} });
    assert.deepEqual(empty.body, []);
    assert.deepEqual(await modelIds(server), []);
  });
});
