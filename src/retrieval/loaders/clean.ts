// What no stored text may hold: NUL (PostgreSQL text refuses it) and lone UTF-16 surrogates
// (not encodable as UTF-8, so JSON and the database would mangle them).
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storable(text: string): string {
  return text.replace(UNSTORABLE, '');
}
