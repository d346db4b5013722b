// Benchmark helpers on their own threads (the mock upstream, load clients), so that they do not share
// the event loop they measure.
import { Worker } from 'node:worker_threads';

const here = new URL('.', import.meta.url);

/** A thread running one of our TypeScript files in bench/support (Node 20 workers do not take `--import tsx`). */
export const thread = (file: string, data?: unknown): Worker =>
  new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL(file, here).href)}); });`, { eval: true, workerData: data });

/** The first message of a new thread (a one-shot job's result). */
export const worker = <T>(file: string, data: unknown): Promise<T> => ask<T>(thread(file, data));

/** The thread's next message, after sending it `command` if one is given. */
export function ask<T>(target: Worker, command?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    target.once('message', (message: T) => {
      target.off('error', reject);
      resolve(message);
    });
    target.once('error', reject);
    if (command !== undefined) target.postMessage(command);
  });
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
};

/** The mock upstream (test/helpers/mock-upstream.ts) on its own thread, answering `tokens` tokens `tokenDelayMs` apart. */
export async function startMockThread(tokens: number, tokenDelayMs: number): Promise<{ mock: Worker; url: string }> {
  const mock = thread('./mock-worker.ts', { tokens, tokenDelayMs });
  const { url } = await ask<{ url: string }>(mock);
  return { mock, url };
}
