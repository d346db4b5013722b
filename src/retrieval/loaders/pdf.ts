// PDF: the text of each page as one document, as Open WebUI's PyPDFLoader gives it (pages with no
// text stay, as empty documents). pdf.js runs in this (worker) thread; eval stays off. Pages are read
// one at a time and released after, so a large PDF needs the memory of one page, not of all of them.
import { getDocumentProxy } from 'unpdf';

type TextItem = { str?: string; hasEOL?: boolean };

export async function loadPdf(bytes: Uint8Array): Promise<string[]> {
  let pdf;
  try {
    pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  } catch (error) {
    throw new Error(`Could not read the PDF file: ${(error as Error).message}`);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push((content.items as TextItem[]).filter((item) => item.str != null).map((item) => `${item.str}${item.hasEOL ? '\n' : ''}`).join(''));
      page.cleanup();
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}
