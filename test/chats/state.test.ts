// Chats: pin / pinned, archive / archived (one and all), and the whole-chat lists /all, /all/archived.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { CHAT_KEYS, DEFAULT, clientChat, createChat, setUpdatedAt, type Chat } from './support.ts';

describe('chats: pin and archive', () => {
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

  const fresh = async (email: string): Promise<Account> => addUser(server, admin, 'Fresh', email, 'user');

  it('POST /{id}/pin toggles pinned and bumps updated_at; GET /{id}/pinned reads it; GET /pinned lists', async () => {
    const u = await fresh('pin@example.com');
    const chat = await createChat(server, u.token, clientChat('Pin me'));
    const plain = await createChat(server, u.token);
    await setUpdatedAt(server, chat.id, 1000);
    const pinned = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/pin`, { token: u.token });
    assert.equal(pinned.status, 200, pinned.text);
    assert.deepEqual(Object.keys(pinned.body).sort(), CHAT_KEYS);
    assert.equal(pinned.body.pinned, true);
    assert.ok(pinned.body.updated_at > 1000);
    assert.equal((await server.request('GET', `/api/v1/chats/${chat.id}/pinned`, { token: u.token })).body, true);
    const list = await server.request('GET', '/api/v1/chats/pinned', { token: u.token });
    assert.deepEqual(list.body, [{ id: chat.id, title: 'Pin me', updated_at: pinned.body.updated_at, created_at: chat.created_at }]);
    assert.ok(!(await server.request<{ id: string }[]>('GET', '/api/v1/chats/', { token: u.token })).body.some((c) => c.id === chat.id));
    const unpinned = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/pin`, { token: u.token });
    assert.equal(unpinned.body.pinned, false);
    assert.deepEqual((await server.request('GET', '/api/v1/chats/pinned', { token: u.token })).body, []);
    assert.equal((await server.request('GET', `/api/v1/chats/${plain.id}/pinned`, { token: u.token })).body, false);
  });

  it('pinned archived chats are not in /pinned', async () => {
    const u = await fresh('pinarch@example.com');
    const chat = await createChat(server, u.token);
    await server.request('POST', `/api/v1/chats/${chat.id}/pin`, { token: u.token });
    await server.request('POST', `/api/v1/chats/${chat.id}/archive`, { token: u.token });
    assert.deepEqual((await server.request('GET', '/api/v1/chats/pinned', { token: u.token })).body, []);
  });

  it("pin routes refuse other users' and unknown chats with 401 and change nothing", async () => {
    const chat = await createChat(server, user.token);
    for (const [method, path] of [['POST', 'pin'], ['GET', 'pinned'], ['POST', 'archive']] as const) {
      for (const [token, id] of [[other.token, chat.id], [admin.token, chat.id], [user.token, 'nope']] as const) {
        const res = await server.request(method, `/api/v1/chats/${id}/${path}`, { token });
        assert.equal(res.status, 401, `${method} ${path}`);
        assert.equal(res.body.detail, DEFAULT);
      }
      assert.equal((await server.request(method, `/api/v1/chats/${chat.id}/${path}`)).status, 401);
    }
    const read = await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token });
    assert.equal(read.body.pinned, false);
    assert.equal(read.body.archived, false);
    assert.equal((await server.request('GET', '/api/v1/chats/pinned')).status, 401);
  });

  it('POST /{id}/archive toggles archived, clears the folder and bumps updated_at', async () => {
    const u = await fresh('arch@example.com');
    const folder = await server.request('POST', '/api/v1/folders/', { token: u.token, body: { name: 'F' } });
    assert.equal(folder.status, 200, folder.text);
    const chat = await createChat(server, u.token, clientChat('Old'), folder.body.id);
    assert.equal(chat.folder_id, folder.body.id);
    await setUpdatedAt(server, chat.id, 1000);
    const archived = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/archive`, { token: u.token });
    assert.equal(archived.body.archived, true);
    assert.equal(archived.body.folder_id, null);
    assert.ok(archived.body.updated_at > 1000);
    const list = await server.request('GET', '/api/v1/chats/archived', { token: u.token });
    assert.deepEqual(list.body, [{ id: chat.id, title: 'Old', updated_at: archived.body.updated_at, created_at: chat.created_at }]);
    const all = await server.request<Chat[]>('GET', '/api/v1/chats/all/archived', { token: u.token });
    assert.deepEqual(all.body, [archived.body]);
    const back = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/archive`, { token: u.token });
    assert.equal(back.body.archived, false);
    assert.deepEqual((await server.request('GET', '/api/v1/chats/archived', { token: u.token })).body, []);
  });

  it('GET /archived filters by title, orders and pages; refuses bad queries', async () => {
    const u = await fresh('archlist@example.com');
    const made: Chat[] = [];
    for (const [title, ts] of [['Apple pie', 3000], ['Banana', 1000], ['Apple tart', 2000]] as const) {
      const c = await createChat(server, u.token, clientChat(title));
      await server.request('POST', `/api/v1/chats/${c.id}/archive`, { token: u.token });
      await setUpdatedAt(server, c.id, ts);
      made.push(c);
    }
    const ids = async (q: string) => (await server.request<{ id: string }[]>('GET', `/api/v1/chats/archived?${q}`, { token: u.token })).body.map((c) => c.id);
    assert.deepEqual(await ids(''), [made[0]!.id, made[2]!.id, made[1]!.id]);
    assert.deepEqual(await ids('query=APPLE'), [made[0]!.id, made[2]!.id]);
    assert.deepEqual(await ids('order_by=title&direction=asc'), [made[0]!.id, made[2]!.id, made[1]!.id]);
    assert.deepEqual(await ids('order_by=title&direction=desc'), [made[1]!.id, made[2]!.id, made[0]!.id]);
    assert.deepEqual(await ids('page=2'), []);
    for (const q of ['order_by=chat', 'direction=up', 'page=x']) {
      assert.equal((await server.request('GET', `/api/v1/chats/archived?${q}`, { token: u.token })).status, 422, q);
    }
    assert.equal((await server.request('GET', '/api/v1/chats/archived')).status, 401);
  });

  it('POST /archive/all and /unarchive/all flip only the caller\'s chats', async () => {
    const u = await fresh('archall@example.com');
    const a = await createChat(server, u.token);
    const b = await createChat(server, u.token);
    const foreign = await createChat(server, other.token);
    const res = await server.request('POST', '/api/v1/chats/archive/all', { token: u.token });
    assert.equal(res.status, 200);
    assert.equal(res.body, true);
    assert.deepEqual((await server.request('GET', '/api/v1/chats/', { token: u.token })).body, []);
    assert.deepEqual(
      (await server.request<Chat[]>('GET', '/api/v1/chats/all/archived', { token: u.token })).body.map((c) => c.id).sort(),
      [a.id, b.id].sort(),
    );
    assert.equal((await server.request<Chat>('GET', `/api/v1/chats/${foreign.id}`, { token: other.token })).body.archived, false);
    assert.equal((await server.request('POST', '/api/v1/chats/unarchive/all', { token: u.token })).body, true);
    assert.equal((await server.request<Chat[]>('GET', '/api/v1/chats/', { token: u.token })).body.length, 2);
    assert.equal((await server.request('POST', '/api/v1/chats/archive/all')).status, 401);
    assert.equal((await server.request('POST', '/api/v1/chats/unarchive/all')).status, 401);
  });

  it('GET /all returns every chat of the caller (archived, pinned, foldered) with bodies, newest first', async () => {
    const u = await fresh('all@example.com');
    const a = await createChat(server, u.token, clientChat('A'));
    const b = await createChat(server, u.token, clientChat('B'));
    await server.request('POST', `/api/v1/chats/${b.id}/archive`, { token: u.token });
    await setUpdatedAt(server, a.id, 5000);
    await setUpdatedAt(server, b.id, 4000);
    await createChat(server, other.token);
    const res = await server.request<Chat[]>('GET', '/api/v1/chats/all', { token: u.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.map((c) => c.id), [a.id, b.id]);
    assert.deepEqual(Object.keys(res.body[0]!).sort(), CHAT_KEYS);
    assert.equal(res.body[0]!.chat['title'], 'A');
    assert.equal((await server.request('GET', '/api/v1/chats/all')).status, 401);
    assert.equal((await server.request('GET', '/api/v1/chats/all/archived')).status, 401);
  });
});
