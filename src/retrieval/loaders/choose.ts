// Which loader reads a file: a known extension decides, then the content type, then plain text, as
// Open WebUI's Loader picks (its markdown, JSON, source files and unknown types all go to TextLoader).
import { UnsupportedFileError } from './errors.ts';

export type LoaderKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'epub' | 'html' | 'xml' | 'csv' | 'text';

// Pre-2007 binary Office formats: no maintained JavaScript parser reads them.
const LEGACY = new Map([
  ['xls', 'XLS (Excel 97-2003) files are not supported; save the file as .xlsx'],
  ['doc', 'DOC (Word 97-2003) files are not supported; save the file as .docx'],
  ['ppt', 'PPT (PowerPoint 97-2003) files are not supported; save the file as .pptx'],
]);

const BY_EXTENSION = new Map<string, LoaderKind>([
  ['pdf', 'pdf'],
  ['docx', 'docx'],
  ['xlsx', 'xlsx'],
  ['pptx', 'pptx'],
  ['odt', 'odt'],
  ['epub', 'epub'],
  ['html', 'html'],
  ['htm', 'html'],
  ['xml', 'xml'],
  ['csv', 'csv'],
  ['txt', 'text'],
  ['md', 'text'],
  ['markdown', 'text'],
  ['rst', 'text'],
  ['json', 'text'],
]);

const BY_CONTENT_TYPE = new Map<string, LoaderKind | 'xls' | 'doc' | 'ppt'>([
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/epub+zip', 'epub'],
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['text/xml', 'xml'],
  ['application/xml', 'xml'],
  ['text/csv', 'csv'],
  ['application/vnd.ms-excel', 'xls'],
  ['application/msword', 'doc'],
  ['application/vnd.ms-powerpoint', 'ppt'],
]);

function refuseLegacy(format: string): void {
  const message = LEGACY.get(format);
  if (message) throw new UnsupportedFileError(message);
}

/** The loader for a file; throws UnsupportedFileError for images, videos and legacy Office files. */
export function loaderFor(filename: string, contentType?: string): LoaderKind {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('image/') || type.startsWith('video/')) {
    throw new UnsupportedFileError(`File type ${contentType} is not supported for processing`);
  }
  const dot = filename.lastIndexOf('.');
  const extension = dot >= 0 ? filename.slice(dot + 1).toLowerCase() : '';
  refuseLegacy(extension);
  const byExtension = BY_EXTENSION.get(extension);
  if (byExtension) return byExtension;
  const byType = BY_CONTENT_TYPE.get(type) ?? 'text';
  refuseLegacy(byType);
  return byType as LoaderKind;
}
