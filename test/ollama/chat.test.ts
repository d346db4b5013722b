// POST /ollama/api/chat and the OpenAI-compatible completions: relay, presets, access, errors.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { hits, ndjson, publicRecord, setup, type Setup } from './support.ts';

const messages = [{ role: 'user', content: 'hello there' }];

describe('ollama: chat', () => {
  let s: Setup;
  before(async () => {
    s = await setup(1, { AIOHTTP_CLIENT_TIMEOUT: '1' }, [{ ollamaModels: ['llama3.2:3b', 'qwen2.5:latest'] }]);
    await publicRecord(s.server, s.admin, 'llama3.2:3b');
    await publicRecord(s.server, s.admin, 'helper', {
      base_model_id: 'llama3.2:3b',
      params: { temperature: '0.3', max_tokens: 64, keep_alive: '5m', system: 'You help {{USER_NAME}}.' },
    });
  });
  beforeEach(() => s.nodes[0]!.reset());
  after(async () => s.close());

  it('relays a stream as NDJSON, tokens in order', async () => {
    const res = await s.server.request('POST', '/ollama/api/chat', { token: s.user.token, body: { model: 'llama3.2:3b', messages } });
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type') ?? '', /^application\/x-ndjson/);
    const lines = ndjson(res.text);
    assert.deepEqual(lines.slice(0, -1).map((l) => l['message'].content), ['tok0 ', 'tok1 ', 'tok2 ', 'tok3 ', 'tok4 ']);
    assert.equal(lines.at(-1)?.['done'], true);
    const sent = hits(s.nodes[0]!, 'POST', '/api/chat')[0]?.body as Record<string, unknown>;
    assert.equal(sent['stream'], true);
  });

  it('answers JSON with stream false, and appends :latest to an untagged name', async () => {
    const res = await s.server.request('POST', '/ollama/api/chat', { token: s.admin.token, body: { model: 'qwen2.5', messages, stream: false, metadata: { chat_id: 'c1' } } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.message.content, 'tok0 tok1 tok2 tok3 tok4 ');
    const sent = hits(s.nodes[0]!, 'POST', '/api/chat')[0]?.body as Record<string, unknown>;
    assert.equal(sent['model'], 'qwen2.5:latest');
    assert.equal('metadata' in sent, false);
  });

  it('applies a workspace preset: base model, params and system prompt', async () => {
    const res = await s.server.request('POST', '/ollama/api/chat', { token: s.user.token, body: { model: 'helper', messages, stream: false } });
    assert.equal(res.status, 200, res.text);
    const sent = hits(s.nodes[0]!, 'POST', '/api/chat')[0]?.body as Record<string, any>;
    assert.equal(sent['model'], 'llama3.2:3b');
    assert.equal(sent['keep_alive'], '5m');
    assert.deepEqual(sent['options'], { temperature: 0.3, num_predict: 64 });
    assert.deepEqual(sent['messages'][0], { role: 'system', content: 'You help Uma User.' });
  });

  it('refuses models the user may not use (403) and unknown models (400)', async () => {
    const denied = await s.server.request('POST', '/ollama/api/chat?bypass_filter=true', { token: s.user.token, body: { model: 'qwen2.5:latest', messages } });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.detail, 'Model not found');
    const unknown = await s.server.request('POST', '/ollama/api/chat', { token: s.admin.token, body: { model: 'nope', messages } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.detail, "Model 'nope:latest' was not found");
    assert.equal((await s.server.request('POST', '/ollama/api/chat', { body: { model: 'x', messages } })).status, 401);
  });

  it('answers 400 with a readable text for a bad body', async () => {
    const res = await s.server.request('POST', '/ollama/api/chat', { token: s.admin.token, body: { model: 'llama3.2:3b', messages: [{ role: 'user', content: null }] } });
    assert.equal(res.status, 400);
    assert.match(res.body.detail, /validation error for GenerateChatCompletionForm/);
    assert.match(res.body.detail, /At least one of 'content' or 'tool_calls' must be provided/);
    const missing = await s.server.request('POST', '/ollama/api/chat', { token: s.admin.token, body: { model: 'llama3.2:3b' } });
    assert.equal(missing.status, 400);
    assert.match(missing.body.detail, /messages/);
  });

  it('passes the upstream error text and status on', async () => {
    s.nodes[0]!.script.failWith = { status: 400, body: { error: 'invalid options' } };
    const res = await s.server.request('POST', '/ollama/api/chat', { token: s.admin.token, body: { model: 'llama3.2:3b', messages } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { detail: 'invalid options' });
  });

  it('gives up on a hanging node after the request timeout', async () => {
    s.nodes[0]!.script.hang = true;
    const started = Date.now();
    const res = await s.server.request('POST', '/ollama/api/chat', { token: s.admin.token, body: { model: 'llama3.2:3b', messages } });
    assert.equal(res.status, 500);
    assert.match(res.body.detail, /^Ollama: /);
    assert.ok(Date.now() - started < 4000);
  });

  it('pins a node by index', async () => {
    const res = await s.server.request('POST', '/ollama/api/chat/0', { token: s.admin.token, body: { model: 'llama3.2:3b', messages, stream: false } });
    assert.equal(res.status, 200, res.text);
    assert.equal((await s.server.request('POST', '/ollama/api/chat/3', { token: s.admin.token, body: { model: 'llama3.2:3b', messages } })).status, 404);
  });

  it('aborts the upstream stream when the client goes away', async () => {
    const node = s.nodes[0]!;
    Object.assign(node.script, { tokens: 50, tokenDelayMs: 50 });
    const controller = new AbortController();
    const res = await fetch(`${s.server.url}/ollama/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.admin.token}` },
      body: JSON.stringify({ model: 'llama3.2:3b', messages }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    for (let i = 0; i < 40 && node.stats.abortedStreams === 0; i++) await sleep(50);
    assert.equal(node.stats.abortedStreams, 1);
  });

  it('serves the OpenAI-compatible chat, streamed and not', async () => {
    const json = await s.server.request('POST', '/ollama/v1/chat/completions', { token: s.user.token, body: { model: 'helper', messages } });
    assert.equal(json.status, 200, json.text);
    assert.equal(json.body.choices[0].message.content, 'tok0 tok1 tok2 tok3 tok4 ');
    const sent = hits(s.nodes[0]!, 'POST', '/v1/chat/completions')[0]?.body as Record<string, any>;
    assert.equal(sent['model'], 'llama3.2:3b');
    assert.equal(sent['temperature'], 0.3);
    assert.equal(sent['max_tokens'], 64);
    assert.equal(sent['messages'][0].role, 'system');
    const stream = await s.server.request('POST', '/ollama/v1/chat/completions', { token: s.admin.token, body: { model: 'qwen2.5', messages, stream: true } });
    assert.match(stream.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.match(stream.text, /data: \[DONE\]/);
    const denied = await s.server.request('POST', '/ollama/v1/chat/completions', { token: s.user.token, body: { model: 'qwen2.5', messages } });
    assert.equal(denied.status, 403);
    const bad = await s.server.request('POST', '/ollama/v1/chat/completions', { token: s.user.token, body: { model: 'helper' } });
    assert.equal(bad.status, 400);
  });

  it('serves the OpenAI-compatible text completion', async () => {
    const res = await s.server.request('POST', '/ollama/v1/completions', { token: s.admin.token, body: { model: 'qwen2.5', prompt: 'Once' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.object, 'text_completion');
    const sent = hits(s.nodes[0]!, 'POST', '/v1/completions')[0]?.body as Record<string, any>;
    assert.equal(sent['model'], 'qwen2.5:latest');
    const pinned = await s.server.request('POST', '/ollama/v1/completions/0', { token: s.admin.token, body: { model: 'qwen2.5', prompt: 'Once' } });
    assert.equal(pinned.status, 200);
  });
});

describe('ollama: chat through a prefixed connection', () => {
  let s: Setup;
  before(async () => {
    s = await setup(1, {}, [{ ollamaModels: ['llama3.2:3b'] }]);
    const body = { ENABLE_OLLAMA_API: true, OLLAMA_BASE_URLS: [s.nodes[0]!.url], OLLAMA_API_CONFIGS: { '0': { prefix_id: 'lab', key: 'sk-lab' } } };
    await s.server.request('POST', '/ollama/config/update', { token: s.admin.token, body });
  });
  after(async () => s.close());

  it('strips the prefix and sends the key', async () => {
    const res = await s.server.request('POST', '/ollama/api/chat', { token: s.admin.token, body: { model: 'lab.llama3.2:3b', messages, stream: false } });
    assert.equal(res.status, 200, res.text);
    const sent = hits(s.nodes[0]!, 'POST', '/api/chat')[0]!;
    assert.equal((sent.body as Record<string, unknown>)['model'], 'llama3.2:3b');
    assert.equal(sent.headers['authorization'], 'Bearer sk-lab');
  });
});
