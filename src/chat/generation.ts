// One reply for the web UI, generated on the server: the upstream answer (OpenAI SSE text) is read
// to the end whatever the browser does, its text sent to every tab of the user as `chat:completion`
// events (the whole text so far, at most every EMIT_EVERY_MS) and written into the stored chat as
// it grows (at most every SAVE_EVERY_MS), so a reload or another tab picks it up. It ends with
// `{usage}` and `{done, content, title}`; a failure with `chat:message:error` and
// `chat:tasks:cancel`; a stop keeps the text so far and sends `chat:tasks:cancel`. While it runs the
// model counts as in use (/api/usage), whether or not a tab is watching.
import { isObject } from '../lib/json.ts';
import type { Services } from '../services.ts';
import type { ChatsStore } from '../stores/chats.ts';

const EMIT_EVERY_MS = 40;
const SAVE_EVERY_MS = 1000;
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
  /** Opens the upstream answer as OpenAI SSE text. */
  open: (signal: AbortSignal) => Promise<AsyncIterable<string>>;
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

/** What an upstream chunk adds: text, or the token usage. */
export interface AnswerPart {
  delta?: string;
  usage?: unknown;
}

/** The parts of an upstream answer (OpenAI SSE text), until `[DONE]` or its end; an error chunk is thrown. */
export async function* answerParts(open: GenerationJob['open'], signal: AbortSignal): AsyncGenerator<AnswerPart> {
  const lines = new SseLines();
  for await (const text of await open(signal)) {
    for (const data of lines.push(text)) {
      if (data === '[DONE]') return;
      let chunk: unknown;
      try {
        chunk = JSON.parse(data);
      } catch {
        continue;
      }
      if (!isObject(chunk)) continue;
      const failure = errorIn(chunk);
      if (failure !== undefined) throw new Error(failure);
      if (isObject(chunk['usage'])) yield { usage: chunk['usage'] };
      const choice = Array.isArray(chunk['choices']) && isObject(chunk['choices'][0]) ? chunk['choices'][0] : undefined;
      const delta = choice && isObject(choice['delta']) ? choice['delta']['content'] : undefined;
      if (typeof delta === 'string' && delta !== '') yield { delta };
    }
  }
}

/** The generated text; `after` runs once the reply is complete (background tasks, under the same stop signal), never on failure or stop. */
export async function generate(job: GenerationJob, signal: AbortSignal, after?: (content: string, signal: AbortSignal) => Promise<void>): Promise<void> {
  const { services, chats, userId, chatId, messageId } = job;
  const emit = (type: string, data?: unknown) => services.realtime.emitToUser(userId, { chat_id: chatId, message_id: messageId, data: { type, data } });
  const save = async (fields: Record<string, unknown>) => (job.persist ? chats.upsertMessage(chatId, userId, messageId, fields) : null);

  let content = '';
  let usage: unknown;
  let lastEmit = 0;
  let lastSave = Date.now();
  let saving: Promise<unknown> = Promise.resolve();
  let saveRunning = false;
  const markInUse = () => void services.realtime.modelsInUse.mark(job.model, `reply:${messageId}`).catch(() => undefined);
  let lastMark = Date.now();
  markInUse();
  try {
    for await (const part of answerParts(job.open, signal)) {
      if (part.usage !== undefined) usage = part.usage;
      if (part.delta === undefined) continue;
      content += part.delta;
      const now = Date.now();
      if (now - lastMark >= MARK_EVERY_MS) {
        lastMark = now;
        markInUse();
      }
      if (now - lastEmit >= EMIT_EVERY_MS) {
        lastEmit = now;
        emit('chat:completion', { content });
      }
      if (job.persist && !saveRunning && now - lastSave >= SAVE_EVERY_MS) {
        lastSave = now;
        saveRunning = true;
        // A failed interim save is not the reply's failure: the final save writes it all.
        saving = save({ content })
          .catch(() => undefined)
          .finally(() => (saveRunning = false));
      }
    }
    await saving;
    if (signal.aborted) throw signal.reason;
    if (usage !== undefined) emit('chat:completion', { usage });
    const stored = await save({ content, done: true, ...(usage !== undefined ? { usage } : {}) });
    emit('chat:completion', { done: true, content, title: stored?.title ?? '' });
  } catch (error) {
    await saving;
    if (signal.aborted) {
      await save({ content, done: true }).catch(() => undefined);
      emit('chat:tasks:cancel');
      return;
    }
    const message = error instanceof Error && error.message ? error.message : 'Open WebUI: Server Connection Error';
    await save({ content, done: true, error: { content: message } }).catch(() => undefined);
    emit('chat:message:error', { error: { content: message } });
    emit('chat:tasks:cancel');
    return;
  }
  await after?.(content, signal);
}
