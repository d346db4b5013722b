// A closed-loop HTTP load client on its own thread: `concurrency` clients, each sending the next
// request of a list (cycled) as soon as its previous answer has been read, for `durationMs` or until
// told to stop. Latency is per request, from sending to the last byte of the answer, in ms.
import { parentPort } from 'node:worker_threads';
import { Pool } from 'undici';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export type LoadCommand =
  | { op: 'run'; origin: string; requests: LoadRequest[]; concurrency: number; durationMs?: number }
  /** Ends a run started without durationMs; the run's result is the answer. */
  | { op: 'stop' }
  | { op: 'close' };

export interface LoadResult {
  latencies: number[];
  failures: number;
  wallMs: number;
  /** The first unexpected status or error, to say why requests failed. */
  firstError?: string;
}

const port = parentPort!;
let stopping = false;

async function run(command: Extract<LoadCommand, { op: 'run' }>): Promise<LoadResult> {
  stopping = false;
  const pool = new Pool(command.origin, { connections: command.concurrency, pipelining: 1 });
  const result: LoadResult = { latencies: [], failures: 0, wallMs: 0 };
  const started = performance.now();
  const deadline = command.durationMs === undefined ? Infinity : started + command.durationMs;
  let next = 0;
  await Promise.all(
    Array.from({ length: command.concurrency }, async () => {
      while (!stopping && performance.now() < deadline) {
        const request = command.requests[next++ % command.requests.length] as LoadRequest;
        const sent = performance.now();
        try {
          const response = await pool.request({ method: request.method, path: request.path, headers: request.headers, body: request.body });
          const text = await response.body.text();
          if (response.statusCode !== 200) {
            result.failures++;
            result.firstError ??= `${response.statusCode} ${text.slice(0, 200)}`;
          } else result.latencies.push(performance.now() - sent);
        } catch (error) {
          result.failures++;
          result.firstError ??= String(error);
        }
      }
    }),
  );
  result.wallMs = performance.now() - started;
  await pool.close();
  return result;
}

port.on('message', (command: LoadCommand) => {
  if (command.op === 'run') void run(command).then((result) => port.postMessage(result));
  else if (command.op === 'stop') stopping = true;
  else if (command.op === 'close') port.close();
});
