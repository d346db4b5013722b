// A client that disconnects while its request waits upstream aborts that request, and the node is
// not blamed for it: no cool-down, no retry on another node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signup, startServer } from '../helpers/server.ts';
import { startMockUpstream } from '../helpers/mock-upstream.ts';

test('a client abort does not take the node out of rotation', async () => {
  const [first, second] = await Promise.all([startMockUpstream(), startMockUpstream()]);
  for (const node of [first, second]) node.script.firstTokenDelayMs = 2_000;
  const server = await startServer({ OLLAMA_BASE_URLS: `${first.url};${second.url}`, ENABLE_OPENAI_API: 'false' });
  try {
    const admin = await signup(server, 'Ada', 'ada@example.com');
    const body = JSON.stringify({ model: 'llama3.2:3b', stream: false, messages: [{ role: 'user', content: 'hi' }] });
    const aborted = fetch(`${server.url}/ollama/api/chat`, { method: 'POST', body, headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' }, signal: AbortSignal.timeout(300) });
    await assert.rejects(aborted);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const chats = [...first.requests, ...second.requests].filter((r) => r.path === '/api/chat');
    assert.equal(chats.length, 1, 'not retried on the other node');
    const { balancer } = server.services.providers;
    assert.equal(balancer.isDown(first.url) || balancer.isDown(second.url), false);
  } finally {
    await server.close();
    await Promise.all([first.close(), second.close()]);
  }
});
