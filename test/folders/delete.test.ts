// DELETE /folders/{id}?delete_contents=: removes the folder and every descendant; their chats are
// deleted (with share snapshots) or moved to the root; chat.delete is needed to delete chats.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, assertDetail, chatFileExists, chatFolder, createFolder, folderRows, insertChat, insertShareSnapshot, linkFileToChat, listFolders } from './support.ts';

/** A three-level tree with a chat at each level, plus an unrelated sibling folder with a chat. */
async function seedTree(server: TestServer, account: Account, label: string) {
  const top = await createFolder(server, account, { name: `${label} top` });
  const mid = await createFolder(server, account, { name: 'mid', parent_id: top.id });
  const low = await createFolder(server, account, { name: 'low', parent_id: mid.id });
  const sibling = await createFolder(server, account, { name: `${label} sibling` });
  return {
    top,
    folderIds: [top.id, mid.id, low.id],
    sibling,
    chats: [await insertChat(server, account.id, top.id), await insertChat(server, account.id, mid.id), await insertChat(server, account.id, low.id)],
    siblingChat: await insertChat(server, account.id, sibling.id),
    rootChat: await insertChat(server, account.id, null),
  };
}

describe('folders: delete', () => {
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

  it('by default deletes the folder, its descendants and all their chats (with share snapshots)', async () => {
    const tree = await seedTree(server, user, 'Default');
    const snapshot = await insertShareSnapshot(server, tree.chats[2] as string);
    const link = await linkFileToChat(server, user.id, tree.chats[1] as string);
    const res = await server.request('DELETE', `/api/v1/folders/${tree.top.id}`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);

    const remaining = (await listFolders(server, user)).map((f) => f.id);
    for (const id of tree.folderIds) assert.ok(!remaining.includes(id));
    assert.ok(remaining.includes(tree.sibling.id));
    for (const chat of tree.chats) assert.equal(await chatFolder(server, chat), undefined);
    assert.equal(await chatFolder(server, snapshot), undefined);
    assert.equal(await chatFileExists(server, link), false);
    assert.equal(await chatFolder(server, tree.siblingChat), tree.sibling.id);
    assert.equal(await chatFolder(server, tree.rootChat), null);
  });

  it('delete_contents=false moves the chats of the whole tree to the root', async () => {
    const tree = await seedTree(server, user, 'Keep');
    const snapshot = await insertShareSnapshot(server, tree.chats[0] as string);
    // The web client sends a JSON content type on this bodiless DELETE.
    const res = await server.request('DELETE', `/api/v1/folders/${tree.top.id}?delete_contents=false`, { token: user.token, headers: { 'Content-Type': 'application/json' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);
    assert.equal((await folderRows(server, user.id)).filter((r) => tree.folderIds.includes(r['id'] as string)).length, 0);
    for (const chat of tree.chats) assert.equal(await chatFolder(server, chat), null);
    assert.equal(await chatFolder(server, snapshot), null);
    assert.equal(await chatFolder(server, tree.siblingChat), tree.sibling.id);
  });

  it('deleting a subfolder leaves its parent and the parent\'s chats alone', async () => {
    const tree = await seedTree(server, user, 'Partial');
    const res = await server.request('DELETE', `/api/v1/folders/${tree.folderIds[1]}?delete_contents=true`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    const remaining = (await listFolders(server, user)).map((f) => f.id);
    assert.ok(remaining.includes(tree.top.id));
    assert.ok(!remaining.includes(tree.folderIds[1] as string) && !remaining.includes(tree.folderIds[2] as string));
    assert.equal(await chatFolder(server, tree.chats[0] as string), tree.top.id);
    assert.equal(await chatFolder(server, tree.chats[1] as string), undefined);
    assert.equal(await chatFolder(server, tree.chats[2] as string), undefined);
  });

  it('404 for another user\'s folder, with their folders and chats untouched', async () => {
    const theirs = await seedTree(server, other, 'Theirs');
    const before = await folderRows(server, other.id);
    for (const query of ['', '?delete_contents=false']) {
      assertDetail(await server.request('DELETE', `/api/v1/folders/${theirs.top.id}${query}`, { token: user.token }), 404, ERROR_MESSAGES.NOT_FOUND);
    }
    assertDetail(await server.request('DELETE', '/api/v1/folders/no-such-folder', { token: user.token }), 404, ERROR_MESSAGES.NOT_FOUND);
    assert.deepEqual(await folderRows(server, other.id), before);
    for (const chat of theirs.chats) assert.notEqual(await chatFolder(server, chat), undefined);
  });

  it('another user\'s chats filed under the same folder id are never touched', async () => {
    const mine = await createFolder(server, user, { name: 'Shared id' });
    // A stray row of another user pointing at this folder id (folder ids are only unique per user).
    const foreignChat = await insertChat(server, other.id, mine.id);
    assert.equal((await server.request('DELETE', `/api/v1/folders/${mine.id}`, { token: user.token })).status, 200);
    assert.equal(await chatFolder(server, foreignChat), mine.id);
  });

  it('a folder tree without chats can be deleted without chat.delete', async () => {
    const restricted = await startServer({ USER_PERMISSIONS_CHAT_DELETE: 'false' });
    try {
      const accounts = await adminAndUser(restricted);
      const top = await createFolder(restricted, accounts.user, { name: 'Empty' });
      await createFolder(restricted, accounts.user, { name: 'Also empty', parent_id: top.id });
      assert.equal((await restricted.request('DELETE', `/api/v1/folders/${top.id}`, { token: accounts.user.token })).status, 200);
      assert.deepEqual(await listFolders(restricted, accounts.user), []);
    } finally {
      await restricted.close();
    }
  });

  it('without chat.delete: 403 when chats anywhere in the tree would be deleted; moving them is allowed; admins are exempt', async () => {
    const restricted = await startServer({ USER_PERMISSIONS_CHAT_DELETE: 'false' });
    try {
      const accounts = await adminAndUser(restricted);
      const top = await createFolder(restricted, accounts.user, { name: 'Guarded' });
      const low = await createFolder(restricted, accounts.user, { name: 'Deep', parent_id: top.id });
      const chat = await insertChat(restricted, accounts.user.id, low.id);
      const before = await folderRows(restricted, accounts.user.id);
      assertDetail(await restricted.request('DELETE', `/api/v1/folders/${top.id}`, { token: accounts.user.token }), 403, ERROR_MESSAGES.ACCESS_PROHIBITED);
      assert.deepEqual(await folderRows(restricted, accounts.user.id), before);
      assert.equal(await chatFolder(restricted, chat), low.id);

      assert.equal((await restricted.request('DELETE', `/api/v1/folders/${top.id}?delete_contents=false`, { token: accounts.user.token })).status, 200);
      assert.equal(await chatFolder(restricted, chat), null);
      assert.deepEqual(await folderRows(restricted, accounts.user.id), []);

      const adminFolder = await createFolder(restricted, accounts.admin, { name: 'Admin' });
      const adminChat = await insertChat(restricted, accounts.admin.id, adminFolder.id);
      assert.equal((await restricted.request('DELETE', `/api/v1/folders/${adminFolder.id}`, { token: accounts.admin.token })).status, 200);
      assert.equal(await chatFolder(restricted, adminChat), undefined);
    } finally {
      await restricted.close();
    }
  });
});
