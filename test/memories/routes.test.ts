// The 8 memories routes with no embedding engine configured (memories found by full text): happy
// paths, authentication, ownership, validation, and the chunk store kept in step with the table.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { addMemory, assert422, assertDetail, insertRow, storedChunks, storedMemories, type Memory } from './support.ts';

const BASE = '/api/v1/memories';

describe('memories: routes (full-text search, no embedding engine)', () => {
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

  it('answers 401 on every route but /ef without a token, and for a pending user', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', `${BASE}/`],
      ['POST', `${BASE}/add`, { content: 'x' }],
      ['POST', `${BASE}/query`, { content: 'x' }],
      ['POST', `${BASE}/reset`],
      ['DELETE', `${BASE}/delete/user`],
      ['POST', `${BASE}/some-id/update`, { content: 'x' }],
      ['DELETE', `${BASE}/some-id`],
    ];
    const pending = await addUser(server, admin, 'Pat Pending', 'pending@example.com', 'pending');
    for (const [method, path, body] of routes) {
      const anonymous = await server.request(method, path, { body });
      assert.equal(anonymous.status, 401, `${method} ${path}: ${anonymous.text}`);
      assert.equal(typeof anonymous.body.detail, 'string');
      const refused = await server.request(method, path, { token: pending.token, body });
      assert.equal(refused.status, 401, `${method} ${path} (pending): ${refused.text}`);
    }
    assert.deepEqual(await storedMemories(server, pending.id), [], 'nothing written');
  });

  it('GET /ef needs no token and answers {result: []} without an embedding engine', async () => {
    const res = await server.request('GET', `${BASE}/ef`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { result: [] });
  });

  it('POST /add stores the row and its chunk (metadata {created_at}, no vector)', async () => {
    const before = Math.floor(Date.now() / 1000);
    const memory = await addMemory(server, user, 'My favourite colour is teal');
    assert.deepEqual(Object.keys(memory).sort(), ['content', 'created_at', 'id', 'updated_at', 'user_id']);
    assert.match(memory.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(memory.user_id, user.id);
    assert.equal(memory.content, 'My favourite colour is teal');
    assert.ok(memory.created_at >= before && memory.created_at <= before + 5, 'epoch seconds');
    assert.equal(memory.updated_at, memory.created_at);
    assert.deepEqual((await storedMemories(server, user.id)).find((m) => m.id === memory.id), memory);
    const chunk = (await storedChunks(server, user.id)).get(memory.id);
    assert.ok(chunk, 'indexed in user-memory-{user_id}');
    assert.equal(chunk.text, memory.content);
    assert.deepEqual(chunk.metadata, { created_at: memory.created_at });
    assert.equal(chunk.vector, undefined);
  });

  it('GET / lists only the caller’s memories, oldest first (and on the /api alias)', async () => {
    const mine = await addMemory(server, other, 'Otto likes sailing');
    const list = await server.request<Memory[]>('GET', `${BASE}/`, { token: user.token });
    assert.equal(list.status, 200, list.text);
    assert.ok(list.body.length >= 1);
    assert.ok(list.body.every((m) => m.user_id === user.id), 'no foreign memory listed');
    assert.deepEqual(list.body, await storedMemories(server, user.id));
    const alias = await server.request<Memory[]>('GET', '/api/memories/', { token: other.token });
    assert.equal(alias.status, 200, alias.text);
    assert.deepEqual(alias.body, [mine]);
  });

  it('POST /query finds the best matches by full text, k defaulting to 1, as a SearchResult', async () => {
    const plain = await addMemory(server, user, 'I like pizza');
    const best = await addMemory(server, user, 'My favourite pizza topping is basil and my favourite drink is tea');
    await addMemory(server, user, 'I live in Lisbon');
    const one = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'favourite pizza topping' } });
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(Object.keys(one.body).sort(), ['distances', 'documents', 'ids', 'metadatas']);
    assert.deepEqual(one.body.ids, [[best.id]]);
    assert.deepEqual(one.body.documents, [[best.content]]);
    assert.deepEqual(one.body.metadatas, [[{ created_at: best.created_at }]]);
    assert.equal(one.body.distances[0].length, 1);
    assert.equal(typeof one.body.distances[0][0], 'number');

    const two = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'favourite pizza topping', k: 5 } });
    assert.equal(two.status, 200, two.text);
    assert.deepEqual(two.body.ids[0].slice(0, 2), [best.id, plain.id], 'best first');
    assert.ok(!two.body.documents[0].includes('I live in Lisbon'), 'a memory without the words does not match');
    assert.ok(two.body.distances[0][0] >= two.body.distances[0][1], 'scores: higher is better');

    const nullK = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'pizza', k: null } });
    assert.equal(nullK.status, 200, nullK.text);
    assert.equal(nullK.body.ids[0].length, 1);
    const textK = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'pizza', k: '2' } });
    assert.equal(textK.status, 200, textK.text);
    assert.equal(textK.body.ids[0].length, 2, 'k as a string of digits, as pydantic reads it');
  });

  it('POST /query never returns another user’s memory, and answers 404 to a user without memories', async () => {
    await addMemory(server, other, 'Otto keeps a secret recipe for pizza');
    const res = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'secret recipe Otto', k: 50 } });
    assert.equal(res.status, 200, res.text);
    assert.ok(!res.body.documents[0].some((d: string) => d.includes('Otto')), res.text);
    assertDetail(await server.request('POST', `${BASE}/query`, { token: admin.token, body: { content: 'pizza' } }), 404, 'No memories found for user');
  });

  it('POST /{id}/update changes only the caller’s own memory and its chunk', async () => {
    const memory = await addMemory(server, user, 'I drive a red bicycle');
    const foreign = await server.request('POST', `${BASE}/${memory.id}/update`, { token: other.token, body: { content: 'hijacked' } });
    assertDetail(foreign, 404, 'Memory not found');
    assertDetail(await server.request('POST', `${BASE}/no-such-memory/update`, { token: user.token, body: { content: 'x' } }), 404, 'Memory not found');
    assert.equal((await storedMemories(server, user.id)).find((m) => m.id === memory.id)?.content, 'I drive a red bicycle', 'unchanged');

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const res = await server.request<Memory>('POST', `${BASE}/${memory.id}/update`, { token: user.token, body: { content: 'I drive a green bicycle' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, memory.id);
    assert.equal(res.body.content, 'I drive a green bicycle');
    assert.equal(res.body.created_at, memory.created_at);
    assert.ok(res.body.updated_at > memory.updated_at, 'updated_at moves');
    assert.deepEqual((await storedMemories(server, user.id)).find((m) => m.id === memory.id), res.body);
    const chunk = (await storedChunks(server, user.id)).get(memory.id);
    assert.equal(chunk?.text, 'I drive a green bicycle');
    assert.deepEqual(chunk?.metadata, { created_at: res.body.created_at, updated_at: res.body.updated_at });
    const found = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'green bicycle' } });
    assert.deepEqual(found.body.ids, [[memory.id]]);
  });

  it('POST /{id}/update without content answers the memory unchanged', async () => {
    const memory = await addMemory(server, user, 'I collect stamps');
    for (const body of [{}, { content: null }]) {
      const res = await server.request<Memory>('POST', `${BASE}/${memory.id}/update`, { token: user.token, body });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, memory);
    }
    assert.deepEqual((await storedMemories(server, user.id)).find((m) => m.id === memory.id), memory);
  });

  it('DELETE /{id} removes the caller’s own memory and chunk; another user’s id answers false', async () => {
    const memory = await addMemory(server, user, 'I am allergic to peanuts');
    const foreign = await server.request('DELETE', `${BASE}/${memory.id}`, { token: other.token });
    assert.equal(foreign.status, 200, foreign.text);
    assert.equal(foreign.body, false);
    assert.ok((await storedMemories(server, user.id)).some((m) => m.id === memory.id), 'still there');
    assert.ok((await storedChunks(server, user.id)).has(memory.id), 'chunk still there');

    const missing = await server.request('DELETE', `${BASE}/no-such-memory`, { token: user.token });
    assert.equal(missing.body, false);

    const res = await server.request('DELETE', `${BASE}/${memory.id}`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);
    assert.ok(!(await storedMemories(server, user.id)).some((m) => m.id === memory.id), 'row gone');
    assert.ok(!(await storedChunks(server, user.id)).has(memory.id), 'chunk gone');
    const again = await server.request('DELETE', `${BASE}/${memory.id}`, { token: user.token });
    assert.equal(again.body, false);
  });

  it('POST /reset rebuilds the collection from the rows (metadata {created_at, updated_at})', async () => {
    const { store } = server.services.retrieval;
    await store.deleteCollection(`user-memory-${user.id}`);
    await store.upsert(`user-memory-${user.id}`, [{ id: 'stray', text: 'a chunk with no row', metadata: {} }]);
    const res = await server.request('POST', `${BASE}/reset`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);
    const rows = await storedMemories(server, user.id);
    const chunks = await storedChunks(server, user.id);
    assert.deepEqual([...chunks.keys()].sort(), rows.map((r) => r.id).sort(), 'one chunk per row, the stray one gone');
    for (const row of rows) {
      assert.equal(chunks.get(row.id)?.text, row.content);
      assert.deepEqual(chunks.get(row.id)?.metadata, { created_at: row.created_at, updated_at: row.updated_at });
    }
    const otherChunks = await storedChunks(server, other.id);
    assert.ok(otherChunks.size > 0, 'another user’s collection untouched');
  });

  it('POST /query finds rows the collection lacks (an adopted database) and drops chunks without rows', async () => {
    const fresh = await addUser(server, admin, 'Ada Adopted', 'adopted@example.com', 'user');
    await insertRow(server, fresh.id, 'adopted-1', 'I was born in Oslo', 1_600_000_000);
    await server.services.retrieval.store.upsert(`user-memory-${fresh.id}`, [{ id: 'ghost', text: 'born in a ghost town', metadata: {} }]);
    const res = await server.request('POST', `${BASE}/query`, { token: fresh.token, body: { content: 'where was I born', k: 5 } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.ids, [['adopted-1']]);
    assert.deepEqual(res.body.metadatas, [[{ created_at: 1_600_000_000, updated_at: 1_600_000_000 }]]);
    assert.deepEqual([...(await storedChunks(server, fresh.id)).keys()], ['adopted-1']);
  });

  it('DELETE /delete/user removes every memory of the caller and the collection, no one else’s', async () => {
    const leaver = await addUser(server, admin, 'Lee Leaver', 'leaver@example.com', 'user');
    await addMemory(server, leaver, 'I am leaving');
    await addMemory(server, leaver, 'Goodbye');
    const othersBefore = await storedMemories(server, other.id);
    const res = await server.request('DELETE', `${BASE}/delete/user`, { token: leaver.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body, true);
    assert.deepEqual(await storedMemories(server, leaver.id), []);
    assert.equal(await server.services.retrieval.store.hasCollection(`user-memory-${leaver.id}`), false);
    assert.deepEqual(await storedMemories(server, other.id), othersBefore);
    assert.ok((await storedChunks(server, other.id)).size > 0);
    assertDetail(await server.request('POST', `${BASE}/query`, { token: leaver.token, body: { content: 'leaving' } }), 404, 'No memories found for user');
    const empty = await server.request('DELETE', `${BASE}/delete/user`, { token: leaver.token });
    assert.equal(empty.body, true, 'nothing to delete is still true');
  });

  it('answers 422 with FastAPI details to bad input, and writes nothing', async () => {
    const rowsBefore = await storedMemories(server, user.id);
    const chunksBefore = [...(await storedChunks(server, user.id)).keys()].sort();
    const memory = rowsBefore[0] as Memory;
    const token = user.token;
    assert422(await server.request('POST', `${BASE}/add`, { token, body: {} }), 'missing', ['body', 'content']);
    assert422(await server.request('POST', `${BASE}/add`, { token, body: { content: 42 } }), 'string_type', ['body', 'content']);
    assert422(await server.request('POST', `${BASE}/add`, { token, body: { content: null } }), 'string_type', ['body', 'content']);
    assert422(await server.request('POST', `${BASE}/add`, { token }), 'missing', ['body']);
    assert422(await server.request('POST', `${BASE}/add`, { token, body: { content: 'x'.repeat(100_001) } }), 'string_too_long', ['body', 'content']);
    const malformed = await server.request('POST', `${BASE}/add`, { token, raw: '{"content": ' });
    assert.equal(malformed.status, 422, malformed.text);
    assert.equal(malformed.body.detail[0].type, 'json_invalid');
    assert422(await server.request('POST', `${BASE}/query`, { token, body: { k: 2 } }), 'missing', ['body', 'content']);
    assert422(await server.request('POST', `${BASE}/query`, { token, body: { content: 'pizza', k: 'many' } }), 'int_type', ['body', 'k']);
    assert422(await server.request('POST', `${BASE}/query`, { token, body: { content: 'pizza', k: 1.5 } }), 'int_type', ['body', 'k']);
    assert422(await server.request('POST', `${BASE}/query`, { token, body: { content: 'pizza', k: 0 } }), 'greater_than_equal', ['body', 'k']);
    assert422(await server.request('POST', `${BASE}/${memory.id}/update`, { token, body: { content: ['a'] } }), 'string_type', ['body', 'content']);
    assert422(await server.request('POST', `${BASE}/${memory.id}/update`, { token, body: [] }), 'model_attributes_type', ['body']);
    assert.deepEqual(await storedMemories(server, user.id), rowsBefore, 'no row written');
    assert.deepEqual([...(await storedChunks(server, user.id)).keys()].sort(), chunksBefore, 'no chunk written');
  });
});
