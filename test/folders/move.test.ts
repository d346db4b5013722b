// POST /folders/{id}/update/parent: moves within the caller's own tree; never under the folder
// itself or one of its descendants; never next to a sibling of the same name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ERROR_MESSAGES, assertDetail, createFolder, folderRows, getFolder, type Folder } from './support.ts';

const CYCLE = ERROR_MESSAGES.DEFAULT('Cannot move a folder into itself or one of its subfolders');

describe('folders: move', () => {
  let server: TestServer;
  let user: Account;
  let other: Account;

  const move = (account: Account, id: string, parent_id: string | null) =>
    server.request<Folder>('POST', `/api/v1/folders/${id}/update/parent`, { token: account.token, body: { parent_id } });

  before(async () => {
    server = await startServer();
    let admin: Account;
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
  });
  after(async () => {
    await server.close();
  });

  it('moves a folder (with its subtree) under another, and back to the root', async () => {
    const a = await createFolder(server, user, { name: 'A' });
    const b = await createFolder(server, user, { name: 'B' });
    const b1 = await createFolder(server, user, { name: 'B1', parent_id: b.id });
    const res = await move(user, b.id, a.id);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.parent_id, a.id);
    assert.equal((await getFolder(server, user, b.id)).parent_id, a.id);
    assert.equal((await getFolder(server, user, b1.id)).parent_id, b.id);

    const root = await move(user, b.id, null);
    assert.equal(root.status, 200, root.text);
    assert.equal((await getFolder(server, user, b.id)).parent_id, null);
    // An absent parent_id also means the root.
    await move(user, b1.id, a.id);
    const absent = await server.request('POST', `/api/v1/folders/${b1.id}/update/parent`, { token: user.token, body: {} });
    assert.equal(absent.status, 200, absent.text);
    assert.equal((await getFolder(server, user, b1.id)).parent_id, null);
  });

  it('moving a folder to where it already is succeeds', async () => {
    const p = await createFolder(server, user, { name: 'Stay' });
    const c = await createFolder(server, user, { name: 'Put', parent_id: p.id });
    const res = await move(user, c.id, p.id);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.parent_id, p.id);
  });

  it('refuses to move a folder under itself or its descendants (400), changing nothing', async () => {
    const top = await createFolder(server, user, { name: 'Top' });
    const mid = await createFolder(server, user, { name: 'Mid', parent_id: top.id });
    const low = await createFolder(server, user, { name: 'Low', parent_id: mid.id });
    const before = await folderRows(server, user.id);
    assertDetail(await move(user, top.id, top.id), 400, CYCLE);
    assertDetail(await move(user, top.id, mid.id), 400, CYCLE);
    assertDetail(await move(user, top.id, low.id), 400, CYCLE);
    assertDetail(await move(user, mid.id, low.id), 400, CYCLE);
    assert.deepEqual(await folderRows(server, user.id), before);
    // A descendant may still move up.
    assert.equal((await move(user, low.id, top.id)).status, 200);
  });

  it('refuses a target that already holds a folder of the same name (any case)', async () => {
    const target = await createFolder(server, user, { name: 'Target' });
    await createFolder(server, user, { name: 'Docs', parent_id: target.id });
    const docs = await createFolder(server, user, { name: 'DOCS' });
    const before = await folderRows(server, user.id);
    assertDetail(await move(user, docs.id, target.id), 400, ERROR_MESSAGES.DEFAULT('Folder already exists'));
    assert.deepEqual(await folderRows(server, user.id), before);
  });

  it('404 for another user\'s folder or target, and nothing changes', async () => {
    const mine = await createFolder(server, user, { name: 'Mine' });
    const theirs = await createFolder(server, other, { name: 'Theirs' });
    const theirsChild = await createFolder(server, other, { name: 'Child', parent_id: theirs.id });
    const mineBefore = await folderRows(server, user.id);
    const theirsBefore = await folderRows(server, other.id);
    assertDetail(await move(user, mine.id, theirs.id), 404, ERROR_MESSAGES.NOT_FOUND);
    assertDetail(await move(user, mine.id, 'no-such-folder'), 404, ERROR_MESSAGES.NOT_FOUND);
    assertDetail(await move(user, theirsChild.id, null), 404, ERROR_MESSAGES.NOT_FOUND);
    assertDetail(await move(user, theirsChild.id, mine.id), 404, ERROR_MESSAGES.NOT_FOUND);
    assert.deepEqual(await folderRows(server, user.id), mineBefore);
    assert.deepEqual(await folderRows(server, other.id), theirsBefore);
  });
});
