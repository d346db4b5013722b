// POST /openai/chat/completions against the mock upstream: forwarding, model access, workspace
// presets, payload rewrites, Azure, errors, streaming and client aborts.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { adminAndUser, addUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { CONNECTION_ERROR, MODEL_NOT_FOUND, abortAfterFirstChunk, createPreset, joinedContent, lastRequest, mockEnv, sseData, tokens, waitFor } from './support.ts';

const PATH = '/openai/chat/completions';
const hello = [{ role: 'user', content: 'hello there' }];

describe('/openai/chat/completions', () => {
  let mock: MockUpstream;
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let other: Account;

  before(async () => {
    mock = await startMockUpstream({ openaiModels: ['gpt-4o', 'o3-mini', 'o1-mini'] });
    server = await startServer(mockEnv(mock));
    ({ admin, user } = await adminAndUser(server));
    other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
    await createPreset(server, admin, { id: 'brief-gpt', base_model_id: 'gpt-4o', params: { temperature: 0.3, max_tokens: 20, system: 'Be brief, {{USER_NAME}}.' } });
    await createPreset(server, admin, { id: 'gpt-4o', base_model_id: null });
    const res = await server.request('POST', '/api/v1/models/create', {
      token: admin.token,
      body: { id: 'secret-gpt', base_model_id: 'gpt-4o', name: 'Secret', meta: {}, params: {}, access_control: {} },
    });
    assert.equal(res.status, 200, res.text);
  });
  afterEach(() => mock.reset());
  after(async () => {
    await server.close();
    await mock.close();
  });

  it('401 without a token', async () => {
    const res = await server.request('POST', PATH, { body: { model: 'gpt-4o', messages: hello } });
    assert.equal(res.status, 401);
  });

  it('admin: forwards to the connection with its key and answers the upstream JSON', async () => {
    const res = await server.request('POST', PATH, { token: admin.token, body: { model: 'gpt-4o', messages: hello, metadata: { chat_id: 'c1' } } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.object, 'chat.completion');
    assert.equal(res.body.choices[0].message.content, tokens(5));
    const sent = lastRequest(mock, 'POST', '/v1/chat/completions');
    assert.equal(sent.headers['authorization'], 'Bearer sk-test');
    assert.deepEqual(sent.body, { model: 'gpt-4o', messages: hello });
  });

  it('streams the upstream SSE through, tokens in order, ending with [DONE]', async () => {
    mock.script.tokens = 8;
    const res = await server.request('POST', PATH, { token: admin.token, body: { model: 'gpt-4o', messages: hello, stream: true } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const events = sseData(res.text);
    assert.equal(events.at(-1), '[DONE]');
    assert.equal(joinedContent(events), tokens(8));
  });

  it('unknown model: 404 for an admin, 403 for a user (access is checked first)', async () => {
    const a = await server.request('POST', PATH, { token: admin.token, body: { model: 'nope', messages: hello } });
    assert.deepEqual([a.status, a.body], [404, { detail: MODEL_NOT_FOUND }]);
    const u = await server.request('POST', PATH, { token: user.token, body: { model: 'nope', messages: hello } });
    assert.deepEqual([u.status, u.body], [403, { detail: MODEL_NOT_FOUND }]);
  });

  it('user: a model without a readable record is refused, and ?bypass_filter=true changes nothing', async () => {
    for (const path of [PATH, `${PATH}?bypass_filter=true`]) {
      const res = await server.request('POST', path, { token: user.token, body: { model: 'o3-mini', messages: hello } });
      assert.deepEqual([res.status, res.body], [403, { detail: MODEL_NOT_FOUND }]);
      const hidden = await server.request('POST', path, { token: user.token, body: { model: 'secret-gpt', messages: hello } });
      assert.deepEqual([hidden.status, hidden.body], [403, { detail: MODEL_NOT_FOUND }]);
    }
    assert.equal(mock.requests.filter((r) => r.path.includes('chat')).length, 0);
  });

  it('user: a public record of the provider model may be used', async () => {
    const res = await server.request('POST', PATH, { token: other.token, body: { model: 'gpt-4o', messages: hello } });
    assert.equal(res.status, 200, res.text);
  });

  it('a workspace preset goes to its base model with its params and system prompt', async () => {
    const res = await server.request('POST', PATH, { token: user.token, body: { model: 'brief-gpt', messages: hello } });
    assert.equal(res.status, 200, res.text);
    const sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as Record<string, unknown>;
    assert.equal(sent['model'], 'gpt-4o');
    assert.equal(sent['temperature'], 0.3);
    assert.equal(sent['max_tokens'], 20);
    assert.deepEqual(sent['messages'], [{ role: 'system', content: 'Be brief, Uma User.' }, ...hello]);
  });

  it('reasoning models: max_completion_tokens, system → developer (user for o1-mini)', async () => {
    const messages = [{ role: 'system', content: 'sys' }, ...hello];
    await server.request('POST', PATH, { token: admin.token, body: { model: 'o3-mini', messages, max_tokens: 50 } });
    let sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as Record<string, unknown>;
    assert.equal(sent['max_completion_tokens'], 50);
    assert.equal('max_tokens' in sent, false);
    assert.deepEqual((sent['messages'] as { role: string }[])[0]?.role, 'developer');
    await server.request('POST', PATH, { token: admin.token, body: { model: 'o1-mini', messages } });
    sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as Record<string, unknown>;
    assert.deepEqual((sent['messages'] as { role: string }[])[0]?.role, 'user');
  });

  it('hosts other than api.openai.com get max_tokens instead of max_completion_tokens', async () => {
    await server.request('POST', PATH, { token: admin.token, body: { model: 'gpt-4o', messages: hello, max_completion_tokens: 7 } });
    const sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as Record<string, unknown>;
    assert.equal(sent['max_tokens'], 7);
    assert.equal('max_completion_tokens' in sent, false);
  });

  it('upstream errors pass through with their status and body', async () => {
    const body = { error: { message: 'slow down', type: 'rate_limit', param: null, code: null } };
    mock.script.failWith = { status: 429, body };
    const res = await server.request('POST', PATH, { token: admin.token, body: { model: 'gpt-4o', messages: hello } });
    assert.deepEqual([res.status, res.body], [429, body]);
  });

  it('a client that goes away aborts the upstream stream', async () => {
    mock.script.tokens = 200;
    mock.script.tokenDelayMs = 20;
    const first = await abortAfterFirstChunk(`${server.url}${PATH}`, admin.token, { model: 'gpt-4o', messages: hello, stream: true });
    assert.match(first, /data:/);
    await waitFor(() => mock.stats.abortedStreams >= 1);
  });

  describe('per-connection config', () => {
    const saved = { urls: [] as string[], keys: [] as string[] };
    before(async () => {
      const res = await server.request('GET', '/openai/config', { token: admin.token });
      saved.urls = res.body.OPENAI_API_BASE_URLS;
      saved.keys = res.body.OPENAI_API_KEYS;
    });
    const configure = async (configs: Record<string, unknown>) => {
      const res = await server.request('POST', '/openai/config/update', {
        token: admin.token,
        body: { ENABLE_OPENAI_API: true, OPENAI_API_BASE_URLS: saved.urls, OPENAI_API_KEYS: saved.keys, OPENAI_API_CONFIGS: configs },
      });
      assert.equal(res.status, 200, res.text);
    };
    after(() => configure({}));

    it('prefix_id is stripped; connection headers are merged in', async () => {
      await configure({ '0': { prefix_id: 'pre', headers: { 'X-Custom': 'yes' } } });
      const res = await server.request('POST', PATH, { token: admin.token, body: { model: 'pre.gpt-4o', messages: hello } });
      assert.equal(res.status, 200, res.text);
      const sent = lastRequest(mock, 'POST', '/v1/chat/completions');
      assert.equal((sent.body as Record<string, unknown>)['model'], 'gpt-4o');
      assert.equal(sent.headers['x-custom'], 'yes');
    });

    it('Azure: deployment URL with api-version, api-key header, unsupported params dropped', async () => {
      await configure({ '0': { azure: true, api_version: '2024-10-21', model_ids: ['gpt-4o'] } });
      const res = await server.request('POST', PATH, { token: admin.token, body: { model: 'gpt-4o', messages: hello, foo: 1 } });
      assert.equal(res.status, 404); // the mock has no Azure route: its 404 is passed through
      const sent = mock.requests.at(-1);
      assert.equal(sent?.path, '/v1/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21');
      assert.equal(sent?.headers['api-key'], 'sk-test');
      assert.equal(sent?.headers['api-version'], '2024-10-21');
      assert.deepEqual(sent?.body, { messages: hello });
      assert.equal(sent?.headers['authorization'], 'Bearer sk-test', 'Open WebUI sends the key both ways');
    });

    it('auth_type: session passes on the caller\'s own token; none, system_oauth and Entra ID send no key', async () => {
      const sentAuth = async (config: Record<string, unknown>) => {
        await configure({ '0': { model_ids: ['gpt-4o'], ...config } });
        const res = await server.request('POST', PATH, { token: admin.token, body: { model: 'gpt-4o', messages: hello } });
        assert.ok(res.status === 200 || res.status === 404, res.text);
        const sent = mock.requests.at(-1);
        return { authorization: sent?.headers['authorization'], apiKey: sent?.headers['api-key'] };
      };
      assert.deepEqual(await sentAuth({ auth_type: 'session' }), { authorization: `Bearer ${admin.token}`, apiKey: undefined });
      assert.deepEqual(await sentAuth({ auth_type: 'none' }), { authorization: undefined, apiKey: undefined });
      assert.deepEqual(await sentAuth({ auth_type: 'system_oauth' }), { authorization: undefined, apiKey: undefined });
      assert.deepEqual(await sentAuth({ auth_type: 'azure_ad', azure: true }), { authorization: undefined, apiKey: undefined });
      assert.deepEqual(await sentAuth({ auth_type: 'session', azure: true }), { authorization: `Bearer ${admin.token}`, apiKey: 'sk-test' });
    });
  });
});

describe('/openai/chat/completions: unreachable or silent upstream', () => {
  let mock: MockUpstream;
  before(async () => {
    mock = await startMockUpstream();
  });
  after(() => mock.close());
  const configs = JSON.stringify({ '0': { model_ids: ['gpt-4o'] } });

  it('connection refused → 500 Open WebUI: Server Connection Error', async () => {
    const server = await startServer({ OPENAI_API_BASE_URLS: 'http://127.0.0.1:9/v1', OPENAI_API_KEYS: 'k', OPENAI_API_CONFIGS: configs, ENABLE_OLLAMA_API: 'false' });
    try {
      const { admin } = await adminAndUser(server);
      const res = await server.request('POST', PATH, { token: admin.token, body: { model: 'gpt-4o', messages: hello } });
      assert.deepEqual([res.status, res.body], [500, { detail: CONNECTION_ERROR }]);
    } finally {
      await server.close();
    }
  });

  it('an upstream that never answers gives up after AIOHTTP_CLIENT_TIMEOUT', async () => {
    const server = await startServer({ ...mockEnv(mock), OPENAI_API_CONFIGS: configs, AIOHTTP_CLIENT_TIMEOUT: '1' });
    try {
      const { admin } = await adminAndUser(server);
      mock.script.hang = true;
      const started = Date.now();
      const res = await server.request('POST', PATH, { token: admin.token, body: { model: 'gpt-4o', messages: hello } });
      assert.deepEqual([res.status, res.body], [500, { detail: CONNECTION_ERROR }]);
      assert.ok(Date.now() - started < 5000);
    } finally {
      mock.reset();
      await server.close();
    }
  });
});
