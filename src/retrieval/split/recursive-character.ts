// The default text splitter of Open WebUI's retrieval (langchain's RecursiveCharacterTextSplitter with
// add_start_index), reproduced chunk for chunk: split on the first of "\n\n", "\n", " ", "" found in
// the text (the separator kept at the start of the next piece), merge pieces up to `chunkSize`
// characters with `chunkOverlap` characters carried over, and split still-too-long pieces with the
// next separators. Lengths and `startIndex` count code points, as Python's `len` and `str.find` do.

export interface TextChunk {
  text: string;
  /** Where the chunk starts in the text, in code points. */
  startIndex: number;
}

const SEPARATORS = ['\n\n', '\n', ' ', ''];

/** Python's str.isspace characters, for its `strip()`. */
const EDGE_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const SURROGATE = /[\uD800-\uDFFF]/;

/** Length in code points (Python's `len`). */
function length(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

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
    const chunks: TextChunk[] = [];
    const offsets = new CodePointOffsets(text);
    let index = 0;
    let previousLength = 0;
    for (const chunk of this.splitText(text, SEPARATORS)) {
      const from = Math.max(0, index + previousLength - this.chunkOverlap);
      index = offsets.find(chunk, from);
      previousLength = length(chunk);
      chunks.push({ text: chunk, startIndex: index });
    }
    return chunks;
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

/** `str.find` in code points, for texts that may hold characters outside the BMP. */
class CodePointOffsets {
  /** UTF-16 index of each code point, only when the text has surrogate pairs. */
  private readonly units: number[] | undefined;

  constructor(private readonly text: string) {
    if (!SURROGATE.test(text)) return;
    this.units = [];
    for (let i = 0; i < text.length; i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1) this.units.push(i);
  }

  find(chunk: string, fromCodePoint: number): number {
    if (!this.units) return this.text.indexOf(chunk, fromCodePoint);
    const from = fromCodePoint >= this.units.length ? this.text.length : (this.units[fromCodePoint] as number);
    const unit = this.text.indexOf(chunk, from);
    return unit < 0 ? -1 : this.codePointAt(unit);
  }

  /** The code point index of a UTF-16 index (binary search). */
  private codePointAt(unit: number): number {
    const units = this.units as number[];
    let low = 0;
    let high = units.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((units[mid] as number) <= unit) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
