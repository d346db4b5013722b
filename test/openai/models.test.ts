// /openai/models, /openai/models/{url_idx}, /openai/verify and /openai/config(+/update).
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { ACCESS_PROHIBITED, CONNECTION_ERROR, createPreset, lastRequest, mockEnv } from './support.ts';

describe('/openai models, verify and config', () => {
  let mock: MockUpstream;
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    mock = await startMockUpstream();
    server = await startServer(mockEnv(mock));
    ({ admin, user } = await adminAndUser(server));
    await createPreset(server, admin, { id: 'gpt-4o-mini', base_model_id: null });
  });
  afterEach(() => mock.reset());
  after(async () => {
    await server.close();
    await mock.close();
  });

  it('GET /models: the merged list for an admin, only usable models for a user, 401 without a token', async () => {
    const all = await server.request('GET', '/openai/models', { token: admin.token });
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(all.body.data.map((m: { id: string }) => m.id), ['gpt-4o', 'gpt-4o-mini']);
    const first = all.body.data[0];
    assert.equal(first.owned_by, 'openai');
    assert.equal(first.urlIdx, 0);
    assert.equal(first.connection_type, 'external');
    assert.equal(first.openai.id, 'gpt-4o');
    const mine = await server.request('GET', '/openai/models', { token: user.token });
    assert.deepEqual(mine.body.data.map((m: { id: string }) => m.id), ['gpt-4o-mini']);
    assert.equal((await server.request('GET', '/openai/models')).status, 401);
  });

  it('GET /models/{url_idx}: the connection\'s own answer, filtered for a user; bad index 404/422', async () => {
    const res = await server.request('GET', '/openai/models/0', { token: admin.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.object, 'list');
    assert.deepEqual(res.body.data.map((m: { id: string }) => m.id), ['gpt-4o', 'gpt-4o-mini']);
    assert.equal(lastRequest(mock, 'GET', '/v1/models').headers['authorization'], 'Bearer sk-test');
    const mine = await server.request('GET', '/openai/models/0', { token: user.token });
    assert.deepEqual(mine.body.data.map((m: { id: string }) => m.id), ['gpt-4o-mini']);
    assert.equal((await server.request('GET', '/openai/models/5', { token: admin.token })).status, 404);
    assert.equal((await server.request('GET', '/openai/models/x', { token: admin.token })).status, 422);
  });

  it('GET /models/{url_idx}: upstream error → 500 with the external message', async () => {
    mock.script.failWith = { status: 401, body: { error: { message: 'bad key' } } };
    const res = await server.request('GET', '/openai/models/0', { token: admin.token });
    assert.deepEqual([res.status, res.body], [500, { detail: 'Unexpected error: External Error: bad key' }]);
  });

  it('POST /verify: admin only; the upstream list, or its error status and body', async () => {
    const form = { url: `${mock.url}/v1`, key: 'sk-other' };
    assert.deepEqual((await server.request('POST', '/openai/verify', { token: user.token, body: form })).body, { detail: ACCESS_PROHIBITED });
    const ok = await server.request('POST', '/openai/verify', { token: admin.token, body: form });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.data.length, 2);
    assert.equal(lastRequest(mock, 'GET', '/v1/models').headers['authorization'], 'Bearer sk-other');
    mock.script.failWith = { status: 401, body: { error: { message: 'Incorrect API key' } } };
    const bad = await server.request('POST', '/openai/verify', { token: admin.token, body: form });
    assert.deepEqual([bad.status, bad.body], [401, { error: { message: 'Incorrect API key' } }]);
    mock.script.failWith = undefined;
    const azure = await server.request('POST', '/openai/verify', { token: admin.token, body: { ...form, config: { azure: true } } });
    assert.equal(azure.status, 404); // the mock has no Azure route
    assert.equal(mock.requests.at(-1)?.path, '/v1/openai/models?api-version=2023-03-15-preview');
    assert.equal(mock.requests.at(-1)?.headers['api-key'], 'sk-other');
    const down = await server.request('POST', '/openai/verify', { token: admin.token, body: { url: 'http://127.0.0.1:9', key: '' } });
    assert.deepEqual([down.status, down.body], [500, { detail: CONNECTION_ERROR }]);
    assert.equal((await server.request('POST', '/openai/verify', { token: admin.token, body: { url: 'x' } })).status, 422);
  });

  it('config: admin only; keys padded/cut to the URLs, configs pruned, saved', async () => {
    assert.equal((await server.request('GET', '/openai/config', { token: user.token })).status, 401);
    const before = await server.request('GET', '/openai/config', { token: admin.token });
    assert.deepEqual(before.body, { ENABLE_OPENAI_API: true, OPENAI_API_BASE_URLS: [`${mock.url}/v1`], OPENAI_API_KEYS: ['sk-test'], OPENAI_API_CONFIGS: {} });
    const update = (body: Record<string, unknown>) => server.request('POST', '/openai/config/update', { token: admin.token, body });
    const padded = await update({ ENABLE_OPENAI_API: true, OPENAI_API_BASE_URLS: ['http://a/v1', 'http://b/v1'], OPENAI_API_KEYS: ['ka'], OPENAI_API_CONFIGS: { '0': { enable: true }, '1': { prefix_id: 'b' }, '2': { x: 1 }, 'http://a/v1': {} } });
    assert.equal(padded.status, 200, padded.text);
    assert.deepEqual(padded.body, { ENABLE_OPENAI_API: true, OPENAI_API_BASE_URLS: ['http://a/v1', 'http://b/v1'], OPENAI_API_KEYS: ['ka', ''], OPENAI_API_CONFIGS: { '0': { enable: true }, '1': { prefix_id: 'b' } } });
    const cut = await update({ OPENAI_API_BASE_URLS: ['http://a/v1'], OPENAI_API_KEYS: ['ka', 'kb', 'kc'], OPENAI_API_CONFIGS: {} });
    assert.deepEqual(cut.body.OPENAI_API_KEYS, ['ka']);
    assert.equal(cut.body.ENABLE_OPENAI_API, true);
    await server.services.config.reload();
    assert.deepEqual(server.services.config.get('OPENAI_API_BASE_URLS'), ['http://a/v1']);
    assert.equal((await update({ OPENAI_API_BASE_URLS: 'x' })).status, 422);
    const restored = await update({ ENABLE_OPENAI_API: true, OPENAI_API_BASE_URLS: [`${mock.url}/v1`], OPENAI_API_KEYS: ['sk-test'], OPENAI_API_CONFIGS: {} });
    assert.equal(restored.status, 200);
  });
});
