// Bytes to text for every text-based format. Open WebUI's TextLoader tries UTF-8, then guesses the
// encoding; here: a UTF-16 byte-order mark is honoured, UTF-8 is tried, and bytes that are not UTF-8
// are read as Windows-1252 (the usual encoding of such files, and every byte decodes). A NUL byte
// near the start means a binary file, which has no text to give.

const SNIFF_BYTES = 8192;

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) throw new Error('Could not extract text: the file is not text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F (Node's TextDecoder reads the label as
// Latin-1, so the difference is mapped here). Undefined bytes keep their C1 code points.
const CP1252_80_9F = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';

function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

/** The text of a plain-text file (markdown, source code, JSON, unknown types): one document. */
export function loadText(bytes: Uint8Array): string[] {
  return [decodeText(bytes)];
}
