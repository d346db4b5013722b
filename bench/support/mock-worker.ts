// The mock model server on its own thread, so the relay benchmark's upstream does not share the
// server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { startMockUpstream } from '../../test/helpers/mock-upstream.ts';

const mock = await startMockUpstream();
const { tokens, tokenDelayMs } = workerData as { tokens: number; tokenDelayMs: number };
mock.script.tokens = tokens;
mock.script.tokenDelayMs = tokenDelayMs;
// The benchmark sends thousands of requests; keeping them all would only grow memory.
setInterval(() => mock.requests.splice(0), 1000).unref();
parentPort?.postMessage({ url: mock.url });
