// Streaming relay (issue 3/5): a mock upstream emits TOKENS tokens per stream; tokens/s and time to
// first token are read directly from the upstream and through our server in the same run, at 1, 100
// and 1,000 concurrent streams. The upstream and the load client run on their own threads.
// Two runs: tokens paced like a fast model (BENCH_TOKEN_DELAY_MS, 20 ms = 50 tokens/s per stream),
// then as fast as the mock can write them, where the three threads share two cores.
// Paced clients start spread over one stream's length, as users arrive, not in one burst; every
// route is warmed up first. The paced run also measures a bare Node relay (bench/support/bare-relay.ts)
// on the Ollama route: the ceiling this machine allows any relay written in Node.
// BENCH_TOKENS / BENCH_STREAMS_FACTOR scale it.
import { signup, startServer } from '../test/helpers/server.ts';
import { startBareRelay } from './support/bare-relay.ts';
import type { StreamResult } from './support/load-loop.ts';
import type { StreamLoad } from './support/stream-client.ts';
import { percentile, startMockThread, worker } from './support/threads.ts';

const TOKENS = Number(process.env['BENCH_TOKENS'] ?? 100);
const TOKEN_DELAY_MS = Number(process.env['BENCH_TOKEN_DELAY_MS'] ?? 20);
const FACTOR = Number(process.env['BENCH_STREAMS_FACTOR'] ?? 1);
/** Streams per concurrency level: paced streams take TOKENS × delay each, so fewer of them. */
const levels = (paced: boolean) => [
  { concurrency: 1, streams: Math.max(1, Math.round((paced ? 5 : 50) * FACTOR)) },
  { concurrency: 100, streams: Math.max(100, Math.round((paced ? 200 : 500) * FACTOR)) },
  { concurrency: 1000, streams: Math.max(1000, Math.round(2000 * FACTOR)) },
];

const paced = await startMockThread(TOKENS, TOKEN_DELAY_MS);
const fast = await startMockThread(TOKENS, 0);

// Two connections per provider: index 0 paced, index 1 full speed, told apart by prefix.
const server = await startServer({
  OLLAMA_BASE_URLS: `${paced.url};${fast.url}`,
  OLLAMA_API_CONFIGS: JSON.stringify({ '1': { prefix_id: 'fast' } }),
  OPENAI_API_BASE_URLS: `${paced.url}/v1;${fast.url}/v1`,
  OPENAI_API_KEYS: 'sk-bench;sk-bench',
  OPENAI_API_CONFIGS: JSON.stringify({ '1': { prefix_id: 'fast' } }),
  MODELS_CACHE_TTL: '60',
});
const bare = await startBareRelay(paced.url);
const admin = await signup(server, 'Bench Admin', 'bench@example.com');
const auth = { authorization: `Bearer ${admin.token}` };
const chatBody = (model: string) => JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] });
const routesFor = (upstream: string, prefix: string) => [
  { label: '/openai/chat/completions', direct: { url: `${upstream}/v1/chat/completions`, body: chatBody('gpt-4o') }, through: { url: `${server.url}/openai/chat/completions`, body: chatBody(`${prefix}gpt-4o`) } },
  { label: '/ollama/api/chat', direct: { url: `${upstream}/api/chat`, body: chatBody('llama3.2:3b') }, through: { url: `${server.url}/ollama/api/chat`, body: chatBody(`${prefix}llama3.2:3b`) }, bare: upstream === paced.url },
  { label: '/v1/chat/completions (Ollama model)', direct: { url: `${upstream}/api/chat`, body: chatBody('llama3.2:3b') }, through: { url: `${server.url}/v1/chat/completions`, body: chatBody(`${prefix}llama3.2:3b`) } },
];

const load = (target: { url: string; body: string }, headers: Record<string, string>, level: { concurrency: number; streams: number }, rampMs: number) =>
  worker<StreamResult>('./stream-client.ts', { ...target, headers, ...level, rampMs } satisfies StreamLoad);

const runs = [
  { title: `paced: ${TOKEN_DELAY_MS} ms between tokens`, upstream: paced.url, prefix: '', paced: true },
  { title: 'full speed (mock, client and server share the 2 cores)', upstream: fast.url, prefix: 'fast.', paced: false },
];
const rate = (r: StreamResult) => r.tokens / (r.wallMs / 1000);
const printRow = (label: string, concurrency: number, direct: StreamResult, ours: StreamResult) =>
  console.log(
    label.padEnd(38),
    String(concurrency).padStart(7),
    rate(direct).toFixed(0).padStart(13),
    rate(ours).toFixed(0).padStart(11),
    (rate(ours) / rate(direct)).toFixed(2).padStart(6),
    (percentile(ours.ttftMs, 50) - percentile(direct.ttftMs, 50)).toFixed(1).padStart(13),
    (percentile(ours.ttftMs, 99) - percentile(direct.ttftMs, 99)).toFixed(1).padStart(13),
    String(direct.failures + ours.failures).padStart(9),
  );

// Warm-up: the first requests of a route run cold code (and open the upstream connections).
const warmUp = { concurrency: 10, streams: 300 };
for (const route of routesFor(fast.url, 'fast.')) {
  await load(route.direct, {}, warmUp, 0);
  await load(route.through, auth, warmUp, 0);
}
const pacedChat = routesFor(paced.url, '')[1]!;
await load({ ...pacedChat.direct, url: `${bare.url}/api/chat` }, {}, { concurrency: 20, streams: 20 }, 0);

console.log(`relay: ${TOKENS} tokens per stream; direct = read from the mock upstream, ours = through this server`);
for (const run of runs) {
  console.log(`\n${run.title}`);
  console.log('route'.padEnd(38), 'streams'.padStart(7), 'tok/s direct'.padStart(13), 'tok/s ours'.padStart(11), 'ratio'.padStart(6), 'TTFT p50 +ms'.padStart(13), 'TTFT p99 +ms'.padStart(13), 'failures'.padStart(9));
  for (const route of routesFor(run.upstream, run.prefix)) {
    for (const level of levels(run.paced)) {
      const rampMs = run.paced ? TOKENS * TOKEN_DELAY_MS : 0;
      const direct = await load(route.direct, {}, level, rampMs);
      printRow(route.label, level.concurrency, direct, await load(route.through, auth, level, rampMs));
      if (route.bare) printRow('  bare Node relay (ceiling)', level.concurrency, direct, await load({ ...route.direct, url: `${bare.url}/api/chat` }, {}, level, rampMs));
    }
  }
}
await Promise.all([server.close(), bare.close()]);
await Promise.all([paced.mock.terminate(), fast.mock.terminate()]);
