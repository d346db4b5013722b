// PDF: the text of each page as one document, as Open WebUI's PyPDFLoader gives it (pages with no
// text stay, as empty documents). pdf.js runs in this (worker) thread; eval stays off.
import { extractText, getDocumentProxy } from 'unpdf';

export async function loadPdf(bytes: Uint8Array): Promise<string[]> {
  let pdf;
  try {
    pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  } catch (error) {
    throw new Error(`Could not read the PDF file: ${(error as Error).message}`);
  }
  try {
    return (await extractText(pdf, { mergePages: false })).text;
  } finally {
    await pdf.destroy();
  }
}
