// The text splitter the configuration names (TEXT_SPLITTER, CHUNK_SIZE, CHUNK_OVERLAP), with one
// chunk shape for all three: `startIndex` from the character and token splitters, `headings` from
// the markdown one.
import type { PersistentConfig } from '../../config/persistent.ts';
import { MarkdownHeaderSplitter } from './markdown-header.ts';
import { RecursiveCharacterSplitter } from './recursive-character.ts';
import { TokenSplitter } from './token.ts';

export interface Chunk {
  text: string;
  startIndex?: number;
  headings?: string[];
}

export interface Splitter {
  split(text: string): Chunk[];
}

export function splitterFor(config: PersistentConfig): Splitter {
  const size = config.get('CHUNK_SIZE');
  const overlap = config.get('CHUNK_OVERLAP');
  const kind = config.get('TEXT_SPLITTER');
  if (kind === 'token') {
    const encoding = config.get('TIKTOKEN_ENCODING_NAME');
    if (encoding !== 'cl100k_base') throw new Error(`TIKTOKEN_ENCODING_NAME ${encoding} is not supported (cl100k_base is)`);
    return new TokenSplitter(size, overlap);
  }
  if (kind === 'markdown_header') return new MarkdownHeaderSplitter(size, overlap);
  return new RecursiveCharacterSplitter(size, overlap);
}
