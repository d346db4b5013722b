// /ollama status, connection settings and the connection check.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCESS_PROHIBITED, CONNECTION_ERROR, setup, type Setup } from './support.ts';

describe('ollama: status and config', () => {
  let s: Setup;
  before(async () => {
    s = await setup(1);
  });
  after(async () => s.close());

  it('answers the status without a token, GET and HEAD', async () => {
    const res = await s.server.request('GET', '/ollama/');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: true });
    const head = await fetch(`${s.server.url}/ollama/`, { method: 'HEAD' });
    assert.equal(head.status, 200);
  });

  it('shows the config to admins only', async () => {
    const res = await s.server.request('GET', '/ollama/config', { token: s.admin.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { ENABLE_OLLAMA_API: true, OLLAMA_BASE_URLS: [s.nodes[0]!.url], OLLAMA_API_CONFIGS: {} });
    const asUser = await s.server.request('GET', '/ollama/config', { token: s.user.token });
    assert.equal(asUser.status, 401);
    assert.equal(asUser.body.detail, ACCESS_PROHIBITED);
    assert.equal((await s.server.request('GET', '/ollama/config')).status, 401);
  });

  it('saves the config, pruning per-connection settings to the URL indexes', async () => {
    const url = s.nodes[0]!.url;
    const body = {
      ENABLE_OLLAMA_API: true,
      OLLAMA_BASE_URLS: [url],
      OLLAMA_API_CONFIGS: { '0': { enable: true, prefix_id: 'p' }, '1': { enable: true }, [url]: { key: 'legacy' } },
    };
    const res = await s.server.request('POST', '/ollama/config/update', { token: s.admin.token, body });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { ENABLE_OLLAMA_API: true, OLLAMA_BASE_URLS: [url], OLLAMA_API_CONFIGS: { '0': { enable: true, prefix_id: 'p' } } });
    const read = await s.server.request('GET', '/ollama/config', { token: s.admin.token });
    assert.deepEqual(read.body, res.body);
    // The prefix applies at once to the model list.
    const tags = await s.server.request('GET', '/ollama/api/tags', { token: s.admin.token });
    assert.ok(tags.body.models.every((m: { model: string }) => m.model.startsWith('p.')), tags.text);
    // Back to no prefix for the other tests.
    await s.server.request('POST', '/ollama/config/update', { token: s.admin.token, body: { ...body, OLLAMA_API_CONFIGS: {} } });
  });

  it('refuses a bad config form (422) and non-admins (401)', async () => {
    const bad = await s.server.request('POST', '/ollama/config/update', { token: s.admin.token, body: { OLLAMA_BASE_URLS: 'x' } });
    assert.equal(bad.status, 422);
    const user = await s.server.request('POST', '/ollama/config/update', { token: s.user.token, body: { OLLAMA_BASE_URLS: [], OLLAMA_API_CONFIGS: {} } });
    assert.equal(user.status, 401);
  });

  it('verifies a connection with its key', async () => {
    const node = s.nodes[0]!;
    node.reset();
    const res = await s.server.request('POST', '/ollama/verify', { token: s.admin.token, body: { url: node.url, key: 'sk-node' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { version: '0.6.5' });
    assert.equal(node.requests[0]?.path, '/api/version');
    assert.equal(node.requests[0]?.headers['authorization'], 'Bearer sk-node');
  });

  it('words verification failures as Open WebUI does', async () => {
    const node = s.nodes[0]!;
    node.script.failWith = { status: 401, body: { error: 'unauthorized' } };
    const external = await s.server.request('POST', '/ollama/verify', { token: s.admin.token, body: { url: node.url } });
    assert.equal(external.status, 500);
    assert.equal(external.body.detail, 'Unexpected error: External Error: unauthorized');
    node.script.failWith = { status: 503, body: { message: 'busy' } };
    const http = await s.server.request('POST', '/ollama/verify', { token: s.admin.token, body: { url: node.url } });
    assert.equal(http.body.detail, 'Unexpected error: HTTP Error: 503');
    node.reset();
    const down = await s.server.request('POST', '/ollama/verify', { token: s.admin.token, body: { url: 'http://127.0.0.1:1' } });
    assert.equal(down.status, 500);
    assert.equal(down.body.detail, CONNECTION_ERROR);
    const user = await s.server.request('POST', '/ollama/verify', { token: s.user.token, body: { url: node.url } });
    assert.equal(user.status, 401);
  });
});
