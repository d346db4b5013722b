// The `token` text splitter: windows of chunkSize cl100k_base tokens, chunkSize - chunkOverlap apart,
// decoded back to text, each with where it starts in the text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { TokenSplitter } from '../../src/retrieval/split/token.ts';

const tokenizer = new Tiktoken(cl100k);
const encode = (text: string) => tokenizer.encode(text, [], []);
const decode = (tokens: number[]) => tokenizer.decode(tokens);

describe('token splitter', () => {
  it('one token a chunk: "hello world" is "hello" and " world" at 0 and 5', () => {
    assert.deepEqual(new TokenSplitter(1, 0).split('hello world'), [
      { text: 'hello', startIndex: 0 },
      { text: ' world', startIndex: 5 },
    ]);
  });

  it('windows of chunkSize tokens, chunkSize - overlap apart, each found at its start index', () => {
    const text = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} talks about retrieval.`).join(' ');
    const tokens = encode(text);
    const chunks = new TokenSplitter(100, 20).split(text);
    assert.equal(chunks.length, Math.ceil((tokens.length - 20) / 80));
    chunks.forEach((chunk, i) => {
      assert.equal(chunk.text, decode(tokens.slice(i * 80, i * 80 + 100)));
      assert.ok(text.startsWith(chunk.text, chunk.startIndex), `chunk ${i} at ${chunk.startIndex}`);
    });
  });

  it('special-token text is split as plain text; an emoji cut by a window edge decodes as U+FFFD and is not found (-1)', () => {
    assert.deepEqual(new TokenSplitter(50, 0).split('before <|endoftext|> after').map((c) => c.text), ['before <|endoftext|> after']);
    const cut = new TokenSplitter(1, 0).split('🌍');
    assert.ok(cut.some((chunk) => chunk.text.includes('\uFFFD') && chunk.startIndex === -1));
  });

  it('an empty text has no chunks; an overlap as large as the chunk is refused', () => {
    assert.deepEqual(new TokenSplitter(10, 2).split(''), []);
    assert.throws(() => new TokenSplitter(10, 10), /smaller than the chunk size/);
  });
});
