// A streaming load client on its own thread: opens `streams` requests, `concurrency` at a time, and
// reports each stream's time to first token and the tokens received. It reads through undici's
// dispatch interface (no stream objects, no promise per chunk) so that the load generator itself
// takes as little of the machine's CPU as it can.
// Its `concurrency` connections are opened before the clock starts, as users' browsers keep theirs:
// Node 20's libuv accepts one new connection per event-loop turn, so a surge of new connections to a
// busy server queues in its accept backlog, which would be measured instead of the relay.
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, type Dispatcher } from 'undici';
import { loadLoop, type StreamResult } from './load-loop.ts';

export interface StreamLoad {
  url: string;
  body: string;
  headers: Record<string, string>;
  concurrency: number;
  streams: number;
  /** The clients start spread over this many ms, as users do, rather than in one burst. */
  rampMs: number;
}

/** One streamed request; resolves with its text and time to first token, rejects on failure. */
function stream(agent: Agent, load: StreamLoad): Promise<{ text: string; ttftMs: number }> {
  const url = new URL(load.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let text = '';
    let ttftMs = -1;
    let status = 0;
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: () => {},
      onResponseStart: (_controller, statusCode) => {
        status = statusCode;
      },
      onResponseData: (_controller, chunk) => {
        text += chunk.toString();
        if (ttftMs < 0 && text.includes('tok')) ttftMs = performance.now() - started;
      },
      onResponseEnd: () => (status === 200 && ttftMs >= 0 ? resolve({ text, ttftMs }) : reject(new Error(`status ${status}`))),
      onResponseError: (_controller, error) => reject(error),
    };
    agent.dispatch({ origin: url.origin, path: url.pathname, method: 'POST', body: load.body, headers: { 'content-type': 'application/json', ...load.headers } }, handler);
  });
}

/** One GET of the origin's root, answered or not: it leaves a kept-alive connection in the pool. */
function connect(agent: Agent, origin: string): Promise<void> {
  return new Promise((resolve) => {
    agent.dispatch(
      { origin, path: '/', method: 'GET' },
      { onRequestStart: () => {}, onResponseStart: () => {}, onResponseData: () => {}, onResponseEnd: () => resolve(), onResponseError: () => resolve() },
    );
  });
}

async function run(load: StreamLoad): Promise<StreamResult> {
  const agent = new Agent({ connections: load.concurrency, keepAliveTimeout: 30_000 });
  await Promise.all(Array.from({ length: load.concurrency }, () => connect(agent, new URL(load.url).origin)));
  const result = await loadLoop(load.concurrency, load.streams, load.rampMs, () => stream(agent, load));
  await agent.close();
  return result;
}

parentPort?.postMessage(await run(workerData as StreamLoad));
