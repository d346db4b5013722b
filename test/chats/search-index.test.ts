// The message-text index behind GET /search (migration 0003): it follows every save, chats written
// behind the server's back are found from their bodies until the background sweep catches up, common
// and rare needles give the same answers as a plain scan, and lost triggers are repaired on start.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { signup, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { createChat, type Chat } from './support.ts';

/** A chat JSON with one message per text, as the web client stores it (history + messages list). */
function conversation(title: string, texts: readonly string[]): Record<string, unknown> {
  const messages = texts.map((content, i) => ({ id: `m${i}`, parentId: i ? `m${i - 1}` : null, childrenIds: i + 1 < texts.length ? [`m${i + 1}`] : [], role: i % 2 ? 'assistant' : 'user', content, timestamp: 1_700_000_000 + i }));
  const history = { currentId: messages.at(-1)?.id ?? null, messages: Object.fromEntries(messages.map((m) => [m.id, m])) };
  return { id: '', title, models: ['llama3'], params: {}, history, messages, tags: [], timestamp: 1_700_000_000_000 };
}

describe('chats: search index', () => {
  let server: TestServer;
  let user: Account;

  const search = async (text: string): Promise<string[]> => {
    const res = await server.request<{ title: string }[]>('GET', `/api/v1/chats/search?text=${encodeURIComponent(text)}`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    return res.body.map((c) => c.title);
  };
  const save = async (chat: Chat, body: Record<string, unknown>) => {
    const res = await server.request('POST', `/api/v1/chats/${chat.id}`, { token: user.token, body: { chat: body } });
    assert.equal(res.status, 200, res.text);
  };
  const db = () => server.services.database.db;
  const pendingIds = async () => (await db().selectFrom('owui_ts_chat_index_pending').select('chat_id').execute()).map((r) => r.chat_id);
  const chunkRows = async (chatId: string) =>
    db().selectFrom('owui_ts_chat_search_chunk').select(['position', 'digest']).where('chat_id', '=', chatId).orderBy('position').execute();

  before(async () => {
    server = await startServer();
    user = await signup(server, 'Ada', 'ada@example.com');
  });
  after(async () => {
    await server.close();
  });

  it('follows saves: new words are found, replaced and dropped ones are not', async () => {
    const chat = await createChat(server, user.token, conversation('Trip', ['plan a trip to lisbon', 'sure, lisbon in may']));
    assert.deepEqual(await pendingIds(), [], 'writes through the API index at once');
    assert.deepEqual(await search('lisbon'), ['Trip']);
    await save(chat, conversation('Trip', ['plan a trip to porto']));
    assert.deepEqual(await search('lisbon'), []);
    assert.deepEqual(await search('porto'), ['Trip']);
    assert.equal((await chunkRows(chat.id)).length, 1);
    await save(chat, { messages: [] });
    assert.deepEqual(await search('porto'), []);
    assert.equal((await chunkRows(chat.id)).length, 0);
  });

  it('a long history is chunked, and an appended message rewrites only the last chunk', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `message number ${i} ${'filler '.repeat(40)}`);
    const chat = await createChat(server, user.token, conversation('Long', texts));
    const before = await chunkRows(chat.id);
    assert.ok(before.length > 3, `${before.length} chunks`);
    await save(chat, conversation('Long', [...texts, 'the appended xylophone answer']));
    const afterAppend = await chunkRows(chat.id);
    assert.deepEqual(afterAppend.slice(0, -1), before.slice(0, -1));
    assert.deepEqual(await search('xylophone'), ['Long']);
    assert.deepEqual(await search('message number 7 '), ['Long']);
  });

  it('never matches across two messages, and takes wildcards and quotes literally', async () => {
    await createChat(server, user.token, conversation('Split', ['ends with apple', 'pie starts here', 'a 50% "quoted" under_score']));
    assert.deepEqual(await search('apple pie'), []);
    assert.deepEqual(await search('apple'), ['Split']);
    assert.deepEqual(await search('50% "quoted"'), ['Split']);
    assert.deepEqual(await search('under_score'), ['Split']);
    assert.deepEqual(await search('under%score'), []);
    assert.deepEqual(await search('pi'), ['Split'], 'needles under three characters still work');
  });

  it('finds chats written behind its back from their bodies, then indexes them in the background', async () => {
    const chat = await createChat(server, user.token, conversation('Outside', ['original wording']));
    // What Open WebUI itself (or any other writer) does: rewrite the body in SQL.
    await db()
      .updateTable('chat')
      .set({ chat: JSON.stringify(conversation('Outside', ['rewritten by python'])) })
      .where('id', '=', chat.id)
      .execute();
    assert.deepEqual(await pendingIds(), [chat.id]);
    assert.deepEqual(await search('python'), ['Outside']);
    assert.deepEqual(await search('original'), [], 'stale chunks of a pending chat are not trusted');
    await server.services.chatIndex.sweepAll();
    assert.deepEqual(await pendingIds(), []);
    assert.deepEqual(await search('python'), ['Outside']);
    assert.deepEqual(await search('original'), []);

    await db().deleteFrom('chat').where('id', '=', chat.id).execute();
    assert.deepEqual(await pendingIds(), [chat.id]);
    await server.services.chatIndex.sweepAll();
    assert.equal((await chunkRows(chat.id)).length, 0, 'a deleted chat leaves no chunks');
  });

  it('share snapshots are not indexed', async () => {
    const chat = await createChat(server, user.token, conversation('Shared', ['shared words']));
    const res = await server.request('POST', `/api/v1/chats/${chat.id}/share`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(await pendingIds(), []);
    assert.equal((await chunkRows(res.body.id)).length, 0);
  });

  it('common and rare needles give the same answers as a scan, newest first', async () => {
    // More chunks hold "banana" than the index lookup takes, so that search walks the chats instead.
    const imported = Array.from({ length: 300 }, (_, i) => ({
      chat: conversation(`Fruit ${i}`, [`banana number ${i}`, i === 123 ? 'a kiwifruit too' : 'nothing else']),
      created_at: 1_000 + i,
      updated_at: 1_000 + i,
    }));
    const res = await server.request('POST', '/api/v1/chats/import', { token: user.token, body: { chats: imported } });
    assert.equal(res.status, 200, res.text);
    const expected = Array.from({ length: 60 }, (_, i) => `Fruit ${299 - i}`);
    assert.deepEqual(await search('banana'), expected);
    const page2 = await server.request<{ title: string }[]>('GET', '/api/v1/chats/search?text=banana&page=2', { token: user.token });
    assert.deepEqual(page2.body.map((c) => c.title), Array.from({ length: 60 }, (_, i) => `Fruit ${239 - i}`));
    assert.deepEqual(await search('kiwifruit'), ['Fruit 123']);
    assert.deepEqual(await search('banana number 123'), ['Fruit 123']);
  });

  it('recreates lost triggers on start and indexes every chat again', async () => {
    const keep = await startServer({}, { keepData: true });
    try {
      const owner = await signup(keep, 'Bo', 'bo@example.com');
      await createChat(keep, owner.token, conversation('Kept', ['triggers matter']));
      const { db: keptDb, dialect } = keep.services.database;
      // Open WebUI's SQLite migrations rebuild tables by copy-and-rename, which drops triggers.
      if (dialect === 'postgres') await sql`drop trigger owui_ts_chat_index_mark on chat`.execute(keptDb);
      else for (const kind of ['insert', 'update', 'delete']) await sql.raw(`drop trigger owui_ts_chat_index_mark_${kind}`).execute(keptDb);
      await keptDb.deleteFrom('owui_ts_chat_search_chunk').execute();
    } finally {
      await keep.close();
    }
    const restarted = await startServer(keep.env);
    try {
      const { db: restartedDb } = restarted.services.database;
      const caughtUp = async () => {
        const chunks = await restartedDb.selectFrom('owui_ts_chat_search_chunk').select('chat_id').execute();
        const pending = await restartedDb.selectFrom('owui_ts_chat_index_pending').select('chat_id').execute();
        return chunks.length === 1 && pending.length === 0;
      };
      for (let i = 0; i < 100 && !(await caughtUp()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(await caughtUp(), 'the background sweep indexed the chat again');
      await restartedDb.updateTable('chat').set({ chat: JSON.stringify(conversation('Kept', ['outside write'])) }).execute();
      assert.equal((await restartedDb.selectFrom('owui_ts_chat_index_pending').select('chat_id').execute()).length, 1, 'the triggers mark writes again');
    } finally {
      await restarted.close();
    }
  });
});
