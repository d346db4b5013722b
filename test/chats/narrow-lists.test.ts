// The chat lists must never read chat bodies (they can be megabytes): the SQL of the list queries
// selects only narrow columns, and free-text search reads a body only for a chat whose index is not
// caught up yet (written behind the server's back).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createQueryId, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { startServer, signup, type TestServer } from '../helpers/server.ts';
import { ChatsStore, type ChatSearch } from '../../src/stores/chats.ts';
import { clientChat, createChat } from './support.ts';

describe('chats: list queries stay narrow', () => {
  let server: TestServer;
  let userId: string;
  let store: ChatsStore;
  let seen: RootOperationNode[] = [];

  before(async () => {
    server = await startServer();
    const user = await signup(server, 'Ada', 'ada@example.com');
    userId = user.id;
    await createChat(server, user.token, clientChat('Body holder', 'x'.repeat(100_000)));
    const base = server.services.database;
    const recorder: KyselyPlugin = {
      transformQuery: ({ node }) => {
        seen.push(node);
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    store = new ChatsStore({ ...base, db: base.db.withPlugin(recorder) }, server.services.chatIndex);
  });
  after(async () => {
    await server.close();
  });

  /** SQL of the queries `run` issued. */
  const sqlOf = async (run: () => Promise<unknown>): Promise<string[]> => {
    seen = [];
    await run();
    return seen.map((node) => server.services.database.db.getExecutor().compileQuery(node, createQueryId()).sql);
  };
  const search = (text: string): ChatSearch => ({ text, tagIds: ['t'], folderIds: undefined, pinned: undefined, archived: undefined, shared: undefined, skip: 0, limit: 60 });
  const readsBody = (sql: string): boolean => /select \*|"chat"\.\*|"chat"\s*(,|from)|chat\.chat/i.test(sql);

  it('list, pinned, archived, tag lists and filter-only search never mention the body column', async () => {
    const queries = [
      ...(await sqlOf(() => store.listTitles(userId, { limit: 60 }))),
      ...(await sqlOf(() => store.listPinned(userId))),
      ...(await sqlOf(() => store.listArchived(userId, { skip: 0, limit: 60, query: 'a' }))),
      ...(await sqlOf(() => store.listTitlesWithTag(userId, 't'))),
      ...(await sqlOf(() => store.listFolderPage(userId, 'f', 0, 10))),
      ...(await sqlOf(() => store.search(userId, search('')))),
    ];
    assert.equal(queries.length, 6);
    for (const sql of queries) assert.ok(!readsBody(sql), sql);
  });

  it('free-text search reads a body only for chats pending in the index', async () => {
    const queries = await sqlOf(() => store.search(userId, search('hello')));
    // First the index probes (how common the needle is), then the search itself.
    const sql = queries.pop();
    assert.ok(queries.length > 0);
    for (const probe of queries) assert.ok(!readsBody(probe), probe);
    assert.match(sql ?? '', /^select "id", "title", "updated_at", "created_at" from "chat"/);
    const bodyTests = [...(sql ?? '').matchAll(/chat\.chat/g)].length;
    assert.ok(bodyTests > 0, 'pending chats are still searched through their bodies');
    assert.match(sql ?? '', /in \(select chat_id from owui_ts_chat_index_pending\) and \(chat\.chat/, 'only behind the pending test');
  });
});
