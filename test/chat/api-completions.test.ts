// POST /api/chat/completions for API clients (no session_id/chat_id/id): the answer in OpenAI's
// format, streamed or not, for OpenAI-compatible and Ollama models; Open WebUI's fields kept off
// the upstream body; params and prompt variables applied; refusals as 400 with the reason.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { MODEL_NOT_FOUND, createPreset, joinedContent, lastRequest, mockEnv, sseData, tokens } from '../openai/support.ts';

const hello = [{ role: 'user', content: 'hello' }];

describe('/api/chat/completions for API clients', () => {
  let mock: MockUpstream;
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    mock = await startMockUpstream();
    server = await startServer(mockEnv(mock, true));
    ({ admin, user } = await adminAndUser(server));
    await createPreset(server, admin, { id: 'friendly', base_model_id: 'gpt-4o', params: { system: 'You are kind to {{USER_NAME}} in {{USER_LOCATION}}.' } });
  });
  afterEach(() => mock.reset());
  after(async () => {
    await server.close();
    await mock.close();
  });

  it('401 without credentials', async () => {
    const res = await server.request('POST', '/api/chat/completions', { body: { model: 'gpt-4o', messages: hello } });
    assert.equal(res.status, 401);
  });

  it('streams by default (OpenAI SSE ending in [DONE]); stream:false answers one chat.completion', async () => {
    const streamed = await server.request('POST', '/api/chat/completions', { token: admin.token, body: { model: 'gpt-4o', messages: hello } });
    assert.equal(streamed.status, 200, streamed.text);
    assert.match(streamed.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = sseData(streamed.text);
    assert.equal(events.at(-1), '[DONE]');
    assert.equal(joinedContent(events), tokens(5));
    const single = await server.request('POST', '/api/v1/chat/completions', { token: admin.token, body: { model: 'llama3.2:3b', messages: hello, stream: false } });
    assert.equal(single.status, 200, single.text);
    assert.equal(single.body.object, 'chat.completion');
    assert.equal(single.body.choices[0].message.content, tokens(5));
    assert.ok(single.body.usage.total_tokens > 0);
  });

  it('keeps Open WebUI fields off the upstream body, applies params and fills variables into the preset prompt', async () => {
    const res = await server.request('POST', '/api/chat/completions', {
      token: admin.token,
      body: {
        model: 'friendly',
        messages: hello,
        stream: false,
        params: { temperature: 0.25, stream_delta_chunk_size: 8 },
        variables: { '{{USER_LOCATION}}': 'Lisbon' },
        features: { web_search: false },
        tool_ids: [],
        files: [],
        background_tasks: { title_generation: true },
        model_item: { id: 'friendly' },
        chat_id: 'local:abc',
      },
    });
    assert.equal(res.status, 200, res.text);
    const sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as Record<string, unknown>;
    assert.equal(sent['model'], 'gpt-4o');
    assert.equal(sent['temperature'], 0.25);
    assert.equal(sent['stream'], false);
    for (const field of ['params', 'variables', 'features', 'tool_ids', 'files', 'background_tasks', 'model_item', 'chat_id', 'stream_delta_chunk_size']) assert.equal(field in sent, false, field);
    assert.deepEqual((sent['messages'] as unknown[])[0], { role: 'system', content: 'You are kind to Ada Admin in Lisbon.' });
  });

  it('refuses with 400 Model not found: no model, an unknown one, one the user may not use; nothing sent', async () => {
    for (const [token, body] of [
      [admin.token, { messages: hello }],
      [admin.token, { model: 'nope', messages: hello }],
      [user.token, { model: 'gpt-4o', messages: hello }],
    ] as const) {
      const res = await server.request('POST', '/api/chat/completions', { token, body });
      assert.deepEqual([res.status, res.body], [400, { detail: MODEL_NOT_FOUND }], JSON.stringify(body));
    }
    const malformed = await server.request('POST', '/api/chat/completions', { token: admin.token, body: { model: 'gpt-4o', messages: 'hi' } });
    assert.equal(malformed.status, 422);
    assert.equal(mock.requests.length, 0);
  });

  it('another user\'s chat_id is refused before any upstream call', async () => {
    const chat = await server.request('POST', '/api/v1/chats/new', { token: admin.token, body: { chat: { title: 'mine' } } });
    assert.equal(chat.status, 200, chat.text);
    await createPreset(server, admin, { id: 'gpt-4o-mini', base_model_id: null });
    const res = await server.request('POST', '/api/chat/completions', { token: user.token, body: { model: 'gpt-4o-mini', messages: hello, chat_id: chat.body.id } });
    assert.deepEqual([res.status, res.body], [400, { detail: '404: Something went wrong :/' }]);
    assert.equal(mock.requests.length, 0);
  });

  it('the openai SDK works against /api, streamed and not', async () => {
    const client = new OpenAI({ apiKey: admin.token, baseURL: `${server.url}/api`, maxRetries: 0 });
    const answer = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: false });
    assert.equal(answer.choices[0]?.message.content, tokens(5));
    let text = '';
    for await (const chunk of await client.chat.completions.create({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hi' }], stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, tokens(5));
  });
});
