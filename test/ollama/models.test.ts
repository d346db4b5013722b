// /ollama model lists and versions: merged over the nodes, per node, and filtered by model access.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../helpers/server.ts';
import { signup } from '../helpers/server.ts';
import { ACCESS_PROHIBITED, CONNECTION_ERROR, publicRecord, setup, type Setup } from './support.ts';

describe('ollama: model lists', () => {
  let s: Setup;
  before(async () => {
    s = await setup(2, {}, [{ ollamaModels: ['llama3.2:3b', 'qwen2.5:7b'], version: '0.6.5' }, { ollamaModels: ['llama3.2:3b', 'phi4:latest'], version: '0.5.12' }]);
    await publicRecord(s.server, s.admin, 'phi4:latest');
  });
  after(async () => s.close());

  it('merges the nodes: a model on both lists both indexes', async () => {
    const res = await s.server.request('GET', '/ollama/api/tags', { token: s.admin.token });
    assert.equal(res.status, 200, res.text);
    const byName = new Map(res.body.models.map((m: { model: string; urls: number[] }) => [m.model, m.urls]));
    assert.deepEqual(byName.get('llama3.2:3b'), [0, 1]);
    assert.deepEqual(byName.get('qwen2.5:7b'), [0]);
    assert.deepEqual(byName.get('phi4:latest'), [1]);
    assert.equal(res.body.models[0].connection_type, 'local');
  });

  it('shows a user only the models they may use', async () => {
    const res = await s.server.request('GET', '/ollama/api/tags', { token: s.user.token });
    assert.deepEqual(res.body.models.map((m: { model: string }) => m.model), ['phi4:latest']);
    const one = await s.server.request('GET', '/ollama/api/tags/1', { token: s.user.token });
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.body.models.map((m: { model: string }) => m.model), ['phi4:latest']);
    const v1 = await s.server.request('GET', '/ollama/v1/models', { token: s.user.token });
    assert.deepEqual(v1.body.data.map((m: { id: string }) => m.id), ['phi4:latest']);
    assert.equal((await s.server.request('GET', '/ollama/api/tags')).status, 401);
  });

  it('lists one node by index, and refuses an index out of range', async () => {
    const res = await s.server.request('GET', '/ollama/api/tags/0', { token: s.admin.token });
    assert.deepEqual(res.body.models.map((m: { model: string }) => m.model), ['llama3.2:3b', 'qwen2.5:7b']);
    const missing = await s.server.request('GET', '/ollama/api/tags/7', { token: s.admin.token });
    assert.equal(missing.status, 404);
    assert.match(missing.body.detail, /connection 7/);
    assert.equal((await s.server.request('GET', '/ollama/api/tags/-1', { token: s.admin.token })).status, 404);
    assert.equal((await s.server.request('GET', '/ollama/api/tags/abc', { token: s.admin.token })).status, 422);
  });

  it('lists models in the OpenAI shape, merged and per node', async () => {
    const res = await s.server.request('GET', '/ollama/v1/models', { token: s.admin.token });
    assert.equal(res.body.object, 'list');
    assert.equal(res.body.data.length, 3);
    assert.deepEqual(Object.keys(res.body.data[0]).sort(), ['created', 'id', 'object', 'owned_by']);
    assert.equal(res.body.data[0].owned_by, 'openai');
    const one = await s.server.request('GET', '/ollama/v1/models/1', { token: s.admin.token });
    assert.deepEqual(one.body.data.map((m: { id: string }) => m.id), ['llama3.2:3b', 'phi4:latest']);
  });

  it('merges the loaded models (admin only)', async () => {
    const res = await s.server.request('GET', '/ollama/api/ps', { token: s.admin.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.models.map((m: { model: string; urls: number[] }) => [m.model, m.urls]), [['llama3.2:3b', [0, 1]]]);
    const user = await s.server.request('GET', '/ollama/api/ps', { token: s.user.token });
    assert.equal(user.status, 401);
    assert.equal(user.body.detail, ACCESS_PROHIBITED);
  });

  it('answers the lowest version without a token, and one node by index', async () => {
    const res = await s.server.request('GET', '/ollama/api/version');
    assert.deepEqual(res.body, { version: '0.5.12' });
    assert.deepEqual((await s.server.request('GET', '/ollama/api/version/0')).body, { version: '0.6.5' });
    assert.equal((await s.server.request('GET', '/ollama/api/version/2')).status, 404);
  });
});

describe('ollama: versions when nodes are off or unreachable', () => {
  it('is false when the API is disabled, and OLLAMA_NOT_FOUND when no node answers', async () => {
    const off = await startServer({ ENABLE_OPENAI_API: 'false', ENABLE_OLLAMA_API: 'false', OLLAMA_BASE_URLS: 'http://127.0.0.1:1' });
    try {
      assert.deepEqual((await off.request('GET', '/ollama/api/version')).body, { version: false });
      const admin = await signup(off, 'A', 'a@example.com');
      assert.deepEqual((await off.request('GET', '/ollama/api/tags', { token: admin.token })).body, { models: [] });
    } finally {
      await off.close();
    }
    const down = await startServer({ ENABLE_OPENAI_API: 'false', OLLAMA_BASE_URLS: 'http://127.0.0.1:1' });
    try {
      const res = await down.request('GET', '/ollama/api/version');
      assert.equal(res.status, 500);
      assert.equal(res.body.detail, 'WebUI could not connect to Ollama');
      const one = await down.request('GET', '/ollama/api/version/0');
      assert.equal(one.status, 500);
      assert.equal(one.body.detail, CONNECTION_ERROR);
      const admin = await signup(down, 'A', 'a@example.com');
      const tags = await down.request('GET', '/ollama/api/tags/0', { token: admin.token });
      assert.equal(tags.status, 500);
      assert.equal(tags.body.detail, CONNECTION_ERROR);
    } finally {
      await down.close();
    }
  });
});
