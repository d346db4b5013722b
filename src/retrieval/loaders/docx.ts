// DOCX: mammoth's raw text (paragraphs separated by blank lines, as docx2txt in Open WebUI, trimmed).
import mammoth from 'mammoth';
import { unzipLimited, type ZipLimits } from './zip.ts';

export async function loadDocx(bytes: Uint8Array, limits: ZipLimits): Promise<string[]> {
  unzipLimited(bytes, limits, 'DOCX');
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return [value.trim()];
  } catch (error) {
    throw new Error(`Could not read the DOCX file: ${(error as Error).message}`);
  }
}
