// Text for the retrieval benchmark: a seeded, Zipf-like vocabulary of made-up words, so that full-text
// ranking has common and rare terms to weigh, and the same run always writes the same text.

/** A small fast seeded generator (mulberry32), uniform in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka lo mi ne ru sa te vo zi pa de fu go hi ja ku la me no pi qua re si to vu wa xe yo za bri cla dro fle gru'.split(' ');

export class Corpus {
  readonly words: string[];
  private readonly next: () => number;

  /** `size` distinct words; word i is drawn with a weight of about 1/(i+1) (Zipf). */
  constructor(seed = 1, size = 30_000) {
    this.next = random(seed);
    const seen = new Set<string>();
    while (seen.size < size) {
      const n = 2 + Math.floor(this.next() * 3);
      let word = '';
      for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(this.next() * SYLLABLES.length)];
      seen.add(word);
    }
    this.words = [...seen];
  }

  /** A word by rank: u^3 concentrates draws on the first ranks, with a long tail. */
  word(): string {
    const u = this.next();
    return this.words[Math.floor(u * u * u * this.words.length)] as string;
  }

  /** A sentence of 6–17 words, capitalised, ending with a full stop. */
  sentence(): string {
    const n = 6 + Math.floor(this.next() * 12);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(this.word());
    const text = parts.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }

  /** Sentences up to about `chars` characters. */
  paragraph(chars: number): string {
    const parts: string[] = [];
    let length = 0;
    while (length < chars) {
      const s = this.sentence();
      parts.push(s);
      length += s.length + 1;
    }
    return parts.join(' ');
  }

  /** Paragraphs of about `paragraphChars` each, `totalChars` in all. */
  paragraphs(totalChars: number, paragraphChars: number): string[] {
    const out: string[] = [];
    for (let total = 0; total < totalChars; ) {
      const p = this.paragraph(paragraphChars);
      out.push(p);
      total += p.length + 2;
    }
    return out;
  }

  /** Lines of at most `width` characters, words kept whole, `totalChars` in all. */
  lines(totalChars: number, width: number): string[] {
    const out: string[] = [];
    let line = '';
    let total = 0;
    while (total < totalChars) {
      for (const word of this.sentence().split(' ')) {
        if (line.length + word.length + 1 > width) {
          out.push(line);
          total += line.length + 1;
          line = '';
        }
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) out.push(line);
    return out;
  }

  /** A question as a user types it: 2–4 words of the middle ranks (some shared, some rare), lower case. */
  query(): string {
    const n = 2 + Math.floor(this.next() * 3);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(this.words[Math.floor(this.next() * this.next() * this.words.length)] as string);
    return parts.join(' ');
  }
}
