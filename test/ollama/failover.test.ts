// Two nodes serving the same model: load spread, failover before anything was relayed, dead node skipped.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hits, ndjson, setup, type Setup } from './support.ts';

const messages = [{ role: 'user', content: 'hi' }];

describe('ollama: two nodes', () => {
  let s: Setup;
  before(async () => {
    s = await setup(2, { ENABLE_FORWARD_USER_INFO_HEADERS: 'true' });
  });
  after(async () => s.close());

  const chat = (stream: boolean) =>
    s.server.request('POST', '/ollama/api/chat', { token: s.admin.token, body: { model: 'llama3.2:3b', messages, stream, metadata: { chat_id: 'chat-1' } } });

  it('spreads requests over both nodes and forwards who is asking', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await chat(false)).status, 200);
    const [a, b] = s.nodes.map((n) => hits(n, 'POST', '/api/chat'));
    assert.ok(a!.length > 0 && b!.length > 0, `node 0 got ${a!.length}, node 1 got ${b!.length}`);
    const headers = (a![0] ?? b![0])!.headers;
    assert.equal(headers['x-openwebui-user-email'], 'admin@example.com');
    assert.equal(headers['x-openwebui-chat-id'], 'chat-1');
  });

  it('retries a non-streamed request on the other node when one answers 5xx', async () => {
    for (const n of s.nodes) n.reset();
    s.nodes[0]!.script.failWith = { status: 500, body: { error: 'out of memory' } };
    for (let i = 0; i < 3; i++) {
      const res = await chat(false);
      assert.equal(res.status, 200, res.text);
    }
    assert.equal(hits(s.nodes[1]!, 'POST', '/api/chat').length, 3);
  });

  it('retries a stream before its first byte', async () => {
    const res = await chat(true);
    assert.equal(res.status, 200, res.text);
    assert.equal(ndjson(res.text).at(-1)?.['done'], true);
  });

  it('answers the last error when every node fails', async () => {
    s.nodes[1]!.script.failWith = { status: 500, body: { error: 'out of memory' } };
    const res = await chat(false);
    assert.equal(res.status, 500);
    assert.equal(res.body.detail, 'out of memory');
    for (const n of s.nodes) n.reset();
  });

  it('keeps serving when a node is stopped', async () => {
    await s.nodes[0]!.close();
    for (let i = 0; i < 4; i++) {
      const res = await chat(i % 2 === 0);
      assert.equal(res.status, 200, res.text);
    }
    const embed = await s.server.request('POST', '/ollama/api/embed', { token: s.admin.token, body: { model: 'llama3.2:3b', input: 'x' } });
    assert.equal(embed.status, 200, embed.text);
  });
});
