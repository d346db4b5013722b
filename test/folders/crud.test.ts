// Folders: create (at the root or under a parent of the caller's), read, rename, data/meta merge,
// expanded state; sibling names are unique ignoring case; another user's ids are not found.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, FOLDER_KEYS, assertDetail, createFolder, folderRows, getFolder, nowSec } from './support.ts';

const TAKEN = ERROR_MESSAGES.DEFAULT('Folder already exists');

describe('folders: records', () => {
  let server: TestServer;
  let user: Account;
  let other: Account;

  before(async () => {
    server = await startServer();
    let admin: Account;
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
  });
  after(async () => {
    await server.close();
  });

  describe('POST /', () => {
    it('creates a root folder and returns the FolderModel', async () => {
      const res = await server.request('POST', '/api/v1/folders/', { token: user.token, body: { name: 'Work', data: { files: [] }, meta: { icon: '📁' } } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(Object.keys(res.body).sort(), FOLDER_KEYS);
      assert.match(res.body.id, /^[0-9a-f-]{36}$/);
      assert.equal(res.body.user_id, user.id);
      assert.equal(res.body.parent_id, null);
      assert.equal(res.body.name, 'Work');
      assert.deepEqual(res.body.data, { files: [] });
      assert.deepEqual(res.body.meta, { icon: '📁' });
      assert.equal(res.body.items, null);
      assert.equal(res.body.is_expanded, false);
      assert.ok(Math.abs(res.body.created_at - nowSec()) < 60);
      assert.deepEqual(await getFolder(server, user, res.body.id), res.body);
    });

    it('honours parent_id: the folder is created under the caller\'s folder', async () => {
      const parent = await createFolder(server, user, { name: 'Projects' });
      const child = await createFolder(server, user, { name: 'Alpha', parent_id: parent.id });
      assert.equal(child.parent_id, parent.id);
      const grandchild = await createFolder(server, user, { name: 'Notes', parent_id: child.id });
      assert.equal((await getFolder(server, user, grandchild.id)).parent_id, child.id);
    });

    it('refuses a name taken among the siblings, ignoring case; other parents may reuse it', async () => {
      const parent = await createFolder(server, user, { name: 'Clients' });
      await createFolder(server, user, { name: 'Acme', parent_id: parent.id });
      const before = await folderRows(server, user.id);
      assertDetail(await server.request('POST', '/api/v1/folders/', { token: user.token, body: { name: 'ACME', parent_id: parent.id } }), 400, TAKEN);
      assertDetail(await server.request('POST', '/api/v1/folders/', { token: user.token, body: { name: 'work' } }), 400, TAKEN);
      assert.deepEqual(await folderRows(server, user.id), before);
      // Same name at the root, or for another user, is fine.
      assert.equal((await createFolder(server, user, { name: 'acme' })).parent_id, null);
      await createFolder(server, other, { name: 'Work' });
    });

    it('treats LIKE wildcards in names literally', async () => {
      await createFolder(server, user, { name: 'a_c' });
      assert.equal((await createFolder(server, user, { name: 'abc' })).name, 'abc');
      await createFolder(server, user, { name: '100%' });
      assert.equal((await createFolder(server, user, { name: '1000' })).name, '1000');
    });

    it('answers 404 for a parent that is not the caller\'s, and writes nothing', async () => {
      const foreign = await createFolder(server, other, { name: 'Private' });
      const before = await folderRows(server, user.id);
      for (const parent_id of [foreign.id, 'no-such-folder']) {
        assertDetail(await server.request('POST', '/api/v1/folders/', { token: user.token, body: { name: 'Sneaky', parent_id } }), 404, ERROR_MESSAGES.NOT_FOUND);
      }
      assert.deepEqual(await folderRows(server, user.id), before);
      assert.equal((await folderRows(server, other.id)).length, 2);
    });

    it('ignores fields the caller may not set (id, user_id, timestamps)', async () => {
      const res = await server.request('POST', '/api/v1/folders/', {
        token: user.token,
        body: { name: 'Forged', id: 'forged-id', user_id: other.id, created_at: 1, is_expanded: true },
      });
      assert.equal(res.status, 200, res.text);
      assert.notEqual(res.body.id, 'forged-id');
      assert.equal(res.body.user_id, user.id);
      assert.ok(res.body.created_at > 1);
      assert.equal((await folderRows(server, other.id)).length, 2);
    });
  });

  describe('GET /{id}', () => {
    it('404 for another user\'s folder and for an unknown id', async () => {
      const foreign = await createFolder(server, other, { name: 'Hidden' });
      assertDetail(await server.request('GET', `/api/v1/folders/${foreign.id}`, { token: user.token }), 404, ERROR_MESSAGES.NOT_FOUND);
      assertDetail(await server.request('GET', '/api/v1/folders/nope', { token: user.token }), 404, ERROR_MESSAGES.NOT_FOUND);
      assert.equal((await getFolder(server, other, foreign.id)).name, 'Hidden');
    });

    it('is also served at /api/folders', async () => {
      const folder = await createFolder(server, user, { name: 'Alias' });
      const res = await server.request('GET', `/api/folders/${folder.id}`, { token: user.token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.id, folder.id);
    });
  });

  describe('POST /{id}/update', () => {
    it('renames, and shallow-merges data and meta', async () => {
      const folder = await createFolder(server, user, { name: 'Draft', data: { system_prompt: 'Be brief', files: [{ type: 'file', id: 'f1' }] }, meta: { icon: 'x', color: 'red' } });
      const res = await server.request('POST', `/api/v1/folders/${folder.id}/update`, {
        token: user.token,
        body: { name: 'Final', data: { system_prompt: 'Be thorough', model_ids: ['m'] }, meta: { icon: 'y' } },
      });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(Object.keys(res.body).sort(), FOLDER_KEYS);
      const stored = await getFolder(server, user, folder.id);
      assert.deepEqual(stored, res.body);
      assert.equal(stored.name, 'Final');
      assert.deepEqual(stored.data, { system_prompt: 'Be thorough', files: [{ type: 'file', id: 'f1' }], model_ids: ['m'] });
      assert.deepEqual(stored.meta, { icon: 'y', color: 'red' });
    });

    it('leaves absent and null fields as they are', async () => {
      const folder = await createFolder(server, user, { name: 'Keep', data: { a: 1 }, meta: { icon: 'k' } });
      const res = await server.request('POST', `/api/v1/folders/${folder.id}/update`, { token: user.token, body: { name: null, data: null } });
      assert.equal(res.status, 200, res.text);
      const stored = await getFolder(server, user, folder.id);
      assert.equal(stored.name, 'Keep');
      assert.deepEqual(stored.data, { a: 1 });
      assert.deepEqual(stored.meta, { icon: 'k' });
    });

    it('refuses a sibling\'s name (any case) but allows re-casing the folder\'s own name', async () => {
      const parent = await createFolder(server, user, { name: 'Team' });
      await createFolder(server, user, { name: 'Design', parent_id: parent.id });
      const folder = await createFolder(server, user, { name: 'Build', parent_id: parent.id });
      const before = await folderRows(server, user.id);
      assertDetail(await server.request('POST', `/api/v1/folders/${folder.id}/update`, { token: user.token, body: { name: 'design', data: { x: 1 } } }), 400, TAKEN);
      assert.deepEqual(await folderRows(server, user.id), before);
      const recased = await server.request('POST', `/api/v1/folders/${folder.id}/update`, { token: user.token, body: { name: 'BUILD' } });
      assert.equal(recased.status, 200, recased.text);
      assert.equal((await getFolder(server, user, folder.id)).name, 'BUILD');
      // A root folder may take a name used only inside another folder.
      const root = await createFolder(server, user, { name: 'Loose' });
      assert.equal((await server.request('POST', `/api/v1/folders/${root.id}/update`, { token: user.token, body: { name: 'Design' } })).status, 200);
    });

    it('404 for another user\'s folder, which stays unchanged', async () => {
      const foreign = await createFolder(server, other, { name: 'Theirs', data: { a: 1 } });
      assertDetail(await server.request('POST', `/api/v1/folders/${foreign.id}/update`, { token: user.token, body: { name: 'Mine', data: { b: 2 } } }), 404, ERROR_MESSAGES.NOT_FOUND);
      const stored = await getFolder(server, other, foreign.id);
      assert.equal(stored.name, 'Theirs');
      assert.deepEqual(stored.data, { a: 1 });
    });
  });

  describe('POST /{id}/update/expanded', () => {
    it('sets and clears is_expanded', async () => {
      const folder = await createFolder(server, user, { name: 'Fold' });
      const res = await server.request('POST', `/api/v1/folders/${folder.id}/update/expanded`, { token: user.token, body: { is_expanded: true } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.is_expanded, true);
      assert.equal((await getFolder(server, user, folder.id)).is_expanded, true);
      await server.request('POST', `/api/v1/folders/${folder.id}/update/expanded`, { token: user.token, body: { is_expanded: false } });
      assert.equal((await getFolder(server, user, folder.id)).is_expanded, false);
    });

    it('404 for another user\'s folder, which stays unchanged', async () => {
      const foreign = await createFolder(server, other, { name: 'Closed' });
      assertDetail(await server.request('POST', `/api/v1/folders/${foreign.id}/update/expanded`, { token: user.token, body: { is_expanded: true } }), 404, ERROR_MESSAGES.NOT_FOUND);
      assert.equal((await getFolder(server, other, foreign.id)).is_expanded, false);
    });
  });
});
