// GET /folders/: the caller's folders as FolderNameIdResponse; ENABLE_FOLDERS and features.folders;
// folders whose parent is gone (or that sit in a parent cycle) are moved back to the root.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, LIST_KEYS, assertDetail, createFolder, folderRows, getFolder, insertFolderRow, listFolders } from './support.ts';

describe('folders: list', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
  });
  after(async () => {
    await server.close();
  });

  it('lists only the caller\'s folders, in the list shape (meta narrowed to icon)', async () => {
    assert.deepEqual(await listFolders(server, user), []);
    const work = await createFolder(server, user, { name: 'Work', data: { files: [{ type: 'file', id: 'f' }] }, meta: { icon: 'briefcase', color: 'blue' } });
    const sub = await createFolder(server, user, { name: 'Sub', parent_id: work.id });
    await server.request('POST', `/api/v1/folders/${sub.id}/update/expanded`, { token: user.token, body: { is_expanded: true } });
    await createFolder(server, other, { name: 'Not yours' });

    const list = await listFolders(server, user);
    assert.deepEqual(list.map((f) => f.name).sort(), ['Sub', 'Work']);
    for (const f of list) assert.deepEqual(Object.keys(f).sort(), LIST_KEYS);
    const byName = new Map(list.map((f) => [f.name, f]));
    assert.deepEqual(byName.get('Work')?.meta, { icon: 'briefcase' });
    assert.equal(byName.get('Work')?.parent_id, null);
    assert.equal(byName.get('Sub')?.meta, null);
    assert.equal(byName.get('Sub')?.parent_id, work.id);
    assert.equal(byName.get('Sub')?.is_expanded, true);
    assert.deepEqual((await listFolders(server, other)).map((f) => f.name), ['Not yours']);
  });

  it('moves folders whose parent no longer exists to the root', async () => {
    const orphan = await insertFolderRow(server, user.id, 'Orphan', 'deleted-parent');
    const child = await insertFolderRow(server, user.id, 'Orphan child', orphan);
    // A parent id that only exists for another user is as good as gone.
    const foreignParent = await createFolder(server, other, { name: 'Elsewhere' });
    const stray = await insertFolderRow(server, user.id, 'Stray', foreignParent.id);
    const list = await listFolders(server, user);
    const parentOf = new Map(list.map((f) => [f.id, f.parent_id]));
    assert.equal(parentOf.get(orphan), null);
    assert.equal(parentOf.get(stray), null);
    assert.equal(parentOf.get(child), orphan);
    assert.equal((await getFolder(server, user, orphan)).parent_id, null);
  });

  it('breaks parent cycles left by older databases, one folder per cycle', async () => {
    const x = await insertFolderRow(server, user.id, 'Cycle X', 'y-id', 'x-id');
    const y = await insertFolderRow(server, user.id, 'Cycle Y', 'x-id', 'y-id');
    const self = await insertFolderRow(server, user.id, 'Self', 'self-id', 'self-id');
    const list = await listFolders(server, user);
    const parentOf = new Map(list.map((f) => [f.id, f.parent_id]));
    assert.equal(parentOf.get(self), null);
    assert.deepEqual([parentOf.get(x), parentOf.get(y)].filter((p) => p === null).length, 1);
    assert.ok(parentOf.get(x) === y || parentOf.get(y) === x);
  });

  it('403 when a non-admin lacks features.folders; admins are exempt', async () => {
    const restricted = await startServer({ USER_PERMISSIONS_FEATURES_FOLDERS: 'false' });
    try {
      const accounts = await adminAndUser(restricted);
      assertDetail(await restricted.request('GET', '/api/v1/folders/', { token: accounts.user.token }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
      assert.equal((await restricted.request('GET', '/api/v1/folders/', { token: accounts.admin.token })).status, 200);
    } finally {
      await restricted.close();
    }
  });

  it('403 for everyone when ENABLE_FOLDERS is off, and nothing is repaired', async () => {
    const disabled = await startServer({ ENABLE_FOLDERS: 'false' });
    try {
      const accounts = await adminAndUser(disabled);
      const orphan = await insertFolderRow(disabled, accounts.user.id, 'Orphan', 'gone');
      for (const account of [accounts.user, accounts.admin]) {
        assertDetail(await disabled.request('GET', '/api/v1/folders/', { token: account.token }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
      }
      assert.equal((await folderRows(disabled, accounts.user.id)).find((r) => r['id'] === orphan)?.['parent_id'], 'gone');
    } finally {
      await disabled.close();
    }
  });
});
