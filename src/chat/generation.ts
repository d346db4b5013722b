// One reply for the web UI, generated on the server: the upstream answer (OpenAI SSE text) is read
// to the end whatever the browser does, its text sent to every tab of the user as `chat:completion`
// events (the whole text so far, at most every EMIT_EVERY_MS) and written into the stored chat as
// it grows (at most every SAVE_EVERY_MS), so a reload or another tab picks it up. It ends with
// `{done, content, title, usage}`; a failure with `chat:message:error` and
// `chat:tasks:cancel`; a stop keeps the text so far and sends `chat:tasks:cancel`. While it runs the
// model counts as in use (/api/usage), whether or not a tab is watching.
import { isObject } from '../lib/json.ts';
import type { Services } from '../services.ts';
import type { ChatsStore } from '../stores/chats.ts';
import type { AnswerOpener } from './upstream-answer.ts';

const EMIT_EVERY_MS = 40;
const SAVE_EVERY_MS = 1000;
/**
 * Under load a reply's events and saves come less often, so that an instance sends at most this
 * many events (each to every tab of the user, under two names) and writes at most this many
 * interim saves a second in all: up to 100 replies at once get an event every 40 ms, 1,000 every
 * 400 ms (and a save every 10 s). Each event carries the whole text, so none is lost by skipping.
 */
const EMITS_PER_SECOND = 2500;
const SAVES_PER_SECOND = 100;
/** Within the 3 s a models-in-use mark lasts. */
const MARK_EVERY_MS = 1000;

export interface GenerationJob {
  services: Services;
  chats: ChatsStore;
  userId: string;
  chatId: string;
  messageId: string;
  /** The model as the client named it. */
  model: string;
  /** False for the web UI's temporary (`local:`) chats, which are never stored. */
  persist: boolean;
  /** Written into the stored message with every save (its `parentId`, `model`). */
  fields: Record<string, unknown>;
  open: AnswerOpener;
}

/** The `data:` payloads of an SSE text fed in arbitrary pieces. */
class SseLines {
  private buffer = '';

  push(text: string): string[] {
    this.buffer += text;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    return lines.map((line) => line.trim()).filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim());
  }
}

/** The error text an upstream chunk carries (`{error: "…"}` or `{error: {message}}`), if any. */
function errorIn(chunk: Record<string, unknown>): string | undefined {
  const error = chunk['error'];
  if (typeof error === 'string') return error;
  if (isObject(error)) return typeof error['message'] === 'string' ? error['message'] : JSON.stringify(error);
  return undefined;
}

/** What an upstream chunk adds: text, the token usage, or both. */
export interface AnswerPart {
  delta?: string;
  usage?: unknown;
}

/** The part an SSE `data:` payload adds, if any; an error chunk is thrown. */
function partOf(data: string): AnswerPart | undefined {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isObject(chunk)) return undefined;
  const failure = errorIn(chunk);
  if (failure !== undefined) throw new Error(failure);
  const choice = Array.isArray(chunk['choices']) && isObject(chunk['choices'][0]) ? chunk['choices'][0] : undefined;
  const delta = choice && isObject(choice['delta']) ? choice['delta']['content'] : undefined;
  const part: AnswerPart = {};
  if (isObject(chunk['usage'])) part.usage = chunk['usage'];
  if (typeof delta === 'string' && delta !== '') part.delta = delta;
  return part.usage === undefined && part.delta === undefined ? undefined : part;
}

/**
 * Reads an upstream answer as it arrives, handing each part to `onPart` in the stream's data events
 * (no promise per chunk); settles at `[DONE]` or the end, fails on an error chunk or a broken stream.
 */
export async function readAnswer(open: AnswerOpener, signal: AbortSignal, onPart: (part: AnswerPart) => void): Promise<void> {
  const text = await open(signal);
  const lines = new SseLines();
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    text.on('data', (piece: string) => {
      if (settled) return;
      try {
        for (const data of lines.push(piece)) {
          if (data === '[DONE]') return settle();
          const part = partOf(data);
          if (part) onPart(part);
        }
      } catch (error) {
        settle(error);
        text.destroy();
      }
    });
    text.once('end', () => settle());
    text.once('error', (error) => settle(signal.aborted ? signal.reason : error));
    text.once('close', () => settle(signal.aborted ? signal.reason : undefined));
  });
}

/** The generated text; `after` runs once the reply is complete (background tasks, under the same stop signal), never on failure or stop. */
export async function generate(job: GenerationJob, signal: AbortSignal, after?: (content: string, signal: AbortSignal) => Promise<void>): Promise<void> {
  const { services, chats, userId, chatId, messageId } = job;
  const emit = (type: string, data?: unknown) => services.realtime.emitToUser(userId, { chat_id: chatId, message_id: messageId, data: { type, data } });
  const save = async (fields: Record<string, unknown>, final: boolean) => (job.persist ? chats.saveReply(chatId, userId, messageId, { ...job.fields, ...fields }, final) : null);
  const every = (least: number, perSecond: number) => Math.max(least, (services.tasks.runningHere * 1000) / perSecond);

  let content = '';
  let usage: unknown;
  let lastEmit = 0;
  // The web UI stored the empty reply before asking for it; the text follows every SAVE_EVERY_MS or more.
  let lastSave = Date.now();
  let saving: Promise<unknown> = Promise.resolve();
  let saveRunning = false;
  const markInUse = () => void services.realtime.modelsInUse.mark(job.model, `reply:${messageId}`).catch(() => undefined);
  let lastMark = Date.now();
  markInUse();
  const onPart = (part: AnswerPart) => {
    if (part.usage !== undefined) usage = part.usage;
    if (part.delta === undefined) return;
    content += part.delta;
    const now = Date.now();
    if (now - lastMark >= MARK_EVERY_MS) {
      lastMark = now;
      markInUse();
    }
    if (now - lastEmit >= every(EMIT_EVERY_MS, EMITS_PER_SECOND)) {
      lastEmit = now;
      emit('chat:completion', { content });
    }
    if (job.persist && !saveRunning && now - lastSave >= every(SAVE_EVERY_MS, SAVES_PER_SECOND)) {
      lastSave = now;
      saveRunning = true;
      // A failed interim save is not the reply's failure: the final save writes it all.
      saving = save({ content }, false)
        .catch(() => undefined)
        .finally(() => (saveRunning = false));
    }
  };
  try {
    await readAnswer(job.open, signal, onPart);
    await saving;
    if (signal.aborted) throw signal.reason;
    const withUsage = usage !== undefined ? { usage } : {};
    const title = await save({ content, done: true, ...withUsage }, true);
    // One last event: the web UI reads `usage` from any chat:completion event, so it rides with `done`.
    emit('chat:completion', { done: true, content, title: title ?? '', ...withUsage });
  } catch (error) {
    await saving;
    if (signal.aborted) {
      await save({ content, done: true }, true).catch(() => undefined);
      emit('chat:tasks:cancel');
      return;
    }
    const message = error instanceof Error && error.message ? error.message : 'Open WebUI: Server Connection Error';
    await save({ content, done: true, error: { content: message } }, true).catch(() => undefined);
    emit('chat:message:error', { error: { content: message } });
    emit('chat:tasks:cancel');
    return;
  }
  await after?.(content, signal);
}
