// The `markdown_header` text splitter (TEXT_SPLITTER=markdown_header), as Open WebUI composes it:
// langchain's MarkdownHeaderTextSplitter on `#` to `######` keeping the heading lines, then each
// section through the recursive character splitter. A chunk carries the headings above it, outermost
// first (Open WebUI's `headings`), and no start index (Open WebUI drops it).
// Section rules (langchain's): lines are stripped (and unprintable characters removed); fenced code
// (``` or ~~~) is never read as headings; a heading closes the sections at its level and deeper;
// consecutive lines under the same headings join with "  \n"; a heading line directly followed by
// its first subheading stays in the same section.
import { RecursiveCharacterSplitter } from './recursive-character.ts';

export interface HeadedChunk {
  text: string;
  headings: string[];
}

interface Section {
  content: string;
  /** Heading text by level (1–6). */
  headings: Map<number, string>;
}

const MAX_LEVEL = 6;
/** Python's `strip()` whitespace, and the characters its `str.isprintable` rejects (other than the space). */
const EDGE_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?! )\p{Zs}/gu;

const sameHeadings = (a: Map<number, string>, b: Map<number, string>) => a.size === b.size && [...a].every(([level, text]) => b.get(level) === text);

/** The level of a heading line (`#` to `######` then a space or nothing), else 0. */
function headingLevel(line: string): number {
  for (let level = MAX_LEVEL; level >= 1; level--) {
    const marks = '#'.repeat(level);
    if (line.startsWith(marks) && (line.length === level || line[level] === ' ')) return level;
  }
  return 0;
}

/** The document's sections, each with the headings it sits under. */
function sections(text: string): Section[] {
  const lines: Section[] = [];
  let content: string[] = [];
  let current = new Map<number, string>();
  const open = new Map<number, string>();
  let fence = '';
  const flush = () => {
    if (content.length === 0) return;
    lines.push({ content: content.join('\n'), headings: new Map(current) });
    content = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(EDGE_SPACE, '').replace(UNPRINTABLE, '');
    if (fence === '') {
      if (line.startsWith('```') && line.split('```').length === 2) fence = '```';
      else if (line.startsWith('~~~')) fence = '~~~';
    } else if (line.startsWith(fence)) fence = '';
    if (fence !== '') {
      content.push(line);
      continue;
    }
    const level = headingLevel(line);
    if (level > 0) {
      for (const deeper of [...open.keys()]) if (deeper >= level) open.delete(deeper);
      open.set(level, line.slice(level).replace(EDGE_SPACE, ''));
      flush();
      content.push(line);
    } else if (line) content.push(line);
    else flush();
    current = new Map(open);
  }
  flush();
  return aggregate(lines);
}

/** Runs of lines under the same headings joined; a heading followed by its first subheading kept with it. */
function aggregate(lines: Section[]): Section[] {
  const joined: Section[] = [];
  for (const line of lines) {
    const last = joined.at(-1);
    if (last && sameHeadings(last.headings, line.headings)) last.content += `  \n${line.content}`;
    else if (last && last.headings.size < line.headings.size && last.content.split('\n').at(-1)?.[0] === '#') {
      last.content += `  \n${line.content}`;
      last.headings = line.headings;
    } else joined.push({ ...line });
  }
  return joined;
}

export class MarkdownHeaderSplitter {
  private readonly chunks: RecursiveCharacterSplitter;

  constructor(chunkSize: number, chunkOverlap: number) {
    this.chunks = new RecursiveCharacterSplitter(chunkSize, chunkOverlap);
  }

  split(text: string): HeadedChunk[] {
    return sections(text).flatMap((section) => {
      const headings = [...section.headings].sort(([a], [b]) => a - b).map(([, heading]) => heading);
      return this.chunks.split(section.content).map((chunk) => ({ text: chunk.text, headings }));
    });
  }
}
