// What the chat index keeps of a chat body, computed in JS: the message texts in chunks (for search)
// and the body's head (top-level keys and scalar entries, for saves that merge onto it).
import { createHash } from 'node:crypto';

const CHUNK_MAX_MESSAGES = 32;
const CHUNK_MAX_CHARS = 16_384;
/** Joins messages in a chunk; removed from message texts, so no needle can match across messages. */
export const SEPARATOR = '\n\u0001\n';
/** Longer strings are left out of the head (a save lacking them reads them from the body). */
const SCALAR_MAX_CHARS = 16_384;

/** The part of a chat body the index is built from. */
export interface BodySummary {
  /** `chat.messages`, whatever it holds. */
  messages: unknown;
  /** All top-level keys. */
  keys: string[];
  /** Top-level entries that are neither objects nor arrays (nor long strings). */
  scalars: Record<string, unknown>;
}

const isScalar = (value: unknown): boolean => (value === null || typeof value !== 'object') && !(typeof value === 'string' && value.length > SCALAR_MAX_CHARS);

/** The scalar entries of an object. */
export function scalarsOf(body: Record<string, unknown>): Record<string, unknown> {
  const scalars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (isScalar(value)) scalars[key] = value;
  return scalars;
}

export function summarize(body: Record<string, unknown>): BodySummary {
  return { messages: body['messages'], keys: Object.keys(body), scalars: scalarsOf(body) };
}

/**
 * The summary of a merged body from the partial that was sent and the stored entries it kept (JSON
 * value texts): only small kept values are parsed.
 */
export function mergedSummary(partial: Record<string, unknown>, kept: ReadonlyMap<string, string>): BodySummary {
  const scalars: Record<string, unknown> = {};
  for (const [key, text] of kept) {
    if (text.length <= SCALAR_MAX_CHARS + 2 && text[0] !== '{' && text[0] !== '[') scalars[key] = JSON.parse(text);
  }
  const storedMessages = kept.get('messages');
  return {
    messages: 'messages' in partial ? partial['messages'] : storedMessages === undefined ? undefined : JSON.parse(storedMessages),
    keys: [...Object.keys(partial), ...kept.keys()],
    scalars: { ...scalars, ...scalarsOf(partial) },
  };
}

/** The text of each `chat.messages[]` item's content, as Open WebUI's search reads it. */
export function messageTexts(messages: unknown): string[] {
  if (!Array.isArray(messages)) return [];
  const texts: string[] = [];
  for (const message of messages) {
    if (message === null || typeof message !== 'object' || Array.isArray(message)) continue;
    const content: unknown = (message as Record<string, unknown>)['content'];
    if (content === null || content === undefined) continue;
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    texts.push(text.replace(/[\u0000\u0001]/g, ''));
  }
  return texts;
}

/** Message texts packed greedily in order: earlier chunks stay the same when messages are appended. */
export function chunkTexts(texts: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const text of texts) {
    if (current.length > 0 && (current.length >= CHUNK_MAX_MESSAGES || size + text.length > CHUNK_MAX_CHARS)) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(text);
    size += text.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Digest of a chunk's text, fed message by message (unchanged chunks are never joined). */
export function chunkDigest(chunk: readonly string[]): string {
  const hash = createHash('sha1');
  for (const text of chunk) hash.update(text).update(SEPARATOR);
  return hash.digest('base64');
}
