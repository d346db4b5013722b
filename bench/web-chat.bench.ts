// Chatting the web UI's way (issue 4/5): replies generated on the server and delivered over
// Socket.IO, at 1, 100 and 1,000 concurrent generations, each by its own user with one socket and a
// stored chat (the reply is written into it as it grows). Beside each figure, its baseline from the
// same run: tokens/s and time to first token read directly from the mock upstream, and the server's
// CPU per 1,000 tokens when the same replies go to API clients as plain SSE (/api/chat/completions
// without session_id). First, on a fresh server, 10,000 idle signed-in Socket.IO clients and its RSS.
// The server runs as its own process, as `npm start` runs it, so its RSS and CPU are its own; the
// mock upstream and the clients run on threads of this process. Tokens are paced like a fast model
// (BENCH_TOKEN_DELAY_MS, 20 ms = 50 tokens/s per stream); clients arrive spread over one reply's
// length. Background tasks (title, tags) are not asked for. BENCH_TOKENS, BENCH_STREAMS_FACTOR and
// BENCH_IDLE_SOCKETS scale it.
import { rmSync } from 'node:fs';
import { buildApp } from '../src/app.ts';
import { testEnv } from '../test/helpers/server.ts';
import { startServerProcess } from './support/server-process.ts';
import type { SocketCommand } from './support/socket-client.ts';
import type { StreamResult } from './support/load-loop.ts';
import type { StreamLoad } from './support/stream-client.ts';
import { ask, percentile, startMockThread, thread, worker } from './support/threads.ts';

const TOKENS = Number(process.env['BENCH_TOKENS'] ?? 100);
const TOKEN_DELAY_MS = Number(process.env['BENCH_TOKEN_DELAY_MS'] ?? 20);
const FACTOR = Number(process.env['BENCH_STREAMS_FACTOR'] ?? 1);
const IDLE_SOCKETS = Number(process.env['BENCH_IDLE_SOCKETS'] ?? 10_000);
const LEVELS = [
  { concurrency: 1, streams: Math.max(1, Math.round(5 * FACTOR)) },
  { concurrency: 100, streams: Math.max(100, Math.round(200 * FACTOR)) },
  { concurrency: 1000, streams: Math.max(1000, Math.round(2000 * FACTOR)) },
];
const USERS = Math.max(...LEVELS.map((level) => level.concurrency));
const RAMP_MS = TOKENS * TOKEN_DELAY_MS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { mock, url: upstream } = await startMockThread(TOKENS, TOKEN_DELAY_MS);
const env = testEnv({ OPENAI_API_BASE_URLS: `${upstream}/v1`, OPENAI_API_KEYS: 'sk-bench', OLLAMA_BASE_URLS: upstream, MODELS_CACHE_TTL: '60', BYPASS_MODEL_ACCESS_CONTROL: 'true' });

// The users and their session tokens, written straight into the database (signing up a thousand
// users would spend minutes on bcrypt).
const setup = await buildApp(env);
const tokens: string[] = [];
for (let i = 0; i < USERS; i++) {
  const { user } = await setup.services.users.create({ email: `bench${i}@example.com`, name: `Bench ${i}`, profileImageUrl: '/user.png', passwordHash: '!', role: (first) => (first ? 'admin' : 'user') });
  tokens.push((await setup.services.tokens.issue(user.id, null)).token);
}
await setup.close();

const client = thread('./socket-client.ts');

// Idle connections, on a server of their own: IDLE_SOCKETS signed-in sockets that only stay open.
{
  const server = await startServerProcess(env);
  await sleep(2000);
  const before = server.rssMb();
  const opening = performance.now();
  const opened = await ask<number>(client, { op: 'idle', url: server.url, tokens, count: IDLE_SOCKETS, batch: 250 } satisfies SocketCommand);
  const openedInMs = performance.now() - opening;
  await sleep(3000);
  const after = server.rssMb();
  console.log(`idle Socket.IO clients: ${opened} connected and joined in ${(openedInMs / 1000).toFixed(1)} s; server RSS ${before.toFixed(0)} MB without them, ${after.toFixed(0)} MB with them (${(((after - before) * 1024) / opened).toFixed(1)} KB each)`);
  await ask(client, { op: 'close' } satisfies SocketCommand);
  await server.close();
}

const server = await startServerProcess(env);
const idleRss = server.rssMb();
await ask<number>(client, { op: 'open', url: server.url, tokens } satisfies SocketCommand);
console.log(`server RSS: ${idleRss.toFixed(0)} MB started, ${server.rssMb().toFixed(0)} MB with ${USERS} users' sockets joined`);

const models = [
  { id: 'gpt-4o', label: 'OpenAI-compatible (gpt-4o)', direct: `${upstream}/v1/chat/completions` },
  { id: 'llama3.2:3b', label: 'Ollama (llama3.2:3b)', direct: `${upstream}/api/chat` },
];
const chatBody = (model: string) => JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] });
const stream = (url: string, model: string, headers: Record<string, string>, level: (typeof LEVELS)[number]) =>
  worker<StreamResult>('./stream-client.ts', { url, body: chatBody(model), headers, ...level, rampMs: RAMP_MS } satisfies StreamLoad);
const web = (model: string, level: (typeof LEVELS)[number], rampMs = RAMP_MS) => ask<StreamResult>(client, { op: 'run', model, ...level, rampMs } satisfies SocketCommand);
const apiAuth = { authorization: `Bearer ${tokens[0]}` };

/** Server CPU ms per 1,000 tokens delivered while `work` runs. */
async function cpuPerThousand(work: () => Promise<StreamResult>): Promise<{ result: StreamResult; cpu: number }> {
  const before = server.cpuMs();
  const result = await work();
  return { result, cpu: (server.cpuMs() - before) / (result.tokens / 1000) };
}

// Warm-up: the first replies run cold code and open the upstream connections.
for (const model of models) {
  await web(model.id, { concurrency: 50, streams: 100 }, 0);
  await stream(`${server.url}/api/chat/completions`, model.id, apiAuth, { concurrency: 50, streams: 100 });
}

const rate = (r: StreamResult) => r.tokens / (r.wallMs / 1000);
console.log(`\nweb UI mode: ${TOKENS} tokens per reply, ${TOKEN_DELAY_MS} ms apart; direct = read from the mock upstream; CPU is the server's per 1,000 tokens, web UI mode vs API (SSE) mode`);
console.log(
  'model'.padEnd(28),
  'streams'.padStart(7),
  'tok/s direct'.padStart(13),
  'tok/s web'.padStart(10),
  'ratio'.padStart(6),
  'TTFT p50 +ms'.padStart(13),
  'TTFT p99 +ms'.padStart(13),
  'failures'.padStart(9),
  'CPU web'.padStart(8),
  'CPU API'.padStart(8),
  'peak RSS MB'.padStart(12),
);
for (const model of models) {
  for (const level of LEVELS) {
    const direct = await stream(model.direct, model.id, {}, level);
    const stopPeak = server.peakRss();
    const ours = await cpuPerThousand(() => web(model.id, level));
    const peak = stopPeak();
    const api = await cpuPerThousand(() => stream(`${server.url}/api/chat/completions`, model.id, apiAuth, level));
    console.log(
      model.label.padEnd(28),
      String(level.concurrency).padStart(7),
      rate(direct).toFixed(0).padStart(13),
      rate(ours.result).toFixed(0).padStart(10),
      (rate(ours.result) / rate(direct)).toFixed(2).padStart(6),
      (percentile(ours.result.ttftMs, 50) - percentile(direct.ttftMs, 50)).toFixed(1).padStart(13),
      (percentile(ours.result.ttftMs, 99) - percentile(direct.ttftMs, 99)).toFixed(1).padStart(13),
      String(direct.failures + ours.result.failures + api.result.failures).padStart(9),
      ours.cpu.toFixed(0).padStart(8),
      api.cpu.toFixed(0).padStart(8),
      peak.toFixed(0).padStart(12),
    );
  }
}

await ask(client, { op: 'close' } satisfies SocketCommand);
await client.terminate();
await server.close();
await mock.terminate();
rmSync(env['DATA_DIR'] as string, { recursive: true, force: true });
