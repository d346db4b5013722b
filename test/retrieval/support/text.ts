// Plain-text fixtures.
export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** A CSV of `rows` rows with quoted commas: a few MB takes the CSV loader a good fraction of a second. */
export function bigCsv(rows: number): Uint8Array {
  const lines = ['id,name,comment'];
  for (let i = 0; i < rows; i++) lines.push(`${i},name ${i},"a comment, with a comma ${i}"`);
  return utf8(lines.join('\n'));
}
