// Runs one loader (inside a worker thread) and shapes its documents into the extracted text.
// Heavy parsers load on first use, so a worker that only splits text never loads pdf.js.
import type { LoaderKind } from './choose.ts';
import { storable } from './clean.ts';
import { loadText } from './text.ts';
import { loadXml } from './xml.ts';
import type { ZipLimits } from './zip.ts';

export interface Extracted {
  /** The whole text: the documents joined by a space, as Open WebUI stores a file's content. */
  content: string;
  /** What the loader gave one by one (a PDF's pages, a CSV's rows; one for other formats). */
  documents: string[];
}

type Loader = (bytes: Uint8Array, limits: ZipLimits) => string[] | Promise<string[]>;

const LOADERS: Record<LoaderKind, () => Promise<Loader>> = {
  pdf: async () => (await import('./pdf.ts')).loadPdf,
  docx: async () => (await import('./docx.ts')).loadDocx,
  xlsx: async () => (await import('./xlsx.ts')).loadXlsx,
  pptx: async () => (await import('./pptx.ts')).loadPptx,
  odt: async () => (await import('./odt.ts')).loadOdt,
  epub: async () => (await import('./epub.ts')).loadEpub,
  html: async () => (await import('./html.ts')).loadHtml,
  csv: async () => (await import('./csv.ts')).loadCsv,
  xml: async () => loadXml,
  text: async () => loadText,
};

export async function extract(kind: LoaderKind, bytes: Uint8Array, limits: ZipLimits): Promise<Extracted> {
  if (bytes.byteLength === 0) return { content: '', documents: [] };
  const load = await LOADERS[kind]();
  const documents = (await load(bytes, limits)).map(storable);
  return { content: documents.join(' '), documents };
}
