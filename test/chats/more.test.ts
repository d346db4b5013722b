// Chats: folders, import, admin views, message edit/event and usage stats.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { ACCESS_PROHIBITED, DEFAULT, NOT_FOUND, TITLE_ID_KEYS, clientChat, countChatRows, createChat, setUpdatedAt, tagIds, type Chat } from './support.ts';

describe('chats: folders, import, admin, messages, stats', () => {
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
  const folder = async (token: string, name: string, parent?: string): Promise<string> => {
    const res = await server.request('POST', '/api/v1/folders/', { token, body: { name } });
    if (res.status !== 200) throw new Error(res.text);
    if (parent) await server.request('POST', `/api/v1/folders/${res.body.id}/update/parent`, { token, body: { parent_id: parent } });
    return res.body.id;
  };

  describe('folders', () => {
    it('POST /{id}/folder moves the chat, unpins it and bumps updated_at; null moves to the root', async () => {
      const u = await fresh('f1@example.com');
      const f = await folder(u.token, 'Inbox');
      const chat = await createChat(server, u.token);
      await server.request('POST', `/api/v1/chats/${chat.id}/pin`, { token: u.token });
      await setUpdatedAt(server, chat.id, 1000);
      const moved = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/folder`, { token: u.token, body: { folder_id: f } });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.body.folder_id, f);
      assert.equal(moved.body.pinned, false);
      assert.ok(moved.body.updated_at > 1000);
      assert.deepEqual((await server.request('GET', '/api/v1/chats/', { token: u.token })).body, []);
      const back = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/folder`, { token: u.token, body: { folder_id: null } });
      assert.equal(back.body.folder_id, null);
    });

    it("refuses other users' chats and folders, and bad input", async () => {
      const chat = await createChat(server, user.token);
      const foreignFolder = await folder(other.token, 'Theirs');
      for (const [token, id] of [[other.token, chat.id], [admin.token, chat.id], [user.token, 'nope']] as const) {
        const res = await server.request('POST', `/api/v1/chats/${id}/folder`, { token, body: { folder_id: null } });
        assert.equal(res.status, 401);
        assert.equal(res.body.detail, DEFAULT);
      }
      const res = await server.request('POST', `/api/v1/chats/${chat.id}/folder`, { token: user.token, body: { folder_id: foreignFolder } });
      assert.equal(res.status, 404);
      assert.equal(res.body.detail, NOT_FOUND);
      const created = await server.request('POST', '/api/v1/chats/new', { token: user.token, body: { chat: {}, folder_id: foreignFolder } });
      assert.equal(created.status, 404);
      assert.equal((await server.request('POST', `/api/v1/chats/${chat.id}/folder`, { token: user.token, body: { folder_id: 5 } })).status, 422);
      assert.equal((await server.request('POST', `/api/v1/chats/${chat.id}/folder`, { body: {} })).status, 401);
      assert.equal((await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token })).body.folder_id, null);
    });

    it('GET /folder/{id} returns whole chats of the folder and its sub-folders; /list pages by 10', async () => {
      const u = await fresh('f2@example.com');
      const top = await folder(u.token, 'Top');
      const sub = await folder(u.token, 'Sub', top);
      const a = await createChat(server, u.token, clientChat('A'), top);
      const b = await createChat(server, u.token, clientChat('B'), sub);
      const pinned = await createChat(server, u.token, clientChat('P'), top);
      await server.request('POST', `/api/v1/chats/${pinned.id}/pin`, { token: u.token });
      await setUpdatedAt(server, a.id, 2000);
      await setUpdatedAt(server, b.id, 1000);
      const res = await server.request<Chat[]>('GET', `/api/v1/chats/folder/${top}`, { token: u.token });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.map((c) => c.id), [a.id, b.id]);
      assert.equal(res.body[0]!.chat['title'], 'A');
      assert.deepEqual((await server.request('GET', `/api/v1/chats/folder/${top}`, { token: other.token })).body, []);
      for (let i = 0; i < 10; i++) await createChat(server, u.token, clientChat(`x${i}`), top);
      const page1 = await server.request('GET', `/api/v1/chats/folder/${top}/list`, { token: u.token });
      assert.equal(page1.body.length, 10);
      assert.deepEqual(Object.keys(page1.body[0]).sort(), ['id', 'title', 'updated_at']);
      const page2 = await server.request('GET', `/api/v1/chats/folder/${top}/list?page=2`, { token: u.token });
      assert.deepEqual(page2.body.map((c: { id: string }) => c.id), [a.id]);
      assert.equal((await server.request('GET', `/api/v1/chats/folder/${top}/list?page=x`, { token: u.token })).status, 422);
      assert.equal((await server.request('GET', `/api/v1/chats/folder/${top}/list`)).status, 401);
      assert.equal((await server.request('GET', `/api/v1/chats/folder/${top}`)).status, 401);
    });
  });

  describe('POST /import', () => {
    it('imports with new ids, keeping meta, pinned, timestamps; creates tag rows', async () => {
      const u = await fresh('imp@example.com');
      const own = await folder(u.token, 'Mine');
      const body = {
        chats: [
          { chat: clientChat('Imported one'), meta: { tags: ['old_tag'] }, pinned: true, created_at: 1_600_000_000, updated_at: 1_600_000_100, folder_id: own },
          { chat: { title: 'Second' }, folder_id: 'folder-of-another-instance' },
        ],
      };
      const res = await server.request<Chat[]>('POST', '/api/v1/chats/import', { token: u.token, body });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.length, 2);
      const [one, two] = res.body;
      assert.equal(one!.title, 'Imported one');
      assert.deepEqual(one!.meta, { tags: ['old_tag'] });
      assert.equal(one!.pinned, true);
      assert.equal(one!.created_at, 1_600_000_000);
      assert.equal(one!.updated_at, 1_600_000_100);
      assert.equal(one!.folder_id, own);
      assert.equal(two!.folder_id, null);
      assert.deepEqual(two!.meta, {});
      assert.equal((await server.request('GET', `/api/v1/chats/${one!.id}`, { token: u.token })).status, 200);
      assert.deepEqual(await tagIds(server, u.token), ['old_tag']);
    });

    it('refuses files that are not Open WebUI exports, all or nothing', async () => {
      const before = await countChatRows(server);
      for (const body of [[], { chats: {} }, { chats: [{ chat: {} }, { title: 'no chat key' }] }, { chats: [{ chat: {}, created_at: 'yesterday' }] }]) {
        assert.equal((await server.request('POST', '/api/v1/chats/import', { token: user.token, body })).status, 422, JSON.stringify(body));
      }
      assert.equal(await countChatRows(server), before);
      assert.equal((await server.request('POST', '/api/v1/chats/import', { body: { chats: [] } })).status, 401);
    });
  });

  describe('admin views', () => {
    it('GET /all/db returns every chat to admins only', async () => {
      const chat = await createChat(server, other.token, clientChat('Someone'));
      const res = await server.request<Chat[]>('GET', '/api/v1/chats/all/db', { token: admin.token });
      assert.equal(res.status, 200);
      assert.ok(res.body.some((c) => c.id === chat.id && c.chat['title'] === 'Someone'));
      const denied = await server.request('GET', '/api/v1/chats/all/db', { token: user.token });
      assert.equal(denied.status, 401);
      assert.equal(denied.body.detail, ACCESS_PROHIBITED);
      assert.equal((await server.request('GET', '/api/v1/chats/all/db')).status, 401);
    });

    it("GET /list/user/{id} lists a user's chats, archived included, to admins", async () => {
      const u = await fresh('admlist@example.com');
      const a = await createChat(server, u.token, clientChat('Live'));
      const b = await createChat(server, u.token, clientChat('Gone'));
      await server.request('POST', `/api/v1/chats/${b.id}/archive`, { token: u.token });
      await setUpdatedAt(server, a.id, 2000);
      await setUpdatedAt(server, b.id, 1000);
      const res = await server.request<{ id: string }[]>('GET', `/api/v1/chats/list/user/${u.id}`, { token: admin.token });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.map((c) => c.id), [a.id, b.id]);
      assert.deepEqual(Object.keys(res.body[0]!).sort(), TITLE_ID_KEYS);
      assert.deepEqual((await server.request<{ id: string }[]>('GET', `/api/v1/chats/list/user/${u.id}?query=gone`, { token: admin.token })).body.map((c) => c.id), [b.id]);
      assert.equal((await server.request('GET', `/api/v1/chats/list/user/${u.id}`, { token: user.token })).status, 401);
      assert.equal((await server.request('GET', `/api/v1/chats/list/user/${u.id}?page=-1`, { token: admin.token })).status, 422);
    });

    it('both are closed when ENABLE_ADMIN_EXPORT / ENABLE_ADMIN_CHAT_ACCESS are off', async () => {
      const locked = await startServer({ ENABLE_ADMIN_EXPORT: 'false', ENABLE_ADMIN_CHAT_ACCESS: 'false' });
      try {
        const { admin: a, user: u } = await adminAndUser(locked);
        const c = await createChat(locked, u.token);
        for (const path of ['/api/v1/chats/all/db', `/api/v1/chats/list/user/${u.id}`]) {
          const res = await locked.request('GET', path, { token: a.token });
          assert.equal(res.status, 401, path);
          assert.equal(res.body.detail, ACCESS_PROHIBITED);
        }
        const edit = await locked.request('POST', `/api/v1/chats/${c.id}/messages/m1`, { token: a.token, body: { content: 'x' } });
        assert.equal(edit.status, 401);
      } finally {
        await locked.close();
      }
    });
  });

  describe('messages', () => {
    it('POST /{id}/messages/{mid} upserts the content and moves history.currentId', async () => {
      const chat = await createChat(server, user.token, { ...clientChat('Msgs'), history: { currentId: 'm1', messages: { m1: { id: 'm1', role: 'user', content: 'old', parentId: null } } } });
      const res = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/messages/m1`, { token: user.token, body: { content: 'edited' } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.chat['history']['messages']['m1'], { id: 'm1', role: 'user', content: 'edited', parentId: null });
      const added = await server.request<Chat>('POST', `/api/v1/chats/${chat.id}/messages/m9`, { token: user.token, body: { content: 'new one' } });
      assert.deepEqual(added.body.chat['history']['messages']['m9'], { content: 'new one' });
      assert.equal(added.body.chat['history']['currentId'], 'm9');
      assert.equal(added.body.title, 'Msgs');
      const read = await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token });
      assert.equal(read.body.chat['history']['currentId'], 'm9');
      // An admin (ENABLE_ADMIN_CHAT_ACCESS) may edit too.
      assert.equal((await server.request('POST', `/api/v1/chats/${chat.id}/messages/m1`, { token: admin.token, body: { content: 'mod' } })).status, 200);
    });

    it("refuses other users' and unknown chats and bad input", async () => {
      const chat = await createChat(server, user.token);
      for (const path of ['messages/m1', 'messages/m1/event']) {
        const body = path.endsWith('event') ? { type: 'status', data: {} } : { content: 'hack' };
        for (const [token, id] of [[other.token, chat.id], [user.token, 'nope']] as const) {
          const res = await server.request('POST', `/api/v1/chats/${id}/${path}`, { token, body });
          assert.equal(res.status, 401, path);
          assert.equal(res.body.detail, ACCESS_PROHIBITED);
        }
        assert.equal((await server.request('POST', `/api/v1/chats/${chat.id}/${path}`, { body })).status, 401);
        assert.equal((await server.request('POST', `/api/v1/chats/${chat.id}/${path}`, { token: user.token, body: {} })).status, 422);
      }
      assert.equal((await server.request<Chat>('GET', `/api/v1/chats/${chat.id}`, { token: user.token })).body.chat['history']['messages']['m1'].content, 'hello there');
    });

    it('POST /{id}/messages/{mid}/event answers false while there is no realtime layer', async () => {
      const chat = await createChat(server, user.token);
      const res = await server.request('POST', `/api/v1/chats/${chat.id}/messages/m1/event`, { token: user.token, body: { type: 'status', data: { done: true } } });
      assert.equal(res.status, 200);
      assert.equal(res.body, false);
    });
  });

  describe('GET /stats/usage', () => {
    it('reports per-chat message statistics, skipping chats without history', async () => {
      const u = await fresh('stats@example.com');
      const messages = {
        u1: { id: 'u1', parentId: null, role: 'user', content: 'abcd', timestamp: 100 },
        a1: { id: 'a1', parentId: 'u1', role: 'assistant', content: 'ab', model: 'llama3', timestamp: 103 },
        a2: { id: 'a2', parentId: 'u1', role: 'assistant', content: 'abcdef', model: 'qwen', timestamp: 107 },
      };
      const chat = await createChat(server, u.token, { title: 'S', history: { currentId: 'a2', messages } });
      await server.request('POST', `/api/v1/chats/${chat.id}/tags`, { token: u.token, body: { name: 'x' } });
      await createChat(server, u.token, { title: 'no history' });
      const res = await server.request('GET', '/api/v1/chats/stats/usage', { token: u.token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.total, 2);
      assert.deepEqual(res.body.items, [
        {
          id: chat.id,
          models: { qwen: 1 },
          message_count: 2,
          history_models: { llama3: 1, qwen: 1 },
          history_message_count: 3,
          history_user_message_count: 1,
          history_assistant_message_count: 2,
          average_response_time: 5,
          average_user_message_content_length: 4,
          average_assistant_message_content_length: 4,
          tags: ['x'],
          last_message_at: 107,
          updated_at: res.body.items[0].updated_at,
          created_at: chat.created_at,
        },
      ]);
      assert.equal((await server.request('GET', '/api/v1/chats/stats/usage?items_per_page=1&page=2', { token: u.token })).body.total, 2);
      assert.equal((await server.request('GET', '/api/v1/chats/stats/usage?page=zero', { token: u.token })).status, 422);
      assert.equal((await server.request('GET', '/api/v1/chats/stats/usage')).status, 401);
    });
  });
});
