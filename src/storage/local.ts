// Files under DATA_DIR/uploads. A stored path is only ever looked up by its file name in this folder:
// nothing outside it is read or removed, and a path written by another installation (an Open WebUI
// database moved here with its uploads folder) is found all the same.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeKey, StoredFileMissing, type FileStorage, type StoredFile } from './storage.ts';

const exists = (path: string) => stat(path).then((s) => s.isFile(), () => false);

export class LocalStorage implements FileStorage {
  constructor(private readonly uploadDir: string) {}

  async put(key: string, body: Readable): Promise<StoredFile> {
    await mkdir(this.uploadDir, { recursive: true });
    const path = join(this.uploadDir, safeKey(key));
    let size = 0;
    body.on('data', (chunk: Buffer) => (size += chunk.length));
    try {
      await pipeline(body, createWriteStream(path));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { path, size };
  }

  async open(path: string): Promise<Readable> {
    const found = await this.locate(path);
    if (!found) throw new StoredFileMissing(path);
    return createReadStream(found);
  }

  async remove(path: string): Promise<void> {
    const found = await this.locate(path);
    if (found) await rm(found, { force: true });
  }

  close(): void {
    // Nothing held open between calls.
  }

  /** The file in our uploads folder, if it is there. */
  private async locate(path: string): Promise<string | undefined> {
    const here = join(this.uploadDir, basename(path));
    return (await exists(here)) ? here : undefined;
  }
}
