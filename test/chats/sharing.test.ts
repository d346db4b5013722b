// Share snapshots, the public share view and clones.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ACCESS_PROHIBITED, CHAT_KEYS, DEFAULT, NOT_FOUND, clientChat, countChatRows, createChat, tagIds, type Chat } from './support.ts';

describe('chats: share and clone', () => {
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

  it('share lifecycle: snapshot, refresh, public view, unshare, delete', async () => {
    const chat = await createChat(server, user.token, clientChat('Shared chat', 'first'));
    const shared = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/share`, { token: user.token });
    assert.equal(shared.status, 200, shared.text);
    assert.deepEqual(Object.keys(shared.body).sort(), CHAT_KEYS);
    assert.notEqual(shared.body.id, chat.id);
    assert.equal(shared.body.user_id, `shared-${chat.id}`);
    assert.equal(shared.body.title, 'Shared chat');
    assert.equal(shared.body.created_at, chat.created_at);
    const original = await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token });
    assert.equal(original.body.share_id, shared.body.id);
    // Anyone signed in reads the snapshot by its id; the original id is not a share id.
    const view = await server.request<Chat>('GET', `/api/v1/chats/share/${shared.body.id}`, { token: other.token });
    assert.equal(view.status, 200);
    assert.equal(view.body.chat['messages'][0].content, 'first');
    const byChatId = await server.request('GET', `/api/v1/chats/share/${chat.id}`, { token: other.token });
    assert.equal(byChatId.status, 401);
    assert.equal(byChatId.body.detail, NOT_FOUND);
    // The snapshot is not the owner's chat and appears in no list.
    assert.ok(!(await server.request<{ id: string }[]>('GET', '/api/v1/chats/', { token: user.token })).body.some((c) => c.id === shared.body.id));
    // Sharing again refreshes the same snapshot.
    await server.request('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: { title: 'Edited', messages: [{ content: 'second' }] } } });
    const again = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/share`, { token: user.token });
    assert.equal(again.body.id, shared.body.id);
    assert.equal(again.body.title, 'Edited');
    assert.equal((await server.request<Chat>('GET', `/api/v1/chats/share/${shared.body.id}`, { token: other.token })).body.chat['messages'][0].content, 'second');
    // Unshare: the snapshot is gone and share_id cleared; a second unshare answers false.
    const unshared = await server.request('DELETE', `/api/v1/chats/${chat.id}/share`, { token: user.token });
    assert.equal(unshared.body, true);
    assert.equal((await server.request('GET', `/api/v1/chats/share/${shared.body.id}`, { token: other.token })).status, 401);
    assert.equal((await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token })).body.share_id, null);
    assert.equal((await server.request('DELETE', `/api/v1/chats/${chat.id}/share`, { token: user.token })).body, false);
    // Deleting a shared chat deletes its snapshot.
    const reshared = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/share`, { token: user.token });
    const rows = await countChatRows(server);
    await server.request('DELETE', `/api/v1/chats/${chat.id}`, { token: user.token });
    assert.equal(await countChatRows(server), rows - 2);
    assert.equal((await server.request('GET', `/api/v1/chats/share/${reshared.body.id}`, { token: admin.token })).status, 401);
  });

  it('DELETE / removes the share snapshots of all deleted chats', async () => {
    const u = await addUser(server, admin, 'Sam Sharer', 'sharer@example.com', 'user');
    const a = await createChat(server, u.token);
    const b = await createChat(server, u.token);
    const sa = await server.request<Chat>('POST', `/api/v1/chats/${a.id}/share`, { token: u.token });
    const sb = await server.request<Chat>('POST', `/api/v1/chats/${b.id}/share`, { token: u.token });
    const rows = await countChatRows(server);
    assert.equal((await server.request('DELETE', '/api/v1/chats/', { token: u.token })).body, true);
    assert.equal(await countChatRows(server), rows - 4);
    for (const snapshot of [sa.body.id, sb.body.id]) {
      assert.equal((await server.request('GET', `/api/v1/chats/share/${snapshot}`, { token: admin.token })).status, 401);
    }
  });

  it("share routes refuse other users' chats and anonymous callers", async () => {
    const chat = await createChat(server, user.token);
    for (const method of ['POST', 'DELETE']) {
      for (const [token, id] of [[other.token, chat.id], [admin.token, chat.id], [user.token, 'nope']] as const) {
        const res = await server.request(method, `/api/v1/chats/${id}/share`, { token });
        assert.equal(res.status, 401, method);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
      assert.equal((await server.request(method, `/api/v1/chats/${chat.id}/share`)).status, 401);
    }
    assert.equal((await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token })).body.share_id, null);
    assert.equal((await server.request('GET', '/api/v1/chats/share/x')).status, 401);
  });

  it('sharing needs chat.share for users', async () => {
    const chat = await createChat(server, user.token);
    const perms = await server.request('GET', '/api/v1/users/default/permissions', { token: admin.token });
    const set = (share: boolean) =>
      server.request('POST', '/api/v1/users/default/permissions', { token: admin.token, body: { ...perms.body, chat: { ...perms.body.chat, share } } });
    assert.equal((await set(false)).status, 200);
    try {
      const res = await server.request('POST', `/api/v1/chats/${chat.id}/share`, { token: user.token });
      assert.equal(res.status, 401);
      assert.equal(res.body.detail, ACCESS_PROHIBITED);
    } finally {
      await set(true);
    }
  });

  it('admins read any chat through /share/{id} (ENABLE_ADMIN_CHAT_ACCESS)', async () => {
    const chat = await createChat(server, user.token, clientChat('Private'));
    const res = await server.request<Chat>('GET', `/api/v1/chats/share/${chat.id}`, { token: admin.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.title, 'Private');
    const locked = await startServer({ ENABLE_ADMIN_CHAT_ACCESS: 'false' });
    try {
      const { admin: a, user: u } = await adminAndUser(locked);
      const c = await createChat(locked, u.token);
      assert.equal((await locked.request('GET', `/api/v1/chats/share/${c.id}`, { token: a.token })).status, 401);
      assert.equal((await locked.request('POST', `/api/v1/chats/${c.id}/clone/shared`, { token: a.token })).status, 401);
    } finally {
      await locked.close();
    }
  });

  it('POST /{id}/clone copies the chat with clone markers and a title', async () => {
    const source = await createChat(server, user.token, clientChat('Origin'));
    await server.request('POST', `/api/v1/chats/${source.id}/tags`, { token: user.token, body: { name: 'kept' } });
    await server.request('POST', `/api/v1/chats/${source.id}/pin`, { token: user.token });
    const clone = await server.request<Chat>('POST', `/api/v1/chats/${source.id}/clone`, { token: user.token, body: {} });
    assert.equal(clone.status, 200, clone.text);
    assert.notEqual(clone.body.id, source.id);
    assert.equal(clone.body.title, 'Clone of Origin');
    assert.equal(clone.body.chat['originalChatId'], source.id);
    assert.equal(clone.body.chat['branchPointMessageId'], 'm1');
    assert.deepEqual(clone.body.meta, { tags: ['kept'] });
    assert.equal(clone.body.pinned, true);
    const named = await server.request<Chat>('POST', `/api/v1/chats/${source.id}/clone`, { token: user.token, body: { title: 'My copy' } });
    assert.equal(named.body.title, 'My copy');
    assert.equal(named.body.chat['title'], 'My copy');
    for (const [token, id] of [[other.token, source.id], [admin.token, source.id], [user.token, 'nope']] as const) {
      const res = await server.request('POST', `/api/v1/chats/${id}/clone`, { token, body: {} });
      assert.equal(res.status, 401);
      assert.equal(res.body.detail, DEFAULT);
    }
    assert.equal((await server.request('POST', `/api/v1/chats/${source.id}/clone`, { token: user.token, body: { title: 7 } })).status, 422);
    assert.equal((await server.request('POST', `/api/v1/chats/${source.id}/clone`, { body: {} })).status, 401);
  });

  it('POST /{id}/clone/shared clones a share snapshot for another user', async () => {
    const source = await createChat(server, user.token, clientChat('Public'));
    await server.request('POST', `/api/v1/chats/${source.id}/tags`, { token: user.token, body: { name: 'topic' } });
    const shared = await server.request<Chat>('POST', `/api/v1/chats/${source.id}/share`, { token: user.token });
    const clone = await server.request<Chat>('POST', `/api/v1/chats/${shared.body.id}/clone/shared`, { token: other.token });
    assert.equal(clone.status, 200, clone.text);
    assert.equal(clone.body.user_id, other.id);
    assert.equal(clone.body.title, 'Clone of Public');
    assert.equal(clone.body.chat['originalChatId'], shared.body.id);
    assert.equal((await server.request('GET', `/api/v1/chats/${clone.body.id}`, { token: other.token })).status, 200);
    assert.deepEqual(await tagIds(server, other.token), ['topic']);
    // A chat id that is not a share id is not clonable by users.
    const res = await server.request('POST', `/api/v1/chats/${source.id}/clone/shared`, { token: other.token });
    assert.equal(res.status, 401);
    assert.equal(res.body.detail, DEFAULT);
    assert.equal((await server.request('POST', `/api/v1/chats/${shared.body.id}/clone/shared`)).status, 401);
  });
});
