// CSV as Open WebUI's CSVLoader reads it: the first row names the columns, and every later row is
// one document of "column: value" lines (names and values trimmed). Where Python printed "None"
// for a value a short row lacks, the value is empty; values beyond the header (Python's
// "None: a,b") end the document as one comma-joined line. A file csv-parse cannot read at all is
// kept as plain text.
import { parse } from 'csv-parse/sync';
import { decodeText } from './text.ts';

export function loadCsv(bytes: Uint8Array): string[] {
  const text = decodeText(bytes);
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: true, relax_quotes: true });
  } catch {
    return [text];
  }
  const [header = [], ...rows] = records;
  const columns = header.map((name) => name.trim());
  return rows.map((row) => {
    const lines = columns.map((column, i) => `${column}: ${(row[i] ?? '').trim()}`);
    if (row.length > columns.length) lines.push(row.slice(columns.length).map((value) => value.trim()).join(','));
    return lines.join('\n');
  });
}
