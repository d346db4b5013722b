// The text splitter the configuration names (TEXT_SPLITTER, CHUNK_SIZE, CHUNK_OVERLAP), with one
// chunk shape for all three: `startIndex` from the character and token splitters, `headings` from
// the markdown one. Built from plain settings so a worker thread (which has no PersistentConfig)
// can build the same splitter.
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

/** TEXT_SPLITTER, CHUNK_SIZE, CHUNK_OVERLAP and TIKTOKEN_ENCODING_NAME. */
export interface SplitterSettings {
  kind: string;
  size: number;
  overlap: number;
  encoding: string;
}

export function splitterSettings(config: PersistentConfig): SplitterSettings {
  return {
    kind: config.get('TEXT_SPLITTER'),
    size: config.get('CHUNK_SIZE'),
    overlap: config.get('CHUNK_OVERLAP'),
    encoding: config.get('TIKTOKEN_ENCODING_NAME'),
  };
}

export function splitterFrom({ kind, size, overlap, encoding }: SplitterSettings): Splitter {
  if (kind === 'token') {
    if (encoding !== 'cl100k_base') throw new Error(`TIKTOKEN_ENCODING_NAME ${encoding} is not supported (cl100k_base is)`);
    return new TokenSplitter(size, overlap);
  }
  if (kind === 'markdown_header') return new MarkdownHeaderSplitter(size, overlap);
  return new RecursiveCharacterSplitter(size, overlap);
}

export function splitterFor(config: PersistentConfig): Splitter {
  return splitterFrom(splitterSettings(config));
}
