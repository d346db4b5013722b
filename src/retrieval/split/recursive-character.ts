// The default text splitter of Open WebUI's retrieval (langchain's RecursiveCharacterTextSplitter with
// add_start_index), reproduced chunk for chunk: split on the first of "\n\n", "\n", " ", "" found in
// the text (the separator kept at the start of the next piece), merge pieces up to `chunkSize`
// characters with `chunkOverlap` characters carried over, and split still-too-long pieces with the
// next separators. Lengths count code points, as Python's `len` does.
import { codePointLength as length, withStartIndexes, type TextChunk } from './text-chunk.ts';

const SEPARATORS = ['\n\n', '\n', ' ', ''];

/** Python's str.isspace characters, for its `strip()`. */
const EDGE_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text cut at `separator`, each separator kept at the start of the piece after it; no empty pieces. */
function splitKeepingSeparator(text: string, separator: string): string[] {
  if (separator === '') return Array.from(text);
  const parts = text.split(new RegExp(`(${escapeRegex(separator)})`));
  const pieces = [parts[0] as string];
  for (let i = 1; i < parts.length; i += 2) pieces.push((parts[i] as string) + (parts[i + 1] ?? ''));
  return pieces.filter((piece) => piece !== '');
}

export class RecursiveCharacterSplitter {
  constructor(
    private readonly chunkSize: number,
    private readonly chunkOverlap: number,
  ) {
    if (chunkOverlap > chunkSize) throw new Error(`chunk overlap (${chunkOverlap}) is larger than the chunk size (${chunkSize})`);
  }

  split(text: string): TextChunk[] {
    return withStartIndexes(text, this.splitText(text, SEPARATORS), this.chunkOverlap);
  }

  private splitText(text: string, separators: string[]): string[] {
    const at = separators.findIndex((s) => s === '' || text.includes(s));
    const separator = separators[at] ?? '';
    const finer = separators.slice(at + 1);
    const chunks: string[] = [];
    let fitting: string[] = [];
    for (const piece of splitKeepingSeparator(text, separator)) {
      if (length(piece) < this.chunkSize) {
        fitting.push(piece);
        continue;
      }
      if (fitting.length > 0) {
        chunks.push(...this.merge(fitting));
        fitting = [];
      }
      if (finer.length === 0) chunks.push(piece);
      else chunks.push(...this.splitText(piece, finer));
    }
    if (fitting.length > 0) chunks.push(...this.merge(fitting));
    return chunks;
  }

  /** Pieces joined into chunks of at most chunkSize, each starting with up to chunkOverlap of the previous one's end. */
  private merge(pieces: string[]): string[] {
    const chunks: string[] = [];
    let current: string[] = [];
    let currentLengths: number[] = [];
    let total = 0;
    const emit = () => {
      const chunk = current.join('').replace(EDGE_SPACE, '');
      if (chunk !== '') chunks.push(chunk);
    };
    for (const piece of pieces) {
      const pieceLength = length(piece);
      if (total + pieceLength > this.chunkSize && current.length > 0) {
        emit();
        while (total > this.chunkOverlap || (total + pieceLength > this.chunkSize && total > 0)) {
          total -= currentLengths[0] as number;
          current = current.slice(1);
          currentLengths = currentLengths.slice(1);
        }
      }
      current.push(piece);
      currentLengths.push(pieceLength);
      total += pieceLength;
    }
    emit();
    return chunks;
  }
}
