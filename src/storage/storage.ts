// Uploaded files behind one interface, streamed both ways (a 200 MB upload never sits in memory).
// A file is stored under a key (`<file id>_<name>`) and known afterwards by the path the `file` table
// keeps, in Open WebUI's forms: the absolute local path, or `s3://<bucket>/<prefix/>key`.

import type { Readable } from 'node:stream';

/** Open WebUI's storage tags (kept as S3 object tags when S3_ENABLE_TAGGING is on). */
export interface StorageTags {
  'OpenWebUI-User-Email'?: string;
  'OpenWebUI-User-Id'?: string;
  'OpenWebUI-User-Name'?: string;
  'OpenWebUI-File-Id'?: string;
}

export interface StoredFile {
  /** What the `file.path` column keeps. */
  path: string;
  size: number;
}

/** A stored file that is not there (any more). */
export class StoredFileMissing extends Error {
  constructor(path: string) {
    super(`stored file not found: ${path}`);
    this.name = 'StoredFileMissing';
  }
}

export interface FileStorage {
  put(key: string, body: Readable, tags?: StorageTags): Promise<StoredFile>;
  /** The file's bytes; StoredFileMissing when it is not there. */
  open(path: string): Promise<Readable>;
  /** Removes the file; a file already gone is not an error. */
  remove(path: string): Promise<void>;
  /** Releases connections (S3). */
  close(): void;
}

/** A storage key is the last path segment only: no directories, nothing that climbs out. */
export function safeKey(key: string): string {
  const base = key.split(/[\\/]/).pop() ?? '';
  if (base === '' || base === '.' || base === '..') throw new Error(`unusable storage key: ${JSON.stringify(key)}`);
  return base;
}
