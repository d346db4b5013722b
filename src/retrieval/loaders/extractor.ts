// The Extractor: a small pool of worker threads that extract documents' text and split text into
// chunks, so that neither ever blocks the event loop. Workers start when first needed, run one job
// at a time, and stop after a while idle. A job that throws rejects its call; a worker that dies
// (out of memory, crash) or overruns the job timeout is dropped, its call rejected with a readable
// error, and a new worker takes the next job.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Chunk, SplitterSettings } from '../split/index.ts';
import { loaderFor } from './choose.ts';
import type { Extracted } from './extract.ts';
import type { Job, Reply } from './protocol.ts';
import { startWorker } from './spawn.ts';

export interface ExtractInput {
  bytes: Uint8Array;
  filename: string;
  contentType?: string | undefined;
}

export interface ExtractorOptions {
  /** Worker threads at most (default: one less than the CPUs, at most 2, at least 1). */
  threads?: number;
  /** A job's time limit in milliseconds (default 10 min: a 50 MB PDF takes about a minute on an idle core, and extraction yields the CPU to requests); the worker is replaced when it is hit. */
  timeoutMs?: number;
  /** Each worker's heap limit in MB (default 1024). */
  memoryLimitMb?: number;
  /** Uncompressed bytes a zip-based document may declare (default 200 MB). */
  maxUnzippedBytes?: number;
  /** Entries a zip-based document may hold (default 10,000). */
  maxZipEntries?: number;
  /** An idle worker stops after this many milliseconds (default 60 s). */
  idleTimeoutMs?: number;
}

interface Pending {
  job: Job;
  transfer: ArrayBuffer[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Pending | undefined;
  timer?: NodeJS.Timeout | undefined;
}

export class Extractor {
  private readonly threads: number;
  private readonly timeoutMs: number;
  private readonly memoryLimitMb: number;
  private readonly limits: { maxBytes: number; maxEntries: number };
  private readonly idleTimeoutMs: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(options: ExtractorOptions = {}) {
    this.threads = options.threads ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    this.timeoutMs = options.timeoutMs ?? 600_000;
    this.memoryLimitMb = options.memoryLimitMb ?? 1024;
    this.limits = { maxBytes: options.maxUnzippedBytes ?? 200 * 1024 * 1024, maxEntries: options.maxZipEntries ?? 10_000 };
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  }

  /**
   * The file's text. The bytes' buffer moves to the worker (no copy) when the view spans all of
   * it, leaving `input.bytes` empty (detached): do not read them after the call. Rejects with
   * UnsupportedFileError for images, videos and legacy Office files, with an Error saying why for
   * anything unreadable.
   */
  async extract({ bytes, filename, contentType }: ExtractInput): Promise<Extracted> {
    const kind = loaderFor(filename, contentType);
    const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteLength > 0 && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return this.run<Extracted>({ op: 'extract', kind, bytes, limits: this.limits }, whole ? [bytes.buffer] : []);
  }

  /** The text's chunks, by the splitter the settings name. */
  split(text: string, settings: SplitterSettings): Promise<Chunk[]> {
    return this.run<Chunk[]>({ op: 'split', text, settings }, []);
  }

  /** Stops every worker; calls still waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const closed = new Error('The extractor is closed');
    for (const pending of this.queue.splice(0)) pending.reject(closed);
    await Promise.all([...this.slots].map((slot) => this.retire(slot, closed)));
  }

  private run<T>(job: Job, transfer: ArrayBuffer[]): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The extractor is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, transfer, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Gives waiting jobs to idle workers, starting workers while there are more jobs than workers. */
  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.ready && !slot.current && this.queue.length > 0) this.assign(slot, this.queue.shift()!);
    }
    const starting = [...this.slots].filter((slot) => !slot.ready).length;
    for (let n = starting; n < this.queue.length && this.slots.size < this.threads; n++) this.spawn();
  }

  private assign(slot: Slot, pending: Pending): void {
    try {
      slot.worker.postMessage(pending.job, pending.transfer);
    } catch (error) {
      // postMessage throws (DataCloneError) for a buffer it cannot move: only this job fails.
      pending.reject(new Error(`Could not pass the job to an extraction worker: ${(error as Error).message}`));
      return;
    }
    clearTimeout(slot.timer);
    slot.current = pending;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const what = pending.job.op === 'extract' ? 'Extraction' : 'Splitting';
      void this.retire(slot, new Error(`${what} timed out after ${this.timeoutMs / 1000} s`));
    }, this.timeoutMs);
  }

  private spawn(): void {
    const slot: Slot = { worker: startWorker({ maxOldGenerationSizeMb: this.memoryLimitMb }), ready: false };
    this.slots.add(slot);
    slot.worker.on('message', (reply: Reply) => this.answer(slot, reply));
    slot.worker.on('error', (error) => void this.retire(slot, new Error(`The extraction worker failed: ${error.message}`)));
    slot.worker.on('exit', (code) => void this.retire(slot, new Error(`The extraction worker stopped (exit code ${code})`)));
  }

  private answer(slot: Slot, reply: Reply): void {
    if (!this.slots.has(slot)) return; // a late answer from a worker already dropped
    if (reply.type === 'ready') {
      slot.ready = true;
    } else {
      clearTimeout(slot.timer);
      const pending = slot.current!;
      slot.current = undefined;
      if (reply.type === 'done') pending.resolve(reply.value);
      else pending.reject(new Error(reply.message));
    }
    this.dispatch();
    if (!slot.current) this.idle(slot);
  }

  /** An idle worker holds no process open, and stops after idleTimeoutMs. */
  private idle(slot: Slot): void {
    slot.worker.unref();
    slot.timer = setTimeout(() => void this.retire(slot), this.idleTimeoutMs).unref();
  }

  /** Drops a worker (once): its job, or if it died starting up the next waiting job, gets `error`. */
  private async retire(slot: Slot, error?: Error): Promise<void> {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    const victim = slot.current ?? (slot.ready || !error ? undefined : this.queue.shift());
    if (victim && error) victim.reject(error);
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}
