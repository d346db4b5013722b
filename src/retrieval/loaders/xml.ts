// A small XML reader for the office files we take text from (slides, ODF content, EPUB package
// files) and for the XML loader: a stream of open / close / text events with entities decoded.
// No DTDs, no namespace resolution: names are matched as written ("a:t", "text:p"). Attribute
// values cannot hold "<" in XML, so a tag never scans past the next "<" (no quadratic
// backtracking on junk).
import { decodeText } from './text.ts';

export type XmlEvent =
  | { type: 'open'; name: string; attributes: Record<string, string>; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>[]*(?:\[[\s\S]*?\])?\s*>|<\/([^\s>]+)\s*>|<([^\s/<>!?]+)((?:[^<>"']|"[^<"]*"|'[^<']*')*?)(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, dec?: string, hex?: string, name?: string) =>
    dec ? codePoint(Number(dec)) : hex ? codePoint(parseInt(hex, 16)) : NAMED[name!]!,
  );
}

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, double, single] of source.matchAll(ATTRIBUTE)) attributes[name!] = decodeEntities(double ?? single ?? '');
  return attributes;
}

export function* xmlEvents(xml: string): Generator<XmlEvent> {
  for (const [, cdata, closing, opening, attributes, slash, text] of xml.matchAll(TOKEN)) {
    if (cdata !== undefined) yield { type: 'text', text: cdata };
    else if (closing) yield { type: 'close', name: closing };
    else if (opening) yield { type: 'open', name: opening, attributes: attributesOf(attributes ?? ''), selfClosing: slash === '/' };
    else if (text !== undefined) yield { type: 'text', text: decodeEntities(text) };
  }
}

/** The XML loader: the text of every element, one line per run of text. */
export function loadXml(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  for (const event of xmlEvents(decodeText(bytes))) {
    if (event.type !== 'text') continue;
    const line = event.text.trim();
    if (line) lines.push(line);
  }
  return [lines.join('\n')];
}
