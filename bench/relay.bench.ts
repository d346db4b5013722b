// Streaming relay (issue 3/5): a mock upstream emits TOKENS tokens per stream; tokens/s and time to
// first token are read directly from the upstream and through our server in the same run, at 1, 100
// and 1,000 concurrent streams. The upstream and the load client run on their own threads.
// BENCH_TOKENS / BENCH_STREAMS_FACTOR scale it.
import { Worker } from 'node:worker_threads';
import { signup, startServer } from '../test/helpers/server.ts';
import type { StreamLoad, StreamResult } from './support/stream-client.ts';

const TOKENS = Number(process.env['BENCH_TOKENS'] ?? 100);
const FACTOR = Number(process.env['BENCH_STREAMS_FACTOR'] ?? 1);
const LEVELS = [
  { concurrency: 1, streams: Math.round(50 * FACTOR) },
  { concurrency: 100, streams: Math.round(500 * FACTOR) },
  { concurrency: 1000, streams: Math.round(2000 * FACTOR) },
];

const here = new URL('.', import.meta.url);
/** A thread running one of our TypeScript files (Node 20 workers do not take `--import tsx`). */
const thread = (file: string, data: unknown) =>
  new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL(file, here).href)}); });`, { eval: true, workerData: data });
const worker = <T>(file: string, data: unknown): Promise<T> =>
  new Promise((resolve, reject) => {
    const w = thread(file, data);
    w.once('message', (message: T) => resolve(message));
    w.once('error', reject);
  });

const mockThread = thread('./support/mock-worker.ts', { tokens: TOKENS });
const { url: upstream } = await new Promise<{ url: string }>((resolve) => mockThread.once('message', resolve));

const server = await startServer({ OLLAMA_BASE_URLS: upstream, OPENAI_API_BASE_URLS: `${upstream}/v1`, OPENAI_API_KEYS: 'sk-bench', MODELS_CACHE_TTL: '60' });
const admin = await signup(server, 'Bench Admin', 'bench@example.com');
const auth = { authorization: `Bearer ${admin.token}` };
const openaiBody = JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] });
const ollamaBody = JSON.stringify({ model: 'llama3.2:3b', stream: true, messages: [{ role: 'user', content: 'hi' }] });

const routes = [
  { label: '/openai/chat/completions', direct: { url: `${upstream}/v1/chat/completions`, body: openaiBody }, through: { url: `${server.url}/openai/chat/completions`, body: openaiBody } },
  { label: '/ollama/api/chat', direct: { url: `${upstream}/api/chat`, body: ollamaBody }, through: { url: `${server.url}/ollama/api/chat`, body: ollamaBody } },
  { label: '/v1/chat/completions (Ollama model)', direct: { url: `${upstream}/api/chat`, body: ollamaBody }, through: { url: `${server.url}/v1/chat/completions`, body: ollamaBody } },
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
};
const load = (target: { url: string; body: string }, headers: Record<string, string>, level: { concurrency: number; streams: number }) =>
  worker<StreamResult>('./support/stream-client.ts', { ...target, headers, ...level } satisfies StreamLoad);

console.log(`relay: ${TOKENS} tokens per stream; direct = read from the mock upstream, ours = through this server`);
console.log('route'.padEnd(38), 'streams'.padStart(7), 'tok/s direct'.padStart(13), 'tok/s ours'.padStart(11), 'ratio'.padStart(6), 'TTFT p50 +ms'.padStart(13), 'TTFT p99 +ms'.padStart(13), 'failures'.padStart(9));
for (const route of routes) {
  for (const level of LEVELS) {
    const direct = await load(route.direct, {}, level);
    const ours = await load(route.through, auth, level);
    const rate = (r: StreamResult) => r.tokens / (r.wallMs / 1000);
    console.log(
      route.label.padEnd(38),
      String(level.concurrency).padStart(7),
      rate(direct).toFixed(0).padStart(13),
      rate(ours).toFixed(0).padStart(11),
      (rate(ours) / rate(direct)).toFixed(2).padStart(6),
      (percentile(ours.ttftMs, 50) - percentile(direct.ttftMs, 50)).toFixed(1).padStart(13),
      (percentile(ours.ttftMs, 99) - percentile(direct.ttftMs, 99)).toFixed(1).padStart(13),
      String(direct.failures + ours.failures).padStart(9),
    );
  }
}
await server.close();
await mockThread.terminate();
