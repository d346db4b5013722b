// A streaming load client on its own thread: opens `streams` requests, `concurrency` at a time, and
// reports each stream's time to first token and the tokens received.
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'undici';

export interface StreamLoad {
  url: string;
  body: string;
  headers: Record<string, string>;
  concurrency: number;
  streams: number;
}

export interface StreamResult {
  ttftMs: number[];
  tokens: number;
  failures: number;
  wallMs: number;
}

const TOKEN = /tok\d+ /g;

async function run(load: StreamLoad): Promise<StreamResult> {
  const agent = new Agent({ connections: load.concurrency, keepAliveTimeout: 30_000 });
  const result: StreamResult = { ttftMs: [], tokens: 0, failures: 0, wallMs: 0 };
  let next = 0;
  const one = async () => {
    const started = performance.now();
    let first = true;
    let text = '';
    try {
      const response = await request(load.url, { method: 'POST', body: load.body, headers: { 'content-type': 'application/json', ...load.headers }, dispatcher: agent });
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      for await (const chunk of response.body) {
        text += chunk.toString();
        if (first && text.includes('tok')) {
          result.ttftMs.push(performance.now() - started);
          first = false;
        }
      }
      result.tokens += text.match(TOKEN)?.length ?? 0;
    } catch {
      result.failures++;
    }
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: load.concurrency }, async () => {
      while (next < load.streams) {
        next++;
        await one();
      }
    }),
  );
  result.wallMs = performance.now() - started;
  await agent.close();
  return result;
}

parentPort?.postMessage(await run(workerData as StreamLoad));
