// Chats: sidebar list, create, read, update (shallow merge + title rule), delete one / all.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ACCESS_PROHIBITED, CHAT_KEYS, NOT_FOUND, TITLE_ID_KEYS, clientChat, countChatRows, createChat, setUpdatedAt, type Chat } from './support.ts';

describe('chats: records', () => {
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

  describe('POST /new', () => {
    it('creates a chat and answers 200 with the ChatResponse', async () => {
      const res = await server.request<Chat>('POST', '/api/v1/chats/new', { token: user.token, body: { chat: clientChat('Hi'), folder_id: null } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(Object.keys(res.body).sort(), CHAT_KEYS);
      assert.match(res.body.id, /^[0-9a-f-]{36}$/);
      assert.equal(res.body.user_id, user.id);
      assert.equal(res.body.title, 'Hi');
      assert.equal(res.body.archived, false);
      assert.equal(res.body.pinned, false);
      assert.equal(res.body.share_id, null);
      assert.deepEqual(res.body.meta, {});
      assert.equal(res.body.created_at, res.body.updated_at);
      assert.ok(Math.abs(res.body.created_at - Date.now() / 1000) < 5);
      const read = await server.request<Chat>('GET', `/api/v1/chats/${res.body.id}`, { token: user.token });
      assert.deepEqual(read.body, res.body);
    });

    it('titles a chat without a title "New Chat" and strips null bytes', async () => {
      const chat = await createChat(server, user.token, { models: ['x'], note: 'a\u0000b' });
      assert.equal(chat.title, 'New Chat');
      assert.equal(chat.chat['note'], 'ab');
    });

    it('refuses bad input with 422 and writes nothing', async () => {
      const before = await countChatRows(server);
      for (const body of [{}, { chat: [] }, { chat: 'text' }, { chat: { title: 5 } }, { chat: { title: 'x'.repeat(1001) } }, { chat: {}, folder_id: 3 }]) {
        const res = await server.request('POST', '/api/v1/chats/new', { token: user.token, body });
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.ok(Array.isArray(res.body.detail));
      }
      const malformed = await server.request('POST', '/api/v1/chats/new', { token: user.token, raw: '{"chat": {' });
      assert.equal(malformed.status, 422);
      assert.equal(await countChatRows(server), before);
    });

    it('needs a verified user', async () => {
      assert.equal((await server.request('POST', '/api/v1/chats/new', { body: { chat: {} } })).status, 401);
      const pending = await addUser(server, admin, 'Pete Pending', 'pending@example.com', 'pending');
      const res = await server.request('POST', '/api/v1/chats/new', { token: pending.token, body: { chat: {} } });
      assert.equal(res.status, 401);
      assert.equal(res.body.detail, ACCESS_PROHIBITED);
    });
  });

  describe('GET /{id}', () => {
    it("answers 401 NOT_FOUND for another user's chat, an unknown id and a local: id", async () => {
      const chat = await createChat(server, user.token);
      for (const [token, id] of [[other.token, chat.id], [admin.token, chat.id], [user.token, 'no-such-id'], [user.token, 'local:abc']] as const) {
        const res = await server.request('GET', `/api/v1/chats/${encodeURIComponent(id)}`, { token });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, NOT_FOUND);
      }
      assert.equal((await server.request('GET', `/api/v1/chats/${chat.id}`)).status, 401);
    });
  });

  describe('POST /{id} (update)', () => {
    it('shallow-merges top-level keys and keeps a server-set title the client omits', async () => {
      const chat = await createChat(server, user.token, { ...clientChat('New Chat'), system: 'be brief', params: { temperature: 1 } });
      // The server (title generation) writes the title into the JSON and the column.
      const titled = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: { title: 'Server Title' } } });
      assert.equal(titled.body.title, 'Server Title');
      // The web client's periodic save: no title, new history and params.
      const history = { currentId: 'm2', messages: { m2: { id: 'm2', role: 'assistant', content: 'hi' } } };
      const res = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: { history, params: {} }, folder_id: 'ignored' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.title, 'Server Title');
      assert.equal(res.body.chat['title'], 'Server Title');
      assert.equal(res.body.chat['system'], 'be brief');
      assert.deepEqual(res.body.chat['params'], {});
      assert.deepEqual(res.body.chat['history'], history);
      assert.deepEqual(res.body.chat['models'], ['llama3']);
      assert.equal(res.body.folder_id, null);
      const read = await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token });
      assert.deepEqual(read.body, res.body);
    });

    it('takes the title from the merged JSON and bumps updated_at', async () => {
      const chat = await createChat(server, user.token, clientChat('Old'));
      await setUpdatedAt(server, chat.id, 1000);
      const res = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: { title: 'Renamed' } } });
      assert.equal(res.body.title, 'Renamed');
      assert.ok(res.body.updated_at > 1000);
      assert.equal(res.body.created_at, chat.created_at);
    });

    it('merges any stored keys and values, strips null bytes only where JSON escapes them', async () => {
      const stored = { title: 'Odd', 'a.b': [1, { c: null }], 'quote"key': 'x', flag: true, none: null, n: 1.5, text: 'ünïcode \\u0000 stays' };
      const chat = await createChat(server, user.token, stored);
      const res = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: { n: 2, note: 'a\u0000b', path: 'c:\\u0000\\' } } });
      assert.equal(res.status, 200, res.text);
      const expected = { ...stored, n: 2, note: 'ab', path: 'c:\\u0000\\' };
      assert.deepEqual(res.body.chat, expected);
      assert.equal(res.body.title, 'Odd');
      assert.deepEqual((await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token })).body.chat, expected);
      // An empty save keeps everything; a body Python stored as `null` merges as `{}`.
      assert.deepEqual((await server.request<Chat>('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: {} } })).body.chat, expected);
      await server.services.database.db.updateTable('chat').set({ chat: 'null' }).where('id', '=', chat.id).execute();
      const fromNull = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: { a: 1 } } });
      assert.deepEqual(fromNull.body.chat, { a: 1 });
      assert.equal(fromNull.body.title, 'New Chat');
    });

    it('keeps stored objects the save lacks, and what another writer put in the body', async () => {
      const chat = await createChat(server, user.token, { title: 'T', files: [{ id: 'f1' }], messages: [] });
      const saved = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: { messages: [{ content: 'x' }] } } });
      assert.deepEqual(saved.body.chat, { messages: [{ content: 'x' }], title: 'T', files: [{ id: 'f1' }] });
      // Open WebUI itself (or any other writer) rewrites the body behind the server's back.
      const outside = { title: 'Outside title', system: 'be terse', messages: [] };
      await server.services.database.db.updateTable('chat').set({ chat: JSON.stringify(outside) }).where('id', '=', chat.id).execute();
      const res = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: { messages: [{ content: 'y' }] } } });
      assert.deepEqual(res.body.chat, { messages: [{ content: 'y' }], title: 'Outside title', system: 'be terse' });
      assert.equal(res.body.title, 'Outside title');
    });

    it("refuses another user's chat (401 ACCESS_PROHIBITED) and changes nothing", async () => {
      const chat = await createChat(server, user.token, clientChat('Mine'));
      for (const token of [other.token, admin.token]) {
        const res = await server.request('POST', `/api/v1/chats/${chat.id}`, { token, body: { chat: { title: 'Hacked' } } });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
      const unknown = await server.request('POST', '/api/v1/chats/local:tmp', { token: user.token, body: { chat: { title: 'x' } } });
      assert.equal(unknown.status, 401);
      assert.equal((await server.request('POST', `/api/v1/chats/${chat.id}`, { body: { chat: {} } })).status, 401);
      const read = await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token });
      assert.equal(read.body.title, 'Mine');
    });

    it('refuses bad input with 422 and changes nothing', async () => {
      const chat = await createChat(server, user.token, clientChat('Keep'));
      for (const body of [{ chat: null }, { chat: [1] }, { chat: { title: ['x'] } }, {}]) {
        const res = await server.request('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body });
        assert.equal(res.status, 422, JSON.stringify(body));
      }
      const read = await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token });
      assert.deepEqual(read.body, chat);
    });
  });

  describe('GET / and /list', () => {
    it('lists only id/title/timestamps, newest first, without archived, pinned or foldered chats', async () => {
      const fresh = await addUser(server, admin, 'Lia List', 'list@example.com', 'user');
      const a = await createChat(server, fresh.token, clientChat('A'));
      const b = await createChat(server, fresh.token, clientChat('B'));
      const pinned = await createChat(server, fresh.token, clientChat('P'));
      const archived = await createChat(server, fresh.token, clientChat('Z'));
      await server.request('POST', `/api/v1/chats/${pinned.id}/pin`, { token: fresh.token });
      await server.request('POST', `/api/v1/chats/${archived.id}/archive`, { token: fresh.token });
      await setUpdatedAt(server, a.id, 2000);
      await setUpdatedAt(server, b.id, 1000);
      await setUpdatedAt(server, pinned.id, 3000);
      for (const path of ['/api/v1/chats/', '/api/v1/chats/list', '/api/chats/']) {
        const res = await server.request<{ id: string }[]>('GET', path, { token: fresh.token });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.body, [
          { id: a.id, title: 'A', updated_at: 2000, created_at: a.created_at },
          { id: b.id, title: 'B', updated_at: 1000, created_at: b.created_at },
        ]);
      }
      const withPinned = await server.request<{ id: string }[]>('GET', '/api/v1/chats/?include_pinned=true', { token: fresh.token });
      assert.deepEqual(withPinned.body.map((c) => c.id), [pinned.id, a.id, b.id]);
      assert.deepEqual(Object.keys(withPinned.body[0] ?? {}).sort(), TITLE_ID_KEYS);
    });

    it('pages by 60', async () => {
      const many = await addUser(server, admin, 'Mo Many', 'many@example.com', 'user');
      const ids: string[] = [];
      for (let i = 0; i < 61; i++) {
        const c = await createChat(server, many.token, clientChat(`c${i}`));
        await setUpdatedAt(server, c.id, 10_000 - i);
        ids.push(c.id);
      }
      const page1 = await server.request<{ id: string }[]>('GET', '/api/v1/chats/?page=1', { token: many.token });
      const page2 = await server.request<{ id: string }[]>('GET', '/api/v1/chats/?page=2', { token: many.token });
      assert.deepEqual(page1.body.map((c) => c.id), ids.slice(0, 60));
      assert.deepEqual(page2.body.map((c) => c.id), ids.slice(60));
      assert.equal((await server.request('GET', '/api/v1/chats/', { token: many.token })).body.length, 61);
    });

    it('refuses bad queries and anonymous callers', async () => {
      for (const q of ['page=abc', 'page=0', 'include_pinned=maybe']) {
        assert.equal((await server.request('GET', `/api/v1/chats/?${q}`, { token: user.token })).status, 422, q);
      }
      assert.equal((await server.request('GET', '/api/v1/chats/')).status, 401);
    });
  });

  describe('DELETE /{id}', () => {
    it('deletes the owner\'s chat with its share snapshot and refuses foreign or unknown ids', async () => {
      const chat = await createChat(server, user.token);
      const foreign = await server.request('DELETE', `/api/v1/chats/${chat.id}`, { token: other.token });
      assert.equal(foreign.status, 401);
      assert.equal(foreign.body.detail, NOT_FOUND);
      assert.equal((await server.request('DELETE', '/api/v1/chats/nope', { token: user.token })).status, 401);
      assert.equal((await server.request('DELETE', `/api/v1/chats/${chat.id}`)).status, 401);
      assert.equal((await server.request('GET', `/api/v1/chats/${chat.id}`, { token: user.token })).status, 200);
      const res = await server.request('DELETE', `/api/v1/chats/${chat.id}`, { token: user.token });
      assert.equal(res.status, 200);
      assert.equal(res.body, true);
      assert.equal((await server.request('GET', `/api/v1/chats/${chat.id}`, { token: user.token })).status, 401);
    });

    it('lets an admin delete any chat', async () => {
      const chat = await createChat(server, other.token);
      assert.equal((await server.request('DELETE', `/api/v1/chats/${chat.id}`, { token: admin.token })).body, true);
      assert.equal((await server.request('GET', `/api/v1/chats/${chat.id}`, { token: other.token })).status, 401);
    });

    it('needs chat.delete for users', async () => {
      const chat = await createChat(server, user.token);
      await setChatDelete(server, admin, false);
      try {
        const res = await server.request('DELETE', `/api/v1/chats/${chat.id}`, { token: user.token });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
        const all = await server.request('DELETE', '/api/v1/chats/', { token: user.token });
        assert.equal(all.status, 401);
        assert.equal((await server.request('GET', `/api/v1/chats/${chat.id}`, { token: user.token })).status, 200);
      } finally {
        await setChatDelete(server, admin, true);
      }
    });
  });

  describe('DELETE /', () => {
    it("deletes all of the caller's chats and nobody else's", async () => {
      const mine = await addUser(server, admin, 'Del All', 'delall@example.com', 'user');
      await createChat(server, mine.token);
      await createChat(server, mine.token);
      const kept = await createChat(server, other.token);
      const res = await server.request('DELETE', '/api/v1/chats/', { token: mine.token });
      assert.equal(res.status, 200);
      assert.equal(res.body, true);
      assert.deepEqual((await server.request('GET', '/api/v1/chats/', { token: mine.token })).body, []);
      assert.equal((await server.request('GET', `/api/v1/chats/${kept.id}`, { token: other.token })).status, 200);
      assert.equal((await server.request('DELETE', '/api/v1/chats/')).status, 401);
    });
  });
});

/** Turns the default `chat.delete` user permission on or off. */
async function setChatDelete(server: TestServer, admin: Account, allowed: boolean): Promise<void> {
  const current = await server.request('GET', '/api/v1/users/default/permissions', { token: admin.token });
  if (current.status !== 200) throw new Error(`permissions: ${current.status} ${current.text}`);
  const body = { ...current.body, chat: { ...current.body.chat, delete: allowed } };
  const res = await server.request('POST', '/api/v1/users/default/permissions', { token: admin.token, body });
  if (res.status !== 200) throw new Error(`set permissions: ${res.status} ${res.text}`);
}
