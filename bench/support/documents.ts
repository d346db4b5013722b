// A PDF of text pages laid out as real ones are: many lines per page, each a text run inside the page.
// (test/retrieval/support/pdf.ts writes one run per page; pdf.js keeps only the part of a run that lies
// on the page, about 90 characters, so it cannot carry megabytes of text.) ASCII text only.

const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);

/** One page per list of lines; Helvetica 10 pt, 12 pt apart, from the top-left margin down. */
export function linedPdf(pages: readonly (readonly string[])[]): Buffer {
  const parts: string[] = [];
  let offset = 0;
  const offsets: number[] = [];
  const write = (text: string) => {
    parts.push(text);
    offset += text.length;
  };
  const object = (id: number, body: string) => {
    offsets[id] = offset;
    write(`${id} 0 obj\n${body}\nendobj\n`);
  };
  const pageIds = pages.map((_, i) => 4 + i * 2);
  write('%PDF-1.4\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((lines, i) => {
    const id = pageIds[i] as number;
    const stream = `BT /F1 10 Tf 12 TL 40 770 Td\n${lines.map((line) => `(${escape(line)}) Tj T*`).join('\n')}\nET`;
    object(id, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`);
    object(id + 1, `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });
  const count = 4 + pages.length * 2;
  const xref = offset;
  write(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let id = 1; id < count; id++) write(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  write(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}
