// EPUB: the chapters in reading order (the package document's spine, found through
// META-INF/container.xml), each as HTML text, separated by blank lines.
import { posix } from 'node:path';
import { strFromU8, type Unzipped } from 'fflate';
import { HIDDEN, htmlText } from './html.ts';
import { xmlEvents } from './xml.ts';
import { unzipLimited, type ZipLimits } from './zip.ts';

const CONTAINER = 'META-INF/container.xml';

function attributesOf(xml: string, element: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const event of xmlEvents(xml)) if (event.type === 'open' && event.name.replace(/^.*:/, '') === element) found.push(event.attributes);
  return found;
}

function entry(files: Unzipped, path: string, what: string): string {
  const bytes = files[path];
  if (!bytes) throw new Error(`Could not read the EPUB file: ${what} (${path}) is missing`);
  return strFromU8(bytes);
}

/** Paths of the spine's documents, in order. */
function spine(files: Unzipped): string[] {
  const packagePath = attributesOf(entry(files, CONTAINER, 'the container'), 'rootfile')[0]?.['full-path'];
  if (!packagePath) throw new Error('Could not read the EPUB file: the container names no package document');
  const opf = entry(files, packagePath, 'the package document');
  const hrefs = new Map<string, string>();
  for (const item of attributesOf(opf, 'item')) {
    if (item.id && item.href) hrefs.set(item.id, posix.join(posix.dirname(packagePath), safeDecode(item.href.split('#')[0]!)));
  }
  return attributesOf(opf, 'itemref').flatMap((ref) => hrefs.get(ref.idref ?? '') ?? []);
}

function safeDecode(href: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
}

export function loadEpub(bytes: Uint8Array, limits: ZipLimits): string[] {
  // Everything but media: the package files and the chapters are XML or HTML.
  const files = unzipLimited(bytes, limits, 'EPUB', (name) => /\.(xml|opf|x?html?)$/i.test(name));
  const chapters = spine(files)
    .map((path) => files[path])
    .filter((chapter) => chapter !== undefined)
    .map((chapter) => htmlText(strFromU8(chapter), `head, ${HIDDEN}`).trim()) // a chapter's <title> is not its text
    .filter((text) => text);
  return [chapters.join('\n\n')];
}
