// The markdown_header splitter against the reference: every case in fixtures/markdown-header.json was
// produced by Open WebUI 0.6.43's composition (langchain_text_splitters 1.1.2 MarkdownHeaderTextSplitter
// on # to ###### keeping headings, then RecursiveCharacterTextSplitter, headings listed outermost first).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referenceCases } from './reference-cases.ts';
import { MarkdownHeaderSplitter, type HeadedChunk } from '../../src/retrieval/split/markdown-header.ts';

const cases = referenceCases<HeadedChunk>('markdown-header.json');

describe('markdown header splitter', () => {
  for (const c of cases) {
    it(`${c.name}, ${c.chunkSize}/${c.chunkOverlap}: ${c.chunks.length} chunks with their headings, as the reference`, () => {
      assert.deepEqual(new MarkdownHeaderSplitter(c.chunkSize, c.chunkOverlap).split(c.text), c.chunks);
    });
  }
});
