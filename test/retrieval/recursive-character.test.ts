// The default text splitter against the reference: every case in fixtures/recursive-character.json
// (text, chunk size, overlap, and the chunks with their start_index) was produced by langchain's
// RecursiveCharacterTextSplitter (langchain_text_splitters 1.1.2) with add_start_index=True, as
// Open WebUI 0.6.43 configures it; ours must give the same chunks, in order, at the same indexes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referenceCases } from './reference-cases.ts';
import { RecursiveCharacterSplitter } from '../../src/retrieval/split/recursive-character.ts';
import type { TextChunk } from '../../src/retrieval/split/text-chunk.ts';

const cases = referenceCases<TextChunk>('recursive-character.json');

describe('recursive character splitter (Open WebUI\'s default)', () => {
  for (const c of cases) {
    it(`${c.name}, ${c.chunkSize}/${c.chunkOverlap}: ${c.chunks.length} chunks as the reference`, () => {
      assert.deepEqual(new RecursiveCharacterSplitter(c.chunkSize, c.chunkOverlap).split(c.text), c.chunks);
    });
  }

  it('an overlap larger than the chunk size is refused', () => {
    assert.throws(() => new RecursiveCharacterSplitter(10, 20), /larger than the chunk size/);
  });

  it('a 1 MB document: every chunk within the size, found at its start index', () => {
    const text = 'A sentence of some length, with words. '.repeat(27_000);
    const chunks = new RecursiveCharacterSplitter(1000, 100).split(text);
    assert.ok(chunks.every((chunk) => chunk.text.length <= 1000 && text.startsWith(chunk.text, chunk.startIndex)));
    assert.ok(chunks.length > 1000);
  });
});
