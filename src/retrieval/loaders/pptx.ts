// PPTX: the text of every slide in presentation order (presentation.xml's slide list; numeric file
// order when that list is missing), one line per paragraph, slides separated by blank lines.
import { posix } from 'node:path';
import { strFromU8 } from 'fflate';
import { xmlEvents } from './xml.ts';
import { unzipLimited, type ZipLimits } from './zip.ts';

const SLIDE = /^ppt\/slides\/slide(\d+)\.xml$/;
const PRESENTATION = 'ppt/presentation.xml';
const PRESENTATION_RELS = 'ppt/_rels/presentation.xml.rels';

function slideText(xml: string): string {
  const paragraphs: string[] = [];
  let paragraph = '';
  let inText = false;
  for (const event of xmlEvents(xml)) {
    if (event.type === 'text') {
      if (inText) paragraph += event.text;
    } else if (event.name === 'a:t') {
      inText = event.type === 'open' && !event.selfClosing;
    } else if (event.name === 'a:br' && event.type === 'open') {
      paragraph += '\n';
    } else if (event.name === 'a:p' && event.type === 'close') {
      if (paragraph.trim()) paragraphs.push(paragraph);
      paragraph = '';
    }
  }
  return paragraphs.join('\n');
}

/** Slide paths in the order presentation.xml lists them, through its relationships. */
function presentationOrder(presentation: string, rels: string): string[] {
  const targets = new Map<string, string>();
  for (const event of xmlEvents(rels)) {
    if (event.type === 'open' && event.name === 'Relationship' && event.attributes.Id && event.attributes.Target !== undefined) {
      const target = event.attributes.Target;
      targets.set(event.attributes.Id, target.startsWith('/') ? target.slice(1) : posix.join('ppt', target));
    }
  }
  const order: string[] = [];
  for (const event of xmlEvents(presentation)) {
    const target = event.type === 'open' && event.name === 'p:sldId' ? targets.get(event.attributes['r:id'] ?? '') : undefined;
    if (target) order.push(target);
  }
  return order;
}

export function loadPptx(bytes: Uint8Array, limits: ZipLimits): string[] {
  const files = unzipLimited(bytes, limits, 'PPTX', (name) => SLIDE.test(name) || name === PRESENTATION || name === PRESENTATION_RELS);
  const presentation = files[PRESENTATION];
  const rels = files[PRESENTATION_RELS];
  let slides = presentation && rels ? presentationOrder(strFromU8(presentation), strFromU8(rels)).filter((path) => files[path]) : [];
  if (slides.length === 0) {
    const number = (path: string) => Number(SLIDE.exec(path)![1]);
    slides = Object.keys(files).filter((name) => SLIDE.test(name)).sort((a, b) => number(a) - number(b));
  }
  const texts = slides.map((path) => slideText(strFromU8(files[path]!))).filter((text) => text);
  return [texts.join('\n\n')];
}
