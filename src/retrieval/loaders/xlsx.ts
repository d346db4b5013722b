// XLSX: every sheet as its name, then one line per row with the cells separated by tabs (Open WebUI's
// UnstructuredExcelLoader gives each sheet's table as text too; tabs keep the columns apart).
import readXlsxFile, { type CellValue } from 'read-excel-file/node';
import { unzipLimited, type ZipLimits } from './zip.ts';

function cellText(value: CellValue | null): string {
  if (value === null) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(value);
}

export async function loadXlsx(bytes: Uint8Array, limits: ZipLimits): Promise<string[]> {
  unzipLimited(bytes, limits, 'XLSX');
  let sheets;
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new Error(`Could not read the XLSX file: ${(error as Error).message}`);
  }
  const text = sheets.map(({ sheet, data }) => [sheet, ...data.map((row) => row.map(cellText).join('\t').trimEnd())].join('\n'));
  return [text.join('\n\n')];
}
