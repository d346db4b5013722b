// The model catalogue: GET /api/models (and /api/v1/models), /api/models/base, embeddings and the
// model pull, against real mock Ollama and OpenAI upstreams.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { createModel, form } from '../models/support.ts';

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((m) => m.id);

describe('catalogue: /api/models', () => {
  let ollamaA: MockUpstream;
  let ollamaB: MockUpstream;
  let openai: MockUpstream;
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    ollamaA = await startMockUpstream({ ollamaModels: ['llama3.2:3b', 'qwen2.5:7b'] });
    ollamaB = await startMockUpstream({ ollamaModels: ['llama3.2:3b', 'phi4:14b'] });
    openai = await startMockUpstream({ openaiModels: ['gpt-4o', 'gpt-4o-mini'] });
    server = await startServer({
      OLLAMA_BASE_URLS: `${ollamaA.url};${ollamaB.url}`,
      OLLAMA_API_CONFIGS: JSON.stringify({ '1': { tags: [{ name: 'gpu' }] } }),
      OPENAI_API_BASE_URLS: `${openai.url}/v1`,
      OPENAI_API_KEYS: 'sk-upstream',
      MODELS_CACHE_TTL: '0',
    });
    ({ admin, user } = await adminAndUser(server));
  });
  after(async () => {
    await server.close();
    await Promise.all([ollamaA.close(), ollamaB.close(), openai.close()]);
  });

  it('merges every provider for an admin: OpenAI first, a model on two Ollama nodes once with both urls', async () => {
    const res = await server.request('GET', '/api/models', { token: admin.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(ids(res), ['gpt-4o', 'gpt-4o-mini', 'llama3.2:3b', 'qwen2.5:7b', 'phi4:14b', 'arena-model']);
    const llama = res.body.data.find((m: { id: string }) => m.id === 'llama3.2:3b');
    assert.equal(llama.owned_by, 'ollama');
    assert.deepEqual(llama.ollama.urls, [0, 1]);
    assert.equal(llama.connection_type, 'local');
    assert.deepEqual(res.body.data.find((m: { id: string }) => m.id === 'phi4:14b').tags, [{ name: 'gpu' }]);
    const gpt = res.body.data.find((m: { id: string }) => m.id === 'gpt-4o');
    assert.equal(gpt.owned_by, 'openai');
    assert.equal(gpt.urlIdx, 0);
    assert.equal(gpt.connection_type, 'external');
    assert.deepEqual(gpt.actions, []);
    // The upstream saw our key on its list call.
    assert.equal(openai.requests.find((r) => r.path === '/v1/models')?.headers['authorization'], 'Bearer sk-upstream');
    assert.deepEqual(ids(await server.request('GET', '/api/v1/models', { token: admin.token })), ids(res));
  });

  it('shows a user only models with a record they may read; presets layer on their base model', async () => {
    assert.deepEqual(ids(await server.request('GET', '/api/models', { token: user.token })), []);
    await createModel(server, admin, { id: 'gpt-4o', base_model_id: null, name: 'GPT-4o (team)', meta: { description: 'shared', tags: [{ name: 'fast' }] }, params: {}, access_control: null });
    await createModel(server, admin, form('helper', { base_model_id: 'qwen2.5:7b', name: 'Helper', access_control: null }));
    await createModel(server, admin, form('secret', { base_model_id: 'qwen2.5:7b', name: 'Secret' }));
    const res = await server.request('GET', '/api/models', { token: user.token });
    assert.deepEqual(ids(res).sort(), ['gpt-4o', 'helper']);
    const gpt = res.body.data.find((m: { id: string }) => m.id === 'gpt-4o');
    assert.equal(gpt.name, 'GPT-4o (team)');
    assert.equal(gpt.info.meta.description, 'shared');
    assert.equal(gpt.info.params, undefined);
    assert.deepEqual(gpt.tags, [{ name: 'fast' }]);
    const helper = res.body.data.find((m: { id: string }) => m.id === 'helper');
    assert.equal(helper.preset, true);
    assert.equal(helper.owned_by, 'ollama');
    assert.equal(helper.info.meta.profile_image_url, undefined, 'profile images are left out of the list');
  });

  it('hides a provider model whose record is inactive, and follows MODEL_ORDER_LIST', async () => {
    await createModel(server, admin, { id: 'phi4:14b', base_model_id: null, name: 'Phi', meta: {}, params: {}, access_control: null, is_active: false });
    await server.request('POST', '/api/v1/configs/models', { token: admin.token, body: { DEFAULT_MODELS: null, DEFAULT_PINNED_MODELS: null, MODEL_ORDER_LIST: ['qwen2.5:7b', 'gpt-4o-mini'] } });
    const listed = ids(await server.request('GET', '/api/models', { token: admin.token }));
    assert.ok(!listed.includes('phi4:14b'));
    assert.deepEqual(listed.slice(0, 2), ['qwen2.5:7b', 'gpt-4o-mini']);
  });

  it('reports every connection live in /api/system/status', async () => {
    const res = await server.request('GET', '/api/system/status', { token: admin.token });
    assert.deepEqual(res.body.upstreams, [
      { url: ollamaA.url, ok: true },
      { url: ollamaB.url, ok: true },
      { url: `${openai.url}/v1`, ok: true },
    ]);
  });

  it('lists provider models raw for admins at /api/models/base', async () => {
    const res = await server.request('GET', '/api/models/base', { token: admin.token });
    assert.equal(res.status, 200);
    assert.ok(ids(res).includes('phi4:14b'), 'records do not apply here');
    assert.equal((await server.request('GET', '/api/models/base', { token: user.token })).status, 401);
    assert.equal((await server.request('GET', '/api/models')).status, 401);
  });

  it('answers embeddings in OpenAI shape for both providers, with model access', async () => {
    const fromOllama = await server.request('POST', '/api/embeddings', { token: admin.token, body: { model: 'qwen2.5:7b', input: ['a', 'b'] } });
    assert.equal(fromOllama.status, 200, fromOllama.text);
    assert.equal(fromOllama.body.object, 'list');
    assert.equal(fromOllama.body.data.length, 2);
    assert.equal(fromOllama.body.data[1].index, 1);
    const fromOpenAI = await server.request('POST', '/api/v1/embeddings', { token: admin.token, body: { model: 'gpt-4o', input: 'a' } });
    assert.equal(fromOpenAI.status, 200, fromOpenAI.text);
    assert.equal(fromOpenAI.body.data[0].embedding.length, 8);
    assert.equal((await server.request('POST', '/api/embeddings', { token: admin.token, body: { model: 'nope', input: 'a' } })).body.detail, 'Model not found');
    const denied = await server.request('POST', '/api/embeddings', { token: user.token, body: { model: 'qwen2.5:7b', input: 'a' } });
    assert.equal(denied.status, 403);
    assert.equal((await server.request('POST', '/api/embeddings', { token: admin.token, body: { input: 'a' } })).status, 422);
  });

  it('pulls a model on the first Ollama node for admins, streaming progress', async () => {
    const res = await server.request('POST', '/api/models/pull', { token: admin.token, body: { model: 'mistral:7b' } });
    assert.equal(res.status, 200, res.text);
    const lines = res.text.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.at(-1).status, 'success');
    assert.ok(ollamaA.requests.some((r) => r.path === '/api/pull'));
    assert.equal((await server.request('POST', '/api/models/pull', { token: admin.token, body: { model: 'x', url_idx: 9 } })).status, 404);
    assert.equal((await server.request('POST', '/api/models/pull', { token: user.token, body: { model: 'x' } })).status, 401);
  });
});

describe('catalogue: unreachable upstreams', () => {
  it('never waits twice for a dead node: the first call is bounded, later ones answer at once', async () => {
    const alive = await startMockUpstream({ ollamaModels: ['llama3.2:3b'] });
    const hanging = await startMockUpstream({ ollamaModels: ['ghost:1b'] });
    hanging.script.hang = true;
    const server = await startServer({
      OLLAMA_BASE_URLS: `${alive.url};${hanging.url};http://127.0.0.1:9`,
      ENABLE_OPENAI_API: 'false',
      AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST: '1',
      MODELS_CACHE_TTL: '0',
    });
    try {
      const { admin } = await adminAndUser(server);
      let started = Date.now();
      const first = await server.request('GET', '/api/models', { token: admin.token });
      assert.ok(Date.now() - started < 3_000, `first call took ${Date.now() - started} ms`);
      assert.deepEqual(ids(first), ['llama3.2:3b', 'arena-model']);
      started = Date.now();
      const second = await server.request('GET', '/api/models', { token: admin.token });
      assert.ok(Date.now() - started < 500, `second call took ${Date.now() - started} ms`);
      assert.deepEqual(ids(second), ['llama3.2:3b', 'arena-model']);
    } finally {
      await server.close();
      await Promise.all([alive.close(), hanging.close()]);
    }
  });
});
