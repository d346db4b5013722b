// Shared steps of the /openai and /v1 tests: a server wired to the mock upstream, workspace model
// records, and reading an SSE answer.
import assert from 'node:assert/strict';
import type { Account, TestServer } from '../helpers/server.ts';
import type { MockRequest, MockUpstream } from '../helpers/mock-upstream.ts';

export const CONNECTION_ERROR = 'Open WebUI: Server Connection Error';
export const MODEL_NOT_FOUND = 'Model not found';
export const ACCESS_PROHIBITED = 'You do not have permission to access this resource. Please contact your administrator for assistance.';

/** Env pointing the server at the mock: OpenAI at /v1 (key sk-test), Ollama at the root unless `ollama` is false. */
export function mockEnv(mock: MockUpstream, ollama = false, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OPENAI_API_BASE_URLS: `${mock.url}/v1`,
    OPENAI_API_KEYS: 'sk-test',
    ...(ollama ? { OLLAMA_BASE_URLS: mock.url } : { ENABLE_OLLAMA_API: 'false' }),
    ...extra,
  };
}

/** A public workspace model record (access_control null) created by the admin. */
export async function createPreset(server: TestServer, admin: Account, body: Record<string, unknown>): Promise<void> {
  const res = await server.request('POST', '/api/v1/models/create', {
    token: admin.token,
    body: { name: String(body['id']), meta: { description: 'test' }, params: {}, access_control: null, ...body },
  });
  assert.equal(res.status, 200, res.text);
}

/** The last request the mock saw for a path (without query) and method. */
export function lastRequest(mock: MockUpstream, method: string, path: string): MockRequest {
  const found = mock.requests.filter((r) => r.method === method && r.path.split('?')[0] === path).pop();
  assert.ok(found, `mock saw no ${method} ${path}; saw ${mock.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  return found;
}

/** `data:` payloads of an SSE text, `[DONE]` kept as the string. */
export function sseData(text: string): unknown[] {
  return text
    .split('\n\n')
    .map((event) => event.trim())
    .filter((event) => event.startsWith('data:'))
    .map((event) => event.slice(5).trim())
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

/** Content deltas of OpenAI chat chunks, joined. */
export function joinedContent(events: unknown[]): string {
  return events
    .filter((e): e is { choices: { delta?: { content?: string } }[] } => typeof e === 'object' && e !== null && 'choices' in e)
    .map((e) => e.choices[0]?.delta?.content ?? '')
    .join('');
}

export const tokens = (n: number): string => Array.from({ length: n }, (_, i) => `tok${i} `).join('');

export async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts a streaming POST, reads the first body chunk, then aborts; returns that chunk. */
export async function abortAfterFirstChunk(url: string, token: string, body: unknown): Promise<string> {
  const controller = new AbortController();
  const res = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: controller.signal });
  assert.equal(res.status, 200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const first = await reader.read();
  controller.abort();
  await reader.cancel().catch(() => {});
  return new TextDecoder().decode(first.value);
}
