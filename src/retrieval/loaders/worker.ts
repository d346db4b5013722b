// A worker thread's entry: runs the jobs its Extractor posts, one at a time, and answers each.
// The splitter loads on first use (its tokenizer ranks are large), like the heavy parsers.
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../../lib/errors.ts';
import { extract } from './extract.ts';
import type { Job, Reply } from './protocol.ts';
import { lowerThreadPriority } from './priority.ts';

const port = parentPort!;
lowerThreadPriority();

async function run(job: Job): Promise<Reply> {
  try {
    if (job.op === 'extract') return { type: 'done', value: await extract(job.kind, job.bytes, job.limits) };
    const { splitterFrom } = await import('../split/index.ts');
    return { type: 'done', value: splitterFrom(job.settings).split(job.text) };
  } catch (error) {
    return { type: 'failed', message: errorMessage(error) };
  }
}

port.on('message', (job: Job) => {
  void run(job).then((reply) => port.postMessage(reply));
});
// A job that cannot be read here (its buffer was detached after the call) still gets its answer.
port.on('messageerror', (error) => {
  port.postMessage({ type: 'failed', message: `The extraction worker could not read the job: ${error.message}` } satisfies Reply);
});
port.postMessage({ type: 'ready' } satisfies Reply);
