// The stateless OpenAI-compatible layer: GET /v1/models and POST /v1/chat/completions for Ollama
// and OpenAI-connection models, workspace presets, access, errors, streaming and aborts.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { CONNECTION_ERROR, MODEL_NOT_FOUND, abortAfterFirstChunk, createPreset, joinedContent, lastRequest, mockEnv, sseData, tokens, waitFor } from '../openai/support.ts';

const hello = [{ role: 'user', content: 'hello there friend' }];

describe('/v1 (OpenAI-compatible layer)', () => {
  let mock: MockUpstream;
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    mock = await startMockUpstream();
    server = await startServer(mockEnv(mock, true));
    ({ admin, user } = await adminAndUser(server));
    await createPreset(server, admin, { id: 'qwen2.5:7b', base_model_id: null });
    await createPreset(server, admin, { id: 'helper', base_model_id: 'llama3.2:3b', params: { temperature: 0.1, max_tokens: 30, system: 'You help {{USER_NAME}}.' } });
    await createPreset(server, admin, { id: 'mini-preset', base_model_id: 'gpt-4o-mini', params: { temperature: 0.7 } });
  });
  afterEach(() => mock.reset());
  after(async () => {
    await server.close();
    await mock.close();
  });

  const chat = (account: Account | undefined, body: Record<string, unknown>) => server.request('POST', '/v1/chat/completions', { token: account?.token, body });

  it('GET /v1/models: OpenAI list shape; a user sees only usable models', async () => {
    const all = await server.request('GET', '/v1/models', { token: admin.token });
    assert.equal(all.status, 200, all.text);
    assert.equal(all.body.object, 'list');
    const ids = all.body.data.map((m: { id: string }) => m.id);
    for (const id of ['gpt-4o', 'gpt-4o-mini', 'llama3.2:3b', 'qwen2.5:7b', 'helper', 'mini-preset']) assert.ok(ids.includes(id), id);
    for (const m of all.body.data) {
      assert.deepEqual(Object.keys(m).sort(), ['created', 'id', 'object', 'owned_by']);
      assert.equal(m.object, 'model');
      assert.equal(typeof m.created, 'number');
    }
    assert.equal(all.body.data.find((m: { id: string }) => m.id === 'llama3.2:3b').owned_by, 'ollama');
    const mine = await server.request('GET', '/v1/models', { token: user.token });
    assert.deepEqual(mine.body.data.map((m: { id: string }) => m.id).sort(), ['helper', 'mini-preset', 'qwen2.5:7b']);
    assert.equal((await server.request('GET', '/v1/models')).status, 401);
  });

  it('Ollama model, non-stream: a chat.completion with usage from Ollama\'s counts', async () => {
    const res = await chat(admin, { model: 'llama3.2:3b', messages: hello, temperature: 0.5, max_tokens: 40 });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.object, 'chat.completion');
    assert.match(res.body.id, /^chatcmpl-/);
    assert.equal(res.body.model, 'llama3.2:3b');
    assert.deepEqual(res.body.choices, [{ index: 0, message: { role: 'assistant', content: tokens(5) }, logprobs: null, finish_reason: 'stop' }]);
    assert.deepEqual(res.body.usage, { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 });
    const sent = lastRequest(mock, 'POST', '/api/chat').body as Record<string, unknown>;
    assert.deepEqual(sent, { model: 'llama3.2:3b', messages: hello, stream: false, options: { temperature: 0.5, num_predict: 40 } });
  });

  it('Ollama model, stream: role chunk, content in order, finish_reason, usage chunk, [DONE]', async () => {
    mock.script.tokens = 6;
    const res = await chat(admin, { model: 'llama3.2:3b', messages: hello, stream: true, stream_options: { include_usage: true } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const events = sseData(res.text) as Record<string, any>[];
    assert.deepEqual(events[0]?.choices[0].delta, { role: 'assistant', content: '' });
    assert.equal(joinedContent(events), tokens(6));
    assert.equal(events.at(-3)?.choices[0].finish_reason, 'stop');
    assert.deepEqual(events.at(-2)?.usage, { prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 });
    assert.equal(events.at(-1), '[DONE]');
    assert.equal(new Set(events.slice(0, -1).map((e) => e.id)).size, 1);
    const plain = sseData((await chat(admin, { model: 'llama3.2:3b', messages: hello, stream: true })).text) as Record<string, any>[];
    assert.equal(plain.some((e) => typeof e === 'object' && 'usage' in e), false);
  });

  it('OpenAI model: forwarded as /openai/chat/completions does, stream and not', async () => {
    const res = await chat(admin, { model: 'gpt-4o', messages: hello });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.choices[0].message.content, tokens(5));
    assert.equal(lastRequest(mock, 'POST', '/v1/chat/completions').headers['authorization'], 'Bearer sk-test');
    const streamed = await chat(admin, { model: 'gpt-4o', messages: hello, stream: true, stream_options: { include_usage: true } });
    const events = sseData(streamed.text);
    assert.equal(joinedContent(events), tokens(5));
    assert.equal(events.at(-1), '[DONE]');
  });

  it('workspace presets resolve to their base model with params and system prompt', async () => {
    const res = await chat(user, { model: 'helper', messages: hello });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.model, 'helper');
    const sent = lastRequest(mock, 'POST', '/api/chat').body as Record<string, any>;
    assert.equal(sent['model'], 'llama3.2:3b');
    assert.deepEqual(sent['options'], { temperature: 0.1, num_predict: 30 });
    assert.deepEqual(sent['messages'], [{ role: 'system', content: 'You help Uma User.' }, ...hello]);
    const openai = await chat(user, { model: 'mini-preset', messages: hello });
    assert.equal(openai.status, 200, openai.text);
    const forwarded = lastRequest(mock, 'POST', '/v1/chat/completions').body as Record<string, unknown>;
    assert.deepEqual([forwarded['model'], forwarded['temperature']], ['gpt-4o-mini', 0.7]);
  });

  it('unknown model → 404; a model the user may not use → 403; 401 without a token; 422 on a bad body', async () => {
    assert.deepEqual((await chat(admin, { model: 'nope', messages: hello })).body, { detail: MODEL_NOT_FOUND });
    assert.equal((await chat(admin, { model: 'nope', messages: hello })).status, 404);
    const denied = await chat(user, { model: 'llama3.2:3b', messages: hello });
    assert.deepEqual([denied.status, denied.body], [403, { detail: MODEL_NOT_FOUND }]);
    assert.equal((await chat(undefined, { model: 'gpt-4o', messages: hello })).status, 401);
    assert.equal((await chat(admin, { messages: hello })).status, 422);
    assert.equal(mock.requests.filter((r) => r.method === 'POST').length, 0);
  });

  it('an Ollama error keeps its status and message', async () => {
    mock.script.failWith = { status: 500, body: { error: 'out of memory' } };
    const res = await chat(admin, { model: 'llama3.2:3b', messages: hello });
    assert.deepEqual([res.status, res.body], [500, { detail: 'out of memory' }]);
  });

  it('a client that goes away aborts the Ollama stream', async () => {
    mock.script.tokens = 200;
    mock.script.tokenDelayMs = 20;
    const first = await abortAfterFirstChunk(`${server.url}/v1/chat/completions`, admin.token, { model: 'llama3.2:3b', messages: hello, stream: true });
    assert.match(first, /chat\.completion\.chunk/);
    await waitFor(() => mock.stats.abortedStreams >= 1);
  });

  it('an upstream cut mid-stream ends with an error event and [DONE]', async () => {
    mock.script.disconnectAfterTokens = 2;
    const res = await chat(admin, { model: 'llama3.2:3b', messages: hello, stream: true });
    const events = sseData(res.text) as Record<string, any>[];
    assert.equal(joinedContent(events), tokens(2));
    assert.ok(events.at(-2)?.error);
    assert.equal(events.at(-1), '[DONE]');
  });
});

describe('/v1: unreachable Ollama', () => {
  it('→ 500 Open WebUI: Server Connection Error, quickly', async () => {
    const mock = await startMockUpstream();
    const server = await startServer({ ...mockEnv(mock, true), ENABLE_OPENAI_API: 'false', AIOHTTP_CLIENT_TIMEOUT: '1', MODELS_CACHE_TTL: '60' });
    try {
      const { admin } = await adminAndUser(server);
      assert.equal((await server.request('GET', '/v1/models', { token: admin.token })).status, 200); // list cached
      mock.script.hang = true;
      const started = Date.now();
      const res = await server.request('POST', '/v1/chat/completions', { token: admin.token, body: { model: 'llama3.2:3b', messages: hello } });
      assert.deepEqual([res.status, res.body], [500, { detail: CONNECTION_ERROR }]);
      assert.ok(Date.now() - started < 5000);
    } finally {
      mock.reset();
      await server.close();
      await mock.close();
    }
  });
});
