// Generate, embed, embeddings and show: routing, access and error texts.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CONNECTION_ERROR, hits, ndjson, publicRecord, setup, type Setup } from './support.ts';

describe('ollama: generate, embeddings, show', () => {
  let s: Setup;
  before(async () => {
    s = await setup(1, {}, [{ ollamaModels: ['llama3.2:3b', 'nomic:latest'] }]);
    await publicRecord(s.server, s.admin, 'nomic:latest');
  });
  beforeEach(() => s.nodes[0]!.reset());
  after(async () => s.close());

  it('streams a generation by default, JSON when asked', async () => {
    const res = await s.server.request('POST', '/ollama/api/generate', { token: s.admin.token, body: { model: 'llama3.2:3b', prompt: 'Hi' } });
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type') ?? '', /x-ndjson/);
    assert.equal(ndjson(res.text).map((l) => l['response']).join(''), 'tok0 tok1 tok2 tok3 tok4 ');
    const json = await s.server.request('POST', '/ollama/api/generate/0', { token: s.admin.token, body: { model: 'llama3.2:3b', prompt: 'Hi', stream: false } });
    assert.equal(json.body.response, 'tok0 tok1 tok2 tok3 tok4 ');
    const sent = hits(s.nodes[0]!, 'POST', '/api/generate')[0]?.body as Record<string, unknown>;
    assert.deepEqual(sent, { model: 'llama3.2:3b', prompt: 'Hi', stream: true });
  });

  it('refuses bad input (422), unknown models (400) and models the user may not use (403)', async () => {
    assert.equal((await s.server.request('POST', '/ollama/api/generate', { token: s.admin.token, body: { model: 'llama3.2:3b' } })).status, 422);
    const unknown = await s.server.request('POST', '/ollama/api/generate', { token: s.admin.token, body: { model: 'ghost', prompt: 'x' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.detail, "Model 'ghost' was not found");
    const denied = await s.server.request('POST', '/ollama/api/generate', { token: s.user.token, body: { model: 'llama3.2:3b', prompt: 'x' } });
    assert.equal(denied.status, 403);
  });

  it('embeds with the name as the user knows it (":latest" optional)', async () => {
    const res = await s.server.request('POST', '/ollama/api/embed', { token: s.user.token, body: { model: 'nomic', input: ['a', 'b'] } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.embeddings.length, 2);
    const legacy = await s.server.request('POST', '/ollama/api/embeddings/0', { token: s.user.token, body: { model: 'nomic:latest', prompt: 'a' } });
    assert.equal(legacy.status, 200, legacy.text);
    assert.equal(legacy.body.embedding.length, 8);
  });

  it('words upstream errors as "Ollama: <error>" on these routes', async () => {
    s.nodes[0]!.script.failWith = { status: 404, body: { error: 'model not loaded' } };
    const res = await s.server.request('POST', '/ollama/api/embed', { token: s.admin.token, body: { model: 'nomic', input: 'a' } });
    assert.equal(res.status, 404);
    assert.equal(res.body.detail, 'Ollama: model not loaded');
  });

  it('shows a model by its exact name', async () => {
    const res = await s.server.request('POST', '/ollama/api/show', { token: s.admin.token, body: { name: 'llama3.2:3b' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.modelfile, 'FROM llama3.2:3b');
    const untagged = await s.server.request('POST', '/ollama/api/show', { token: s.admin.token, body: { model: 'nomic' } });
    assert.equal(untagged.status, 400);
    assert.equal(untagged.body.detail, "Model 'nomic' was not found");
  });
});

describe('ollama: a node that cannot be reached', () => {
  it('answers the connection error on request-style routes and "Ollama: <e>" on the others', async () => {
    const s = await setup(1);
    try {
      await s.server.request('GET', '/ollama/api/tags', { token: s.admin.token }); // the model is known
      await s.nodes[0]!.close();
      const embed = await s.server.request('POST', '/ollama/api/embed/0', { token: s.admin.token, body: { model: 'llama3.2:3b', input: 'a' } });
      assert.equal(embed.status, 500);
      assert.equal(embed.body.detail, CONNECTION_ERROR);
      const generate = await s.server.request('POST', '/ollama/api/generate/0', { token: s.admin.token, body: { model: 'llama3.2:3b', prompt: 'a' } });
      assert.equal(generate.status, 500);
      assert.match(generate.body.detail, /^Ollama: /);
    } finally {
      await s.close();
    }
  });
});
