// Model management through /ollama (admin): pull, push, create, copy, delete, unload.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ACCESS_PROHIBITED, hits, ndjson, setup, type Setup } from './support.ts';

describe('ollama: model management', () => {
  let s: Setup;
  before(async () => {
    s = await setup(2, { MODELS_CACHE_TTL: '5' }, [{ ollamaModels: ['llama3.2:3b'] }, { ollamaModels: ['llama3.2:3b', 'phi4:latest'] }]);
  });
  beforeEach(() => {
    for (const n of s.nodes) n.requests.length = 0;
  });
  after(async () => s.close());

  it('pulls on node 0 (or the pinned node), streamed, insecure allowed', async () => {
    const res = await s.server.request('POST', '/ollama/api/pull', { token: s.admin.token, body: { name: 'gemma3' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(ndjson(res.text).at(-1)?.['status'], 'success');
    assert.deepEqual(hits(s.nodes[0]!, 'POST', '/api/pull')[0]?.body, { name: 'gemma3', model: 'gemma3', insecure: true });
    await s.server.request('POST', '/ollama/api/pull/1', { token: s.admin.token, body: { model: 'gemma3' } });
    assert.equal(hits(s.nodes[1]!, 'POST', '/api/pull').length, 1);
  });

  it('pushes with DELETE to the first node listing the model', async () => {
    const res = await s.server.request('DELETE', '/ollama/api/push', { token: s.admin.token, body: { model: 'phi4:latest' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(hits(s.nodes[1]!, 'POST', '/api/push').length, 1);
    const unknown = await s.server.request('DELETE', '/ollama/api/push', { token: s.admin.token, body: { model: 'ghost' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.detail, "Model 'ghost' was not found");
  });

  it('creates, copies and deletes models', async () => {
    const created = await s.server.request('POST', '/ollama/api/create', { token: s.admin.token, body: { model: 'mine', from: 'llama3.2:3b', stream: false } });
    assert.equal(created.status, 200, created.text);
    assert.deepEqual(created.body, { status: 'success' });
    const copied = await s.server.request('POST', '/ollama/api/copy', { token: s.admin.token, body: { source: 'phi4:latest', destination: 'phi4:copy' } });
    assert.equal(copied.status, 200, copied.text);
    assert.equal(copied.body, true);
    assert.equal(hits(s.nodes[1]!, 'POST', '/api/copy').length, 1);
    // The model list is cached (MODELS_CACHE_TTL): the new copy is deleted on its pinned node.
    const deleted = await s.server.request('DELETE', '/ollama/api/delete/1', { token: s.admin.token, body: { name: 'phi4:copy' } });
    assert.equal(deleted.status, 200, deleted.text);
    assert.equal(deleted.body, true);
    const gone = await s.server.request('DELETE', '/ollama/api/delete/1', { token: s.admin.token, body: { model: 'phi4:copy' } });
    assert.equal(gone.status, 404);
    assert.equal(gone.body.detail, "Ollama: model 'phi4:copy' not found");
    const unknown = await s.server.request('DELETE', '/ollama/api/delete', { token: s.admin.token, body: { model: 'ghost' } });
    assert.equal(unknown.status, 400);
  });

  it('unloads on every node holding the model', async () => {
    const res = await s.server.request('POST', '/ollama/api/unload', { token: s.admin.token, body: { model: 'llama3.2:3b' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { status: true });
    for (const n of s.nodes) assert.deepEqual(hits(n, 'POST', '/api/generate')[0]?.body, { model: 'llama3.2:3b', keep_alive: 0, prompt: '' });
    const missing = await s.server.request('POST', '/ollama/api/unload', { token: s.admin.token, body: {} });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.detail, 'Missing name of the model to unload.');
    const unknown = await s.server.request('POST', '/ollama/api/unload', { token: s.admin.token, body: { name: 'ghost' } });
    assert.equal(unknown.body.detail, "Model 'ghost:latest' was not found");
    await s.server.request('GET', '/ollama/api/tags', { token: s.admin.token }); // the list as cached: on both nodes
    s.nodes[1]!.script.failWith = { status: 500, body: { error: 'busy' } };
    const failed = await s.server.request('POST', '/ollama/api/unload', { token: s.admin.token, body: { model: 'llama3.2:3b' } });
    assert.equal(failed.status, 500);
    assert.equal(failed.body.detail, "Failed to unload model on 1 nodes: [{'url_idx': 1, 'success': False, 'error': '500: busy'}]");
    s.nodes[1]!.reset();
  });

  it('is for admins only, and refuses an unknown node', async () => {
    for (const [method, path] of [['POST', '/ollama/api/pull'], ['DELETE', '/ollama/api/delete'], ['POST', '/ollama/api/unload'], ['POST', '/ollama/api/create']] as const) {
      const res = await s.server.request(method, path, { token: s.user.token, body: { model: 'x' } });
      assert.equal(res.status, 401, path);
      assert.equal(res.body.detail, ACCESS_PROHIBITED);
    }
    assert.equal((await s.server.request('POST', '/ollama/api/create/9', { token: s.admin.token, body: { model: 'x' } })).status, 404);
  });
});
