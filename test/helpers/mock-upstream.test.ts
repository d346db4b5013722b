// Self-test of the scripted mock model server, driven with plain fetch.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startMockUpstream, type MockUpstream } from './mock-upstream.ts';

let mock: MockUpstream;

before(async () => {
  mock = await startMockUpstream();
});
after(() => mock.close());
beforeEach(() => mock.reset());

function post(path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...init });
}

// Answers are inspected field by field, so `any` keeps the asserts readable.
async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const ndjson = (text: string): any[] => text.trim().split('\n').map((line) => JSON.parse(line));

/** The `data:` payloads of an SSE body, in order. */
const sseData = (text: string): string[] =>
  text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const FULL = 'tok0 tok1 tok2 tok3 tok4 ';
const chat = { model: 'gpt-4o', messages: [{ role: 'user', content: 'say hi please' }] };

describe('ollama api', () => {
  test('version, tags, ps, show', async () => {
    assert.deepEqual(await json(await fetch(`${mock.url}/api/version`)), { version: '0.6.5' });

    const tags = await json(await fetch(`${mock.url}/api/tags`));
    assert.deepEqual(tags.models.map((m: any) => m.name), ['llama3.2:3b', 'qwen2.5:7b']);
    assert.equal(tags.models[0].model, 'llama3.2:3b');
    assert.equal(tags.models[0].details.format, 'gguf');
    assert.ok(!Number.isNaN(Date.parse(tags.models[0].modified_at)));

    const ps = await json(await fetch(`${mock.url}/api/ps`));
    assert.equal(ps.models.length, 1);
    assert.equal(ps.models[0].name, 'llama3.2:3b');
    assert.equal(typeof ps.models[0].size_vram, 'number');

    const show = await post('/api/show', { model: 'qwen2.5:7b' });
    assert.equal(show.status, 200);
    const shown = await json(show);
    assert.equal(shown.modelfile, 'FROM qwen2.5:7b');
    assert.deepEqual(shown.capabilities, ['completion']);

    const missing = await post('/api/show', { name: 'nope:1b' });
    assert.equal(missing.status, 404);
    assert.deepEqual(await json(missing), { error: "model 'nope:1b' not found" });
  });

  test('chat streams NDJSON token by token, or answers once with stream:false', async () => {
    const res = await post('/api/chat', { model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hello there' }] });
    assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
    const lines = ndjson(await res.text());
    assert.equal(lines.length, 6);
    assert.equal(lines.slice(0, 5).map((l) => l.message.content).join(''), FULL);
    assert.equal(lines[0].done, false);
    const last = lines[5];
    assert.equal(last.done, true);
    assert.equal(last.done_reason, 'stop');
    assert.equal(last.message.content, '');
    assert.equal(last.eval_count, 5);
    assert.equal(last.prompt_eval_count, 2);

    mock.script.tokens = 3;
    const once = await json(await post('/api/chat', { model: 'llama3.2:3b', messages: [], stream: false }));
    assert.deepEqual(once.message, { role: 'assistant', content: 'tok0 tok1 tok2 ' });
    assert.equal(once.done, true);
    assert.equal(once.eval_count, 3);

    const missing = await post('/api/chat', { model: 'nope:1b', messages: [] });
    assert.equal(missing.status, 404);
    assert.deepEqual(await json(missing), { error: "model 'nope:1b' not found, try pulling it first" });
  });

  test('generate streams `response` fields and ends with a context', async () => {
    const lines = ndjson(await (await post('/api/generate', { model: 'qwen2.5:7b', prompt: 'why' })).text());
    assert.equal(lines.slice(0, -1).map((l) => l.response).join(''), FULL);
    assert.deepEqual(lines.at(-1).context, [1, 2, 3]);
    const once = await json(await post('/api/generate', { model: 'qwen2.5:7b', prompt: 'why', stream: false }));
    assert.equal(once.response, FULL);
  });

  test('embed and embeddings are deterministic 8-dimensional vectors', async () => {
    const a = await json(await post('/api/embed', { model: 'llama3.2:3b', input: ['alpha', 'beta'] }));
    assert.equal(a.embeddings.length, 2);
    assert.equal(a.embeddings[0].length, 8);
    assert.notDeepEqual(a.embeddings[0], a.embeddings[1]);
    const b = await json(await post('/api/embed', { model: 'llama3.2:3b', input: 'alpha' }));
    assert.deepEqual(b.embeddings, [a.embeddings[0]]);
    const c = await json(await post('/api/embeddings', { model: 'llama3.2:3b', prompt: 'alpha' }));
    assert.deepEqual(c.embedding, a.embeddings[0]);
  });

  test('pull streams progress and adds the model; delete removes it', async () => {
    const lines = ndjson(await (await post('/api/pull', { model: 'mistral:7b' })).text());
    assert.deepEqual(lines.map((l) => l.status), [
      'pulling manifest',
      'downloading sha256:abc',
      'downloading sha256:abc',
      'downloading sha256:abc',
      'verifying sha256 digest',
      'writing manifest',
      'success',
    ]);
    assert.deepEqual(lines.slice(1, 4).map((l) => l.completed), [100, 200, 300]);
    let tags = await json(await fetch(`${mock.url}/api/tags`));
    assert.ok(tags.models.some((m: any) => m.name === 'mistral:7b'));

    const del = await fetch(`${mock.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'mistral:7b' }) });
    assert.equal(del.status, 200);
    tags = await json(await fetch(`${mock.url}/api/tags`));
    assert.ok(!tags.models.some((m: any) => m.name === 'mistral:7b'));
    const again = await fetch(`${mock.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'mistral:7b' }) });
    assert.equal(again.status, 404);
    await again.body?.cancel();
  });

  test('copy, create, push and blobs', async () => {
    const copy = await post('/api/copy', { source: 'llama3.2:3b', destination: 'mine:latest' });
    assert.equal(copy.status, 200);
    assert.equal(await copy.text(), '');
    assert.equal((await post('/api/copy', { source: 'nope:1b', destination: 'x' }).then((r) => (r.body?.cancel(), r))).status, 404);
    assert.deepEqual(ndjson(await (await post('/api/create', { model: 'made:1b', from: 'llama3.2:3b' })).text()), [{ status: 'success' }]);
    const names = (await json(await fetch(`${mock.url}/api/tags`))).models.map((m: any) => m.name);
    assert.ok(names.includes('mine:latest') && names.includes('made:1b'));
    assert.deepEqual(ndjson(await (await post('/api/push', { model: 'made:1b' })).text()), [{ status: 'success' }]);
    assert.equal((await fetch(`${mock.url}/api/blobs/sha256:abc`, { method: 'HEAD' })).status, 200);
    const digest = `sha256:${createHash('sha256').update('bytes').digest('hex')}`;
    assert.equal((await fetch(`${mock.url}/api/blobs/${digest}`, { method: 'POST', body: 'bytes' }).then((r) => (r.body?.cancel(), r))).status, 201);
    const mismatch = await fetch(`${mock.url}/api/blobs/sha256:abc`, { method: 'POST', body: 'bytes' });
    assert.deepEqual([mismatch.status, await mismatch.json()], [400, { error: 'digest mismatch' }]);
  });
});

describe('openai api', () => {
  test('models', async () => {
    const list = await json(await fetch(`${mock.url}/v1/models`));
    assert.equal(list.object, 'list');
    assert.deepEqual(list.data.map((m: any) => m.id), ['gpt-4o', 'gpt-4o-mini']);
    assert.deepEqual(list.data[0], { id: 'gpt-4o', object: 'model', created: 1700000000, owned_by: 'mock' });
  });

  test('chat completion without streaming carries usage', async () => {
    const res = await post('/v1/chat/completions', chat, { headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sk-test' } });
    const body = await json(res);
    assert.equal(body.object, 'chat.completion');
    assert.match(body.id, /^chatcmpl-/);
    assert.deepEqual(body.choices[0].message.content, FULL);
    assert.equal(body.choices[0].finish_reason, 'stop');
    assert.deepEqual(body.usage, { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 });

    const seen = mock.requests.at(-1);
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.path, '/v1/chat/completions');
    assert.equal(seen?.headers['authorization'], 'Bearer sk-test');
    assert.deepEqual(seen?.body, chat);
  });

  test('chat completion stream: role chunk, one chunk per token, stop, usage, [DONE]', async () => {
    const res = await post('/v1/chat/completions', { ...chat, stream: true, stream_options: { include_usage: true } });
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const data = sseData(await res.text());
    assert.equal(data.at(-1), '[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'gpt-4o'));
    assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '' });
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), FULL);
    assert.equal(chunks.length, 1 + 5 + 2);
    const stop = chunks[6];
    assert.deepEqual(stop.choices[0].delta, {});
    assert.equal(stop.choices[0].finish_reason, 'stop');
    assert.deepEqual(chunks[7].choices, []);
    assert.deepEqual(chunks[7].usage, { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 });

    // Without include_usage there is no usage chunk.
    const plain = sseData(await (await post('/v1/chat/completions', { ...chat, stream: true })).text());
    assert.equal(plain.length, 1 + 5 + 1 + 1);
  });

  test('unknown model is a 404 model_not_found', async () => {
    const res = await post('/v1/chat/completions', { ...chat, model: 'gpt-9' });
    assert.equal(res.status, 404);
    assert.equal((await json(res)).error.code, 'model_not_found');
  });

  test('embeddings and legacy completions (also for the ollama models)', async () => {
    const emb = await json(await post('/v1/embeddings', { model: 'gpt-4o-mini', input: ['a', 'b'] }));
    assert.equal(emb.object, 'list');
    assert.deepEqual(emb.data.map((d: any) => [d.index, d.embedding.length]), [[0, 8], [1, 8]]);

    const data = sseData(await (await post('/v1/completions', { model: 'llama3.2:3b', prompt: 'once', stream: true })).text());
    assert.equal(data.at(-1), '[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    assert.equal(chunks.map((c) => c.choices[0].text).join(''), FULL);
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
  });
});

describe('script knobs', () => {
  test('failWith answers every request with the given status and body until cleared', async () => {
    mock.script.failWith = { status: 503, body: { error: 'overloaded' } };
    for (const path of ['/api/tags', '/v1/models']) {
      const res = await fetch(mock.url + path);
      assert.equal(res.status, 503);
      assert.deepEqual(await json(res), { error: 'overloaded' });
    }
    mock.script.failWith = undefined;
    assert.equal((await fetch(`${mock.url}/api/tags`).then((r) => (r.body?.cancel(), r))).status, 200);
  });

  test('disconnectAfterTokens cuts the stream mid-way', async () => {
    mock.script.disconnectAfterTokens = 2;
    const res = await post('/v1/chat/completions', { ...chat, stream: true });
    assert.equal(res.status, 200);
    let text = '';
    const decoder = new TextDecoder();
    await assert.rejects(async () => {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
    });
    assert.match(text, /tok0 .*tok1 /s);
    assert.doesNotMatch(text, /tok2|\[DONE\]/);
    await waitFor(() => mock.stats.openStreams === 0);
    assert.equal(mock.stats.abortedStreams, 0, 'a cut by the mock is not a client abort');
  });

  test('hang never answers: the client times out', async () => {
    mock.script.hang = true;
    await assert.rejects(post('/api/chat', { model: 'llama3.2:3b', messages: [] }, { signal: AbortSignal.timeout(150) }), /abort|timeout/i);
    assert.equal(mock.requests.length, 1);
  });

  test('tokenDelayMs spaces the tokens; firstTokenDelayMs delays the first one', async () => {
    mock.script.tokenDelayMs = 40;
    let started = Date.now();
    await (await post('/api/chat', { model: 'llama3.2:3b', messages: [] })).text();
    assert.ok(Date.now() - started >= 4 * 40 - 30, `5 tokens 40 ms apart took ${Date.now() - started} ms`);

    mock.script.tokenDelayMs = 0;
    mock.script.firstTokenDelayMs = 150;
    started = Date.now();
    await (await post('/v1/chat/completions', chat)).text();
    assert.ok(Date.now() - started >= 150 - 30, `first token after ${Date.now() - started} ms`);
  });

  test('a client abort mid-stream is counted and stops the stream', async () => {
    mock.script.tokens = 50;
    mock.script.tokenDelayMs = 20;
    const controller = new AbortController();
    const res = await post('/v1/chat/completions', { ...chat, stream: true }, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await waitFor(() => mock.stats.openStreams === 1);
    controller.abort();
    await reader.read().catch(() => {});
    await waitFor(() => mock.stats.abortedStreams === 1 && mock.stats.openStreams === 0);
  });

  test('without OpenAI models, /v1/models lists the ollama ones; close() ends requests left hanging', async () => {
    const own = await startMockUpstream({ ollamaModels: ['tiny:1b'], openaiModels: [] });
    const list = await json(await fetch(`${own.url}/v1/models`));
    assert.deepEqual(list.data.map((m: any) => [m.id, m.owned_by]), [['tiny:1b', 'library']]);
    own.script.hang = true;
    const pending = fetch(`${own.url}/api/tags`);
    await waitFor(() => own.requests.length === 1);
    await own.close();
    await assert.rejects(pending);
  });
});
