// The markdown_header splitter against the reference: every case in fixtures/markdown-header.json was
// produced by Open WebUI 0.6.43's composition (langchain_text_splitters 1.1.2 MarkdownHeaderTextSplitter
// on # to ###### keeping headings, then RecursiveCharacterTextSplitter, headings listed outermost first).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MarkdownHeaderSplitter, type HeadedChunk } from '../../src/retrieval/split/markdown-header.ts';

interface Case {
  name: string;
  chunkSize: number;
  chunkOverlap: number;
  text: string;
  chunks: HeadedChunk[];
}

const cases = JSON.parse(readFileSync(new URL('./fixtures/markdown-header.json', import.meta.url), 'utf8')) as Case[];

describe('markdown header splitter', () => {
  for (const c of cases) {
    it(`${c.name}, ${c.chunkSize}/${c.chunkOverlap}: ${c.chunks.length} chunks with their headings, as the reference`, () => {
      assert.deepEqual(new MarkdownHeaderSplitter(c.chunkSize, c.chunkOverlap).split(c.text), c.chunks);
    });
  }
});
