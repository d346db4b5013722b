// Splitter cases produced by the reference implementation (see each test's header), kept in fixtures/.
import { readFileSync } from 'node:fs';

export interface ReferenceCase<Chunk> {
  name: string;
  chunkSize: number;
  chunkOverlap: number;
  text: string;
  chunks: Chunk[];
}

export const referenceCases = <Chunk>(file: string): ReferenceCase<Chunk>[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')) as ReferenceCase<Chunk>[];
