// One workspace model: create, read, update, toggle, delete, delete all, base list.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ACCESS_PROHIBITED, MODEL_ID_TAKEN, MODEL_ID_TOO_LONG, NOT_FOUND, UNAUTHORIZED, createModel, form, modelIds, readModel, type Model } from './support.ts';

const FORBIDDEN_ROLE = 'You do not have permission to access this resource. Please contact your administrator for assistance.';

describe('models: records', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let pending: Account;

  before(async () => {
    server = await startServer({ USER_PERMISSIONS_WORKSPACE_MODELS_ACCESS: 'true' });
    ({ admin, user } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
  });
  after(async () => {
    await server.close();
  });

  it('creates a preset owned by the caller and reads it back', async () => {
    const created = await createModel(server, user, form('org/helper:1', { meta: { description: 'helps', tags: [{ name: 'Work' }] } }));
    assert.equal(created.id, 'org/helper:1');
    assert.equal(created.user_id, user.id);
    assert.equal(created.base_model_id, 'llama3:8b');
    assert.equal(created.is_active, true);
    assert.deepEqual(created.meta, { profile_image_url: '/static/favicon.png', description: 'helps', capabilities: null, tags: [{ name: 'Work' }] });
    assert.deepEqual(created.params, { temperature: 0.5 });
    assert.deepEqual(created.access_control, {});
    assert.ok(created.created_at > 1_600_000_000 && created.created_at < 10_000_000_000, 'epoch seconds');

    const read = await readModel(server, user, 'org/helper:1');
    assert.deepEqual(read, created);
  });

  it('answers 409 MODEL_ID_TAKEN for a taken id and changes nothing', async () => {
    await createModel(server, admin, form('taken'));
    const res = await server.request('POST', '/api/v1/models/create', { token: user.token, body: form('taken', { name: 'Other' }) });
    assert.equal(res.status, 409);
    assert.equal(res.body.detail, MODEL_ID_TAKEN);
    const stored = await readModel(server, admin, 'taken');
    assert.equal(stored?.name, 'Model taken');
    assert.equal(stored?.user_id, admin.id);
  });

  it('refuses empty and over-long ids with 400 MODEL_ID_TOO_LONG', async () => {
    const before = await modelIds(server);
    for (const id of ['', 'x'.repeat(257)]) {
      const res = await server.request('POST', '/api/v1/models/create', { token: admin.token, body: form(id) });
      assert.equal(res.status, 400);
      assert.equal(res.body.detail, MODEL_ID_TOO_LONG);
    }
    assert.deepEqual(await modelIds(server), before);
    await createModel(server, admin, form('y'.repeat(256)));
  });

  it('refuses malformed forms with 422 and writes nothing', async () => {
    const before = await modelIds(server);
    const bad: [Record<string, unknown>, string][] = [
      [{ ...form('bad1'), name: undefined }, 'name'],
      [{ ...form('bad2'), meta: 'text' }, 'meta'],
      [{ ...form('bad3'), params: [1, 2] }, 'params'],
      [{ ...form('bad4'), access_control: { read: { user_ids: 'everyone' } } }, 'access_control'],
      [{ ...form('bad5'), is_active: 'yes' }, 'is_active'],
    ];
    for (const [body, field] of bad) {
      const res = await server.request('POST', '/api/v1/models/create', { token: admin.token, body });
      assert.equal(res.status, 422, res.text);
      assert.equal(res.body.detail[0].loc[1], field);
    }
    const raw = await server.request('POST', '/api/v1/models/create', { token: admin.token, raw: '{"id": "broken",' });
    assert.equal(raw.status, 422);
    assert.deepEqual(await modelIds(server), before);
  });

  it('needs credentials, a verified role and workspace.models', async () => {
    const none = await server.request('POST', '/api/v1/models/create', { body: form('anon') });
    assert.equal(none.status, 401);
    const asPending = await server.request('POST', '/api/v1/models/create', { token: pending.token, body: form('anon') });
    assert.equal(asPending.status, 401);
    assert.equal(asPending.body.detail, FORBIDDEN_ROLE);

    const strict = await startServer();
    try {
      const pair = await adminAndUser(strict);
      const denied = await strict.request('POST', '/api/v1/models/create', { token: pair.user.token, body: form('nope') });
      assert.equal(denied.status, 401);
      assert.equal(denied.body.detail, UNAUTHORIZED);
      assert.deepEqual(await modelIds(strict), []);
      await createModel(strict, pair.admin, form('admins-may'));
    } finally {
      await strict.close();
    }
    assert.equal(await readModel(server, admin, 'anon'), undefined);
  });

  it("does not show another user's private model", async () => {
    await createModel(server, admin, form('secret', { meta: { description: 'classified' } }));
    const res = await server.request('GET', '/api/v1/models/model?id=secret', { token: user.token });
    assert.equal(res.status, 200);
    assert.equal(res.body, null);
    assert.ok(!res.text.includes('classified'));

    const missing = await server.request('GET', '/api/v1/models/model?id=nothing-here', { token: user.token });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.detail, NOT_FOUND);

    const noId = await server.request('GET', '/api/v1/models/model', { token: user.token });
    assert.equal(noId.status, 422);
    const anon = await server.request('GET', '/api/v1/models/model?id=secret');
    assert.equal(anon.status, 401);
  });

  it('lets read grants read and write grants write, nothing more', async () => {
    const reader = await addUser(server, admin, 'Rita Reader', 'reader@example.com', 'user');
    const writer = await addUser(server, admin, 'Will Writer', 'writer@example.com', 'user');
    await createModel(server, admin, form('shared', { access_control: { read: { user_ids: [reader.id, writer.id] }, write: { user_ids: [writer.id] } } }));

    assert.equal((await readModel(server, reader, 'shared'))?.id, 'shared');
    const denied = await server.request('POST', '/api/v1/models/model/update', { token: reader.token, body: form('shared', { name: 'Hijacked' }) });
    assert.equal(denied.status, 400);
    assert.equal(denied.body.detail, ACCESS_PROHIBITED);
    const toggleDenied = await server.request('POST', '/api/v1/models/model/toggle?id=shared', { token: reader.token });
    assert.equal(toggleDenied.status, 401);
    assert.equal(toggleDenied.body.detail, UNAUTHORIZED);
    const deleteDenied = await server.request('POST', '/api/v1/models/model/delete', { token: reader.token, body: { id: 'shared' } });
    assert.equal(deleteDenied.status, 401);
    assert.equal(deleteDenied.body.detail, UNAUTHORIZED);
    assert.equal((await readModel(server, admin, 'shared'))?.name, 'Model shared');

    // The writer keeps the sharing as it is (changing it would need sharing permissions).
    const ac = { read: { user_ids: [reader.id, writer.id] }, write: { user_ids: [writer.id] } };
    const ok = await server.request<Model>('POST', '/api/v1/models/model/update', { token: writer.token, body: form('shared', { name: 'Edited', access_control: ac }) });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.name, 'Edited');
    assert.equal(ok.body.user_id, admin.id, 'the owner stays');
    const reshare = await server.request('POST', '/api/v1/models/model/update', { token: writer.token, body: form('shared', { access_control: null }) });
    assert.equal(reshare.status, 403);
    assert.equal((await readModel(server, admin, 'shared'))?.access_control !== null, true);
  });

  it('needs sharing permissions to make a model public or shared', async () => {
    for (const access_control of [null, { read: { user_ids: [admin.id] } }, { read: { group_ids: ['g1'] } }]) {
      const res = await server.request('POST', '/api/v1/models/create', { token: user.token, body: form('overshared', { access_control }) });
      assert.equal(res.status, 403, JSON.stringify(access_control));
      assert.equal(res.body.detail, ACCESS_PROHIBITED);
    }
    assert.equal(await readModel(server, admin, 'overshared'), undefined);
    await createModel(server, user, form('kept-private', { access_control: { read: { user_ids: [user.id] } } }));

    const sharing = await startServer({ USER_PERMISSIONS_WORKSPACE_MODELS_ACCESS: 'true', USER_PERMISSIONS_WORKSPACE_MODELS_ALLOW_PUBLIC_SHARING: 'true' });
    try {
      const pair = await adminAndUser(sharing);
      const made = await createModel(sharing, pair.user, form('public-one', { access_control: null }));
      assert.equal(made.access_control, null);
    } finally {
      await sharing.close();
    }
  });

  it('update replaces every field but the id', async () => {
    await createModel(server, user, form('replace-me', { meta: { description: 'old', tags: [{ name: 'a' }] }, params: { top_k: 3 } }));
    // Moved into the past, so the update's new updated_at shows.
    await server.services.database.db.updateTable('model').set({ updated_at: 1_000, created_at: 1_000 }).where('id', '=', 'replace-me').execute();
    const res = await server.request<Model>('POST', '/api/v1/models/model/update', {
      token: user.token,
      body: { id: 'replace-me', base_model_id: 'mistral', name: 'New', meta: {}, params: {}, access_control: {}, is_active: false },
    });
    assert.equal(res.status, 200, res.text);
    const read = await readModel(server, user, 'replace-me');
    assert.equal(read?.name, 'New');
    assert.equal(read?.base_model_id, 'mistral');
    assert.deepEqual(read?.meta, { profile_image_url: '/static/favicon.png', description: null, capabilities: null });
    assert.deepEqual(read?.params, {});
    assert.equal(read?.is_active, false);
    assert.equal(read?.created_at, 1_000);
    assert.ok((read?.updated_at ?? 0) > 1_000);

    const missing = await server.request('POST', '/api/v1/models/model/update', { token: user.token, body: form('no-such-model') });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.detail, NOT_FOUND);
    const bad = await server.request('POST', '/api/v1/models/model/update', { token: user.token, body: { ...form('replace-me'), name: 42 } });
    assert.equal(bad.status, 422);
    assert.equal((await readModel(server, user, 'replace-me'))?.name, 'New');
  });

  it('lets only admins write provider-model annotations (no base model)', async () => {
    const create = await server.request('POST', '/api/v1/models/create', { token: user.token, body: form('llama3:70b', { base_model_id: null }) });
    assert.equal(create.status, 401);
    assert.equal(create.body.detail, UNAUTHORIZED);
    assert.equal(await readModel(server, admin, 'llama3:70b'), undefined);

    await createModel(server, user, form('qwen2:7b'));
    const update = await server.request('POST', '/api/v1/models/model/update', { token: user.token, body: form('qwen2:7b', { base_model_id: null }) });
    assert.equal(update.status, 400);
    assert.equal(update.body.detail, ACCESS_PROHIBITED);
    assert.equal((await readModel(server, user, 'qwen2:7b'))?.base_model_id, 'llama3:8b');

    const annotated = await createModel(server, admin, form('llama3:70b', { base_model_id: null }));
    assert.equal(annotated.base_model_id, null);
  });

  it('toggles is_active for the owner', async () => {
    await createModel(server, user, form('switch'));
    const off = await server.request<Model>('POST', '/api/v1/models/model/toggle?id=switch', { token: user.token });
    assert.equal(off.status, 200);
    assert.equal(off.body.is_active, false);
    assert.equal((await readModel(server, user, 'switch'))?.is_active, false);
    const on = await server.request<Model>('POST', '/api/v1/models/model/toggle?id=switch', { token: user.token });
    assert.equal(on.body.is_active, true);
    const missing = await server.request('POST', '/api/v1/models/model/toggle?id=ghost', { token: user.token });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.detail, NOT_FOUND);
  });

  it('deletes one model for its owner, every model for an admin', async () => {
    await createModel(server, user, form('doomed'));
    const anon = await server.request('POST', '/api/v1/models/model/delete', { body: { id: 'doomed' } });
    assert.equal(anon.status, 401);
    const bad = await server.request('POST', '/api/v1/models/model/delete', { token: user.token, body: {} });
    assert.equal(bad.status, 422);
    const res = await server.request('POST', '/api/v1/models/model/delete', { token: user.token, body: { id: 'doomed' } });
    assert.equal(res.status, 200);
    assert.equal(res.body, true);
    assert.equal(await readModel(server, admin, 'doomed'), undefined);
    const again = await server.request('POST', '/api/v1/models/model/delete', { token: user.token, body: { id: 'doomed' } });
    assert.equal(again.status, 401);
    assert.equal(again.body.detail, NOT_FOUND);

    const notAdmin = await server.request('DELETE', '/api/v1/models/delete/all', { token: user.token });
    assert.equal(notAdmin.status, 401);
    assert.notDeepEqual(await modelIds(server), []);
    const all = await server.request('DELETE', '/api/v1/models/delete/all', { token: admin.token });
    assert.equal(all.status, 200);
    assert.equal(all.body, true);
    assert.deepEqual(await modelIds(server), []);
  });

  it('lists base-model annotations to admins only', async () => {
    await createModel(server, admin, form('gpt-4o', { base_model_id: null, name: 'GPT-4o (ours)' }));
    await createModel(server, admin, form('preset-on-top'));
    const res = await server.request<Model[]>('GET', '/api/v1/models/base', { token: admin.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.map((m) => m.id), ['gpt-4o']);
    const denied = await server.request('GET', '/api/v1/models/base', { token: user.token });
    assert.equal(denied.status, 401);
    assert.equal(denied.body.detail, FORBIDDEN_ROLE);
  });
});
