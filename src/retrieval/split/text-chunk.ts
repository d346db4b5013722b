// A chunk of a document and where it starts, as langchain's splitters with add_start_index give it
// (Open WebUI keeps it as `start_index`): the first occurrence of the chunk from where the previous
// one ended less the overlap, counted in code points as Python's `str.find` counts.

export interface TextChunk {
  text: string;
  /** Where the chunk starts in the text, in code points; -1 when it is not found there (a chunk cut inside a character). */
  startIndex: number;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Length in code points (Python's `len`). */
export function codePointLength(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The chunks with their start indexes. */
export function withStartIndexes(text: string, chunks: string[], overlap: number): TextChunk[] {
  const offsets = new CodePointOffsets(text);
  let index = 0;
  let previousLength = 0;
  return chunks.map((chunk) => {
    index = offsets.find(chunk, Math.max(0, index + previousLength - overlap));
    previousLength = codePointLength(chunk);
    return { text: chunk, startIndex: index };
  });
}

/** `str.find` in code points, for texts that may hold characters outside the BMP. */
export class CodePointOffsets {
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
