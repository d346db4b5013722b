// HTML (and EPUB chapters): the visible text, one line per block element, without scripts, styles,
// <noscript> and <template> (Open WebUI's BSHTMLLoader takes the page's text, <title> included,
// the same way).
import { parse } from 'node-html-parser';
import { decodeText } from './text.ts';

// Prologs the parser would keep as text: <?xml …?> and <!DOCTYPE …>.
const PROLOG = /<\?[\s\S]*?\?>|<!doctype[^>]*>/gi;
export const HIDDEN = 'script, style, noscript, template';

/** The text of an HTML document, without the elements `hidden` selects. */
export function htmlText(html: string, hidden = HIDDEN): string {
  const root = parse(html.replace(PROLOG, ''), { comment: false });
  for (const element of root.querySelectorAll(hidden)) element.remove();
  return root.structuredText;
}

export function loadHtml(bytes: Uint8Array): string[] {
  return [htmlText(decodeText(bytes))];
}
