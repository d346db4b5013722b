// The `token` text splitter (TEXT_SPLITTER=token): langchain's TokenTextSplitter as Open WebUI
// configures it, on tiktoken's cl100k_base (js-tiktoken, ranks bundled, nothing downloaded): the
// text's tokens cut into windows of `chunkSize` tokens, each starting `chunkSize - chunkOverlap`
// tokens after the last, decoded back to text (a character cut by a window edge decodes as U+FFFD,
// as tiktoken's `errors="replace"`). Special-token text such as `<|endoftext|>` is split as plain
// text, where tiktoken's default refused the whole document.
// A chunk's start index is its first occurrence after the previous chunk's start. (langchain
// searched from the previous chunk's end less the overlap counted in tokens, as if it were
// characters, so every overlapping token chunk got -1.)
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { CodePointOffsets, type TextChunk } from './text-chunk.ts';

let encoding: Tiktoken | undefined;
/** Built on first use: the ranks take a moment to load. */
const cl100kBase = () => (encoding ??= new Tiktoken(cl100k));

export class TokenSplitter {
  constructor(
    private readonly chunkSize: number,
    private readonly chunkOverlap: number,
  ) {
    if (chunkOverlap >= chunkSize) throw new Error(`chunk overlap (${chunkOverlap}) must be smaller than the chunk size (${chunkSize})`);
  }

  split(text: string): TextChunk[] {
    const tokenizer = cl100kBase();
    const tokens = tokenizer.encode(text, [], []);
    const offsets = new CodePointOffsets(text);
    const chunks: TextChunk[] = [];
    let previousStart = -1;
    for (let start = 0; start < tokens.length; start += this.chunkSize - this.chunkOverlap) {
      const end = Math.min(start + this.chunkSize, tokens.length);
      const chunk = tokenizer.decode(tokens.slice(start, end));
      if (chunk) {
        const startIndex = offsets.find(chunk, previousStart + 1);
        if (startIndex >= 0) previousStart = startIndex;
        chunks.push({ text: chunk, startIndex });
      }
      if (end === tokens.length) break;
    }
    return chunks;
  }
}
