// Memories with an embedding engine (a scripted Ollama-style server): vectors stored with each
// memory, the nearest memory first, /ef, and an engine failure that changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { addMemory, assertDetail, DIMENSIONS, FakeEmbedder, insertRow, storedChunks, storedMemories, topicVector, type Memory } from './support.ts';

const BASE = '/api/v1/memories';

describe('memories: with an embedding engine', () => {
  let embedder: FakeEmbedder;
  let server: TestServer;
  let user: Account;
  let admin: Account;

  before(async () => {
    embedder = await new FakeEmbedder().start();
    server = await startServer(embedder.env);
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => {
    await server.close();
    await embedder.stop();
  });

  it('GET /ef embeds "hello world" without a token', async () => {
    embedder.inputs.length = 0;
    const res = await server.request('GET', `${BASE}/ef`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.result.length, DIMENSIONS);
    assert.deepEqual(embedder.inputs, [['hello world']]);
  });

  it('GET /ef answers {result: null} when the engine fails', async () => {
    embedder.failing = true;
    try {
      const res = await server.request('GET', `${BASE}/ef`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, { result: null });
    } finally {
      embedder.failing = false;
    }
  });

  it('POST /add stores the memory’s vector', async () => {
    const memory = await addMemory(server, user, 'My cat is called Tom');
    const chunk = (await storedChunks(server, user.id)).get(memory.id);
    assert.ok(chunk?.vector, 'a vector is stored');
    assert.deepEqual(chunk.vector.map((x) => Math.round(x * 1000) / 1000), topicVector(memory.content).map((x) => Math.round(x * 1000) / 1000));
    assert.deepEqual(chunk.metadata, { created_at: memory.created_at });
  });

  it('POST /query puts the nearest memory first, though it shares no word with the question', async () => {
    await addMemory(server, user, 'I cook pasta every Sunday');
    await addMemory(server, user, 'Next summer I fly to Paris');
    const res = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'any kitten?', k: 3 } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.documents[0].length, 3, 'vector search returns k memories');
    assert.equal(res.body.documents[0][0], 'My cat is called Tom');
    assert.ok(res.body.distances[0][0] > res.body.distances[0][1], 'the nearest scores highest');
    const trip = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'holiday in France' } });
    assert.deepEqual(trip.body.documents, [['Next summer I fly to Paris']]);
  });

  it('POST /{id}/update re-embeds the new content', async () => {
    const memory = await addMemory(server, user, 'I write python code');
    const res = await server.request<Memory>('POST', `${BASE}/${memory.id}/update`, { token: user.token, body: { content: 'I eat pizza for dinner' } });
    assert.equal(res.status, 200, res.text);
    const chunk = (await storedChunks(server, user.id)).get(memory.id);
    assert.deepEqual(chunk?.vector?.map((x) => Math.round(x * 1000) / 1000), topicVector('I eat pizza for dinner').map((x) => Math.round(x * 1000) / 1000));
    const found = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'food' } });
    assert.ok(['I eat pizza for dinner', 'I cook pasta every Sunday'].includes(found.body.documents[0][0]), found.text);
  });

  it('an engine failure answers 500 and writes nothing (add, update, reset, query)', async () => {
    const memory = (await storedMemories(server, user.id))[0] as Memory;
    const rowsBefore = await storedMemories(server, user.id);
    const chunksBefore = await storedChunks(server, user.id);
    embedder.failing = true;
    try {
      const add = await server.request('POST', `${BASE}/add`, { token: user.token, body: { content: 'I own a dog' } });
      assert.equal(add.status, 500, add.text);
      assert.match(add.body.detail, /^\[ERROR: .+\]$/);
      const update = await server.request('POST', `${BASE}/${memory.id}/update`, { token: user.token, body: { content: 'changed' } });
      assert.equal(update.status, 500, update.text);
      const reset = await server.request('POST', `${BASE}/reset`, { token: user.token });
      assert.equal(reset.status, 500, reset.text);
      const query = await server.request('POST', `${BASE}/query`, { token: user.token, body: { content: 'cat' } });
      assert.equal(query.status, 500, query.text);
    } finally {
      embedder.failing = false;
    }
    assert.deepEqual(await storedMemories(server, user.id), rowsBefore, 'no row written');
    const chunksAfter = await storedChunks(server, user.id);
    assert.deepEqual([...chunksAfter.keys()].sort(), [...chunksBefore.keys()].sort(), 'collection kept');
    for (const [id, chunk] of chunksBefore) assert.deepEqual(chunksAfter.get(id)?.text, chunk.text);
  });

  it('POST /reset re-embeds every memory', async () => {
    const rows = await storedMemories(server, user.id);
    embedder.inputs.length = 0;
    const res = await server.request('POST', `${BASE}/reset`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(embedder.inputs.flat().sort(), rows.map((r) => r.content).sort());
    const chunks = await storedChunks(server, user.id);
    for (const row of rows) assert.equal(chunks.get(row.id)?.vector?.length, DIMENSIONS);
  });

  it('POST /query embeds memories that have no vector, or one of another size, before searching', async () => {
    const fresh = admin;
    await insertRow(server, fresh.id, 'no-vector', 'My dog is a beagle');
    await insertRow(server, fresh.id, 'old-model', 'I am planning a trip to Rome');
    await server.services.retrieval.store.upsert(`user-memory-${fresh.id}`, [
      { id: 'no-vector', text: 'My dog is a beagle', metadata: { created_at: 1_700_000_000 } },
      { id: 'old-model', text: 'I am planning a trip to Rome', vector: [0.5, 0.5], metadata: { created_at: 1_700_000_000 } },
    ]);
    const pet = await server.request('POST', `${BASE}/query`, { token: fresh.token, body: { content: 'pet' } });
    assert.equal(pet.status, 200, pet.text);
    assert.deepEqual(pet.body.ids, [['no-vector']]);
    const travel = await server.request('POST', `${BASE}/query`, { token: fresh.token, body: { content: 'travel' } });
    assert.deepEqual(travel.body.ids, [['old-model']]);
    const chunks = await storedChunks(server, fresh.id);
    assert.equal(chunks.get('no-vector')?.vector?.length, DIMENSIONS);
    assert.equal(chunks.get('old-model')?.vector?.length, DIMENSIONS);
  });

  it('POST /query still answers 404 to a user without memories (no engine call needed)', async () => {
    const empty = await addUser(server, admin, 'Nora None', 'none@example.com', 'user');
    assertDetail(await server.request('POST', `${BASE}/query`, { token: empty.token, body: { content: 'cat' } }), 404, 'No memories found for user');
  });
});
