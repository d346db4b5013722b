// Text extraction and chunk splitting, off the event loop (see extractor.ts).
export { Extractor, type ExtractInput, type ExtractorOptions } from './extractor.ts';
export type { Extracted } from './extract.ts';
export { UnsupportedFileError } from './errors.ts';
export type { Chunk, SplitterSettings } from '../split/index.ts';
