// ODT: the paragraphs and headings of content.xml, one per line, with ODF's encoded whitespace
// (<text:s text:c="n"/>, <text:tab/>, <text:line-break/>) written out.
import { strFromU8 } from 'fflate';
import { xmlEvents } from './xml.ts';
import { unzipLimited, type ZipLimits } from './zip.ts';

const CONTENT = 'content.xml';
const PARAGRAPH = new Set(['text:p', 'text:h']);

export function loadOdt(bytes: Uint8Array, limits: ZipLimits): string[] {
  const content = unzipLimited(bytes, limits, 'ODT', (name) => name === CONTENT)[CONTENT];
  if (!content) throw new Error('Could not read the ODT file: content.xml is missing');
  const paragraphs: string[] = [];
  let paragraph = '';
  let depth = 0; // paragraphs nest (a note's text inside a paragraph): text belongs to the outermost
  for (const event of xmlEvents(strFromU8(content))) {
    if (event.type === 'text') {
      if (depth > 0) paragraph += event.text;
    } else if (PARAGRAPH.has(event.name)) {
      if (event.type === 'open' && !event.selfClosing) depth += 1;
      if (event.type === 'close' && depth > 0 && --depth === 0) {
        if (paragraph.trim()) paragraphs.push(paragraph);
        paragraph = '';
      }
    } else if (event.type === 'open' && depth > 0) {
      if (event.name === 'text:s') paragraph += ' '.repeat(Math.min(Number(event.attributes['text:c'] ?? 1) || 1, 1000));
      else if (event.name === 'text:tab') paragraph += '\t';
      else if (event.name === 'text:line-break') paragraph += '\n';
    }
  }
  return [paragraphs.join('\n')];
}
