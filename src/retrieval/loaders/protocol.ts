// The messages between the Extractor (main thread) and its workers. A worker runs one job at a
// time and says `ready` once its modules are loaded, so a job's timeout never counts start-up.
import type { Chunk, SplitterSettings } from '../split/index.ts';
import type { LoaderKind } from './choose.ts';
import type { Extracted } from './extract.ts';
import type { ZipLimits } from './zip.ts';

export type Job =
  | { op: 'extract'; kind: LoaderKind; bytes: Uint8Array; limits: ZipLimits }
  | { op: 'split'; text: string; settings: SplitterSettings };

export type Reply = { type: 'ready' } | { type: 'done'; value: Extracted | Chunk[] } | { type: 'failed'; message: string };
