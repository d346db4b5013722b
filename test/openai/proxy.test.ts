// The deprecated catch-all /openai/{path} and /openai/audio/speech.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { MODEL_NOT_FOUND, createPreset, lastRequest, mockEnv, sseData } from './support.ts';

describe('/openai/{path} and /openai/audio/speech', () => {
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

  it('forwards any path to connection 0 with key 0 (body and query kept)', async () => {
    const res = await server.request('POST', '/openai/embeddings?x=1', { token: admin.token, body: { model: 'gpt-4o', input: 'hi there' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.object, 'list');
    const sent = lastRequest(mock, 'POST', '/v1/embeddings');
    assert.equal(sent.path, '/v1/embeddings?x=1');
    assert.equal(sent.headers['authorization'], 'Bearer sk-test');
    assert.deepEqual(sent.body, { model: 'gpt-4o', input: 'hi there' });
  });

  it('relays an event stream', async () => {
    const res = await server.request('POST', '/openai/completions', { token: admin.token, body: { model: 'gpt-4o', prompt: 'hi', stream: true } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.equal(sseData(res.text).at(-1), '[DONE]');
  });

  it('passes upstream errors through (unknown upstream path → its 404)', async () => {
    const res = await server.request('DELETE', '/openai/files/abc', { token: admin.token });
    assert.equal(res.status, 404);
    assert.match(res.text, /not found: DELETE \/v1\/files\/abc/);
  });

  it('does not shadow the specific routes', async () => {
    const res = await server.request('GET', '/openai/models', { token: admin.token });
    assert.equal(res.body.data[0].urlIdx, 0);
    assert.equal(mock.requests.filter((r) => r.path === '/v1/models').length <= 1, true);
  });

  it('a body naming a model the user may not use is refused (no bypass); a usable one passes', async () => {
    for (const path of ['/openai/embeddings', '/openai/embeddings?bypass_filter=true']) {
      const res = await server.request('POST', path, { token: user.token, body: { model: 'gpt-4o', input: 'x' } });
      assert.deepEqual([res.status, res.body], [403, { detail: MODEL_NOT_FOUND }]);
    }
    const ok = await server.request('POST', '/openai/embeddings', { token: user.token, body: { model: 'gpt-4o-mini', input: 'x' } });
    assert.equal(ok.status, 200, ok.text);
  });

  it('a request naming no model (files, batches… on the admin key) is for admins only', async () => {
    for (const [method, path] of [['GET', '/openai/files'], ['DELETE', '/openai/files/abc']] as const) {
      const res = await server.request(method, path, { token: user.token });
      assert.equal(res.status, 401, path);
    }
    assert.equal(mock.requests.length, 0);
  });

  it('401 without a token', async () => {
    assert.equal((await server.request('GET', '/openai/anything')).status, 401);
    assert.equal(mock.requests.length, 0);
  });

  it('audio/speech: 401 OpenAI API was not found unless api.openai.com is configured', async () => {
    const res = await server.request('POST', '/openai/audio/speech', { token: user.token, body: { model: 'tts-1', input: 'hi', voice: 'alloy' } });
    assert.deepEqual([res.status, res.body], [401, { detail: 'OpenAI API was not found' }]);
    assert.equal((await server.request('POST', '/openai/audio/speech', { body: {} })).status, 401);
  });
});
