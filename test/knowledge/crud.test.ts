// One knowledge base through its life: create (permissions, sharing, bad input), read, update,
// reset and delete (vector collection and workspace models cleaned).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, KB, assert422, assertDetail, chunks, createKb, group, kbCount, links, shared, storedKb, upload } from './support.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('knowledge: create, read, update, reset, delete', () => {
  let server: TestServer;
  let admin: Account;
  let owner: Account;
  let other: Account;
  let sharer: Account;
  let plain: Account;
  let pending: Account;
  let othersGroup: string;

  before(async () => {
    server = await startServer();
    ({ admin, user: owner } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
    sharer = await addUser(server, admin, 'Sam Sharer', 'sharer@example.com', 'user');
    plain = await addUser(server, admin, 'Pat Plain', 'plain@example.com', 'user');
    pending = await addUser(server, admin, 'Penny Pending', 'pending@example.com', 'pending');
    await group(server, admin, [owner], 'Makers', { workspace: { knowledge: true } });
    othersGroup = await group(server, admin, [other], 'Others', { workspace: { knowledge: true } });
    await group(server, admin, [sharer], 'Sharers', { workspace: { knowledge: true }, sharing: { knowledge: true, public_knowledge: true } });
  });
  after(async () => {
    await server.close();
  });

  it('create answers a KnowledgeResponse; a user without sharing.public_knowledge asking for public gets a private one', async () => {
    const res = await server.request('POST', `${KB}/create`, { token: owner.token, body: { name: 'Physics', description: 'Notes on physics', access_control: null } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body), ['id', 'user_id', 'name', 'description', 'meta', 'access_control', 'created_at', 'updated_at', 'files']);
    assert.match(res.body.id, UUID);
    assert.equal(res.body.user_id, owner.id);
    assert.equal(res.body.name, 'Physics');
    assert.equal(res.body.description, 'Notes on physics');
    assert.equal(res.body.meta, null);
    assert.deepEqual(res.body.access_control, {});
    assert.equal(res.body.files, null);
    assert.equal(typeof res.body.created_at, 'number');
    assert.ok(Math.abs(res.body.created_at - Date.now() / 1000) < 60, 'epoch seconds');
    assert.equal(res.body.updated_at, res.body.created_at);
    assert.equal((await storedKb(server, res.body.id))?.['name'], 'Physics');

    // Omitted access_control is None upstream: the same rule applies.
    assert.deepEqual((await createKb(server, owner)).access_control, {});
    // Admins and users with sharing.public_knowledge keep public.
    assert.equal((await createKb(server, admin)).access_control, null);
    assert.equal((await createKb(server, sharer, { access_control: null })).access_control, null);
  });

  it('create refuses without workspace.knowledge (401 UNAUTHORIZED), without a token and for pending users; nothing written', async () => {
    const before = await kbCount(server);
    assertDetail(await server.request('POST', `${KB}/create`, { token: plain.token, body: { name: 'x', description: 'y' } }), 401, ERROR_MESSAGES.UNAUTHORIZED);
    assert.equal((await server.request('POST', `${KB}/create`, { body: { name: 'x', description: 'y' } })).status, 401);
    assertDetail(await server.request('POST', `${KB}/create`, { token: pending.token, body: { name: 'x', description: 'y' } }), 401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assert.equal(await kbCount(server), before);
  });

  it('create answers bad input with 422 and writes nothing', async () => {
    const before = await kbCount(server);
    const send = (body: unknown) => server.request('POST', `${KB}/create`, { token: owner.token, body });
    assert422(await send({ description: 'no name' }), ['body', 'name']);
    assert422(await send({ name: 'no description' }), ['body', 'description']);
    assert422(await send({ name: 5, description: 'x' }), ['body', 'name']);
    assert422(await send({ name: 'x', description: 'y', access_control: 'public' }), ['body', 'access_control']);
    assert422(await send({ name: 'x', description: 'y', access_control: { read: { user_ids: 'me' } } }), ['body', 'access_control', 'read', 'user_ids']);
    assert.equal((await send([{ name: 'x', description: 'y' }])).status, 422);
    assert.equal((await server.request('POST', `${KB}/create`, { token: owner.token, raw: '{"name":' })).status, 422);
    assert.equal(await kbCount(server), before);
  });

  it('sharing with groups or users needs sharing.knowledge (403); with it the grant is stored', async () => {
    const before = await kbCount(server);
    const grant = shared({ read: { group_ids: [othersGroup] } });
    assertDetail(
      await server.request('POST', `${KB}/create`, { token: owner.token, body: { name: 'x', description: 'y', access_control: grant } }),
      403,
      ERROR_MESSAGES.ACCESS_PROHIBITED,
    );
    assert.equal(await kbCount(server), before);
    assert.deepEqual((await createKb(server, sharer, { access_control: grant })).access_control, grant);
  });

  it('GET /{id}: 401 NOT_FOUND when missing, null without read access, write_access per caller, files not embedded', async () => {
    const kb = await createKb(server, sharer, { name: 'Shared', access_control: shared({ read: { user_ids: [other.id] }, write: { group_ids: [othersGroup] } }) });
    const priv = await createKb(server, owner, { name: 'Private', access_control: {} });

    const own = await server.request('GET', `${KB}/${kb.id}`, { token: sharer.token });
    assert.equal(own.status, 200, own.text);
    assert.deepEqual(Object.keys(own.body), ['id', 'user_id', 'name', 'description', 'meta', 'access_control', 'created_at', 'updated_at', 'files', 'write_access']);
    assert.equal(own.body.files, null);
    assert.equal(own.body.write_access, true);

    // `other` reads through the user grant and writes through the group grant.
    const viaGrant = await server.request('GET', `${KB}/${kb.id}`, { token: other.token });
    assert.equal(viaGrant.body.name, 'Shared');
    assert.equal(viaGrant.body.write_access, true);

    const hidden = await server.request('GET', `${KB}/${priv.id}`, { token: other.token });
    assert.equal(hidden.status, 200);
    assert.equal(hidden.body, null);
    assert.equal(hidden.text, 'null');

    // Admins read everything; write_access reports owner/grant only, as upstream.
    const byAdmin = await server.request('GET', `${KB}/${priv.id}`, { token: admin.token });
    assert.equal(byAdmin.body.name, 'Private');
    assert.equal(byAdmin.body.write_access, false);

    assertDetail(await server.request('GET', `${KB}/no-such-id`, { token: owner.token }), 401, ERROR_MESSAGES.NOT_FOUND);
    assert.equal((await server.request('GET', `${KB}/${kb.id}`)).status, 401);
  });

  it('update: owner and write grants change it (files listed); others get 400 ACCESS_PROHIBITED; missing is 400 NOT_FOUND', async () => {
    const grant = shared({ read: { group_ids: [othersGroup] }, write: { group_ids: [othersGroup] } });
    const kb = await createKb(server, sharer, { name: 'Before', access_control: grant });
    const file = await upload(server, sharer, 'update-me.txt', 'A file held by the knowledge base being updated.');
    assert.equal((await server.request('POST', `${KB}/${kb.id}/file/add`, { token: sharer.token, body: { file_id: file.id } })).status, 200);
    await server.services.database.db.updateTable('knowledge').set({ updated_at: 1000 }).where('id', '=', kb.id).execute();

    // A collaborator without sharing permissions may edit while resending the stored access_control.
    const res = await server.request('POST', `${KB}/${kb.id}/update`, { token: other.token, body: { name: 'After', description: 'changed', access_control: grant } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.name, 'After');
    assert.equal(res.body.description, 'changed');
    assert.equal(res.body.user_id, sharer.id, 'the owner stays');
    assert.deepEqual(res.body.access_control, grant);
    assert.ok(res.body.updated_at > 1000);
    assert.equal(res.body.write_access, true);
    assert.deepEqual(res.body.files, [{ id: file.id, hash: res.body.files[0].hash, meta: res.body.files[0].meta, created_at: res.body.files[0].created_at, updated_at: res.body.files[0].updated_at }]);
    assert.match(res.body.files[0].hash, /^[0-9a-f]{64}$/);
    assert.equal(res.body.files[0].meta.name, 'update-me.txt');
    // …but not widen the sharing.
    assertDetail(
      await server.request('POST', `${KB}/${kb.id}/update`, { token: other.token, body: { name: 'After', description: 'changed', access_control: shared({ read: { user_ids: [plain.id] } }) } }),
      403,
      ERROR_MESSAGES.ACCESS_PROHIBITED,
    );

    assertDetail(await server.request('POST', `${KB}/${kb.id}/update`, { token: plain.token, body: { name: 'Hacked', description: '' } }), 400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await server.request('POST', `${KB}/missing/update`, { token: owner.token, body: { name: 'x', description: '' } }), 400, ERROR_MESSAGES.NOT_FOUND);
    assert422(await server.request('POST', `${KB}/${kb.id}/update`, { token: sharer.token, body: { name: 'Only name' } }), ['body', 'description']);
    assert.equal((await server.request('POST', `${KB}/${kb.id}/update`, { body: { name: 'x', description: '' } })).status, 401);
    assert.equal((await storedKb(server, kb.id))?.['name'], 'After');

    // The owner without sharing.public_knowledge asking for public gets private, as on create.
    const mine = await createKb(server, owner);
    const update = await server.request('POST', `${KB}/${mine.id}/update`, { token: owner.token, body: { name: 'Mine', description: '', access_control: null } });
    assert.deepEqual(update.body.access_control, {});
    // Admins change anyone's.
    const byAdmin = await server.request('POST', `${KB}/${mine.id}/update`, { token: admin.token, body: { name: 'By admin', description: '', access_control: null } });
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assert.equal(byAdmin.body.access_control, null);
  });

  it('reset drops the collection and the file links; the files stay', async () => {
    const kb = await createKb(server, owner);
    const file = await upload(server, owner, 'reset.txt', 'Content that the reset will take out of the knowledge base.');
    assert.equal((await server.request('POST', `${KB}/${kb.id}/file/add`, { token: owner.token, body: { file_id: file.id } })).status, 200);
    assert.equal((await chunks(server, kb.id)).length, 1);

    assertDetail(await server.request('POST', `${KB}/${kb.id}/reset`, { token: other.token }), 400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await server.request('POST', `${KB}/missing/reset`, { token: owner.token }), 400, ERROR_MESSAGES.NOT_FOUND);
    assert.equal((await server.request('POST', `${KB}/${kb.id}/reset`)).status, 401);
    assert.equal((await chunks(server, kb.id)).length, 1, 'refusals change nothing');

    const res = await server.request('POST', `${KB}/${kb.id}/reset`, { token: owner.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, kb.id);
    assert.equal(res.body.files, null);
    assert.equal('write_access' in res.body, false);
    assert.deepEqual(await chunks(server, kb.id), []);
    assert.equal(await server.services.retrieval.store.hasCollection(kb.id), false);
    assert.deepEqual(await links(server, kb.id), []);
    assert.equal((await server.request('GET', `/api/v1/files/${file.id}`, { token: owner.token })).status, 200, 'file kept');
    assert.equal((await chunks(server, `file-${file.id}`)).length, 1, "file's own collection kept");
  });

  it("delete removes it from every model's meta.knowledge, drops its collection and its links", async () => {
    const kb = await createKb(server, owner, { name: 'Doomed' });
    const keep = await createKb(server, owner, { name: 'Kept' });
    const file = await upload(server, owner, 'doomed.txt', 'Words inside a knowledge base that is about to be deleted.');
    assert.equal((await server.request('POST', `${KB}/${kb.id}/file/add`, { token: owner.token, body: { file_id: file.id } })).status, 200);
    const knowledgeItem = { id: kb.id, name: 'Doomed', type: 'collection' };
    const keptItem = { id: keep.id, name: 'Kept', type: 'collection' };
    const model = (id: string, knowledge: unknown[]) => ({ id, base_model_id: 'llama3:8b', name: id, meta: { description: 'd', knowledge }, params: {}, access_control: {} });
    for (const body of [model('with-both', [knowledgeItem, keptItem]), model('with-kept', [keptItem]), model('without', [])]) {
      const res = await server.request('POST', '/api/v1/models/create', { token: admin.token, body });
      assert.equal(res.status, 200, res.text);
    }

    assertDetail(await server.request('DELETE', `${KB}/${kb.id}/delete`, { token: other.token }), 400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    assertDetail(await server.request('DELETE', `${KB}/missing/delete`, { token: owner.token }), 400, ERROR_MESSAGES.NOT_FOUND);
    assert.equal((await server.request('DELETE', `${KB}/${kb.id}/delete`)).status, 401);
    assert.ok(await storedKb(server, kb.id), 'refusals delete nothing');

    const res = await server.request('DELETE', `${KB}/${kb.id}/delete`, { token: owner.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);
    assert.equal(await storedKb(server, kb.id), undefined);
    assert.deepEqual(await links(server, kb.id), []);
    assert.equal(await server.services.retrieval.store.hasCollection(kb.id), false);
    assert.equal((await server.request('GET', `${KB}/${kb.id}`, { token: owner.token })).status, 401);

    const meta = async (id: string) => (await server.request('GET', `/api/v1/models/model?id=${id}`, { token: admin.token })).body.meta;
    assert.deepEqual((await meta('with-both')).knowledge, [keptItem]);
    assert.deepEqual((await meta('with-kept')).knowledge, [keptItem]);
    assert.deepEqual((await meta('without')).knowledge, []);
    assert.equal((await meta('with-both')).description, 'd', 'the rest of meta is kept');
    assert.equal((await server.request('GET', `/api/v1/files/${file.id}`, { token: owner.token })).status, 200, 'files stay');
  });
});
