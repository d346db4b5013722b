// Ollama's native chat answer in OpenAI's format (for the /v1 layer): an NDJSON stream of
// `{message, done}` lines becomes `chat.completion.chunk` SSE events ending with `data: [DONE]`, and
// a single answer becomes a `chat.completion` with `usage`. Pure functions, no I/O.
import { randomUUID } from 'node:crypto';
import { isObject } from '../lib/json.ts';

type Json = Record<string, unknown>;

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);

export interface CompletionIdentity {
  id: string;
  model: string;
  created: number;
}

export function newIdentity(model: string): CompletionIdentity {
  return { id: `chatcmpl-${randomUUID()}`, model, created: Math.floor(Date.now() / 1000) };
}

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** OpenAI's usage from an Ollama final line: prompt_eval_count and eval_count. */
export function ollamaUsage(line: Json): OpenAIUsage {
  const prompt = count(line['prompt_eval_count']);
  const completion = count(line['eval_count']);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** Ollama's tool calls (arguments as an object) as OpenAI's (arguments as a JSON string). */
export function ollamaToolCalls(calls: unknown): Json[] {
  if (!Array.isArray(calls)) return [];
  return calls.filter(isObject).map((call, i) => {
    const fn = isObject(call['function']) ? call['function'] : {};
    const args = fn['arguments'];
    return {
      index: typeof call['index'] === 'number' ? call['index'] : i,
      id: typeof call['id'] === 'string' && call['id'] ? call['id'] : `call_${randomUUID()}`,
      type: 'function',
      function: { name: typeof fn['name'] === 'string' ? fn['name'] : '', arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) },
    };
  });
}

/** Ollama's done_reason as an OpenAI finish_reason. */
function finishReason(line: Json, sawToolCalls: boolean): string {
  if (sawToolCalls) return 'tool_calls';
  return line['done_reason'] === 'length' ? 'length' : 'stop';
}

/** A non-stream Ollama `/api/chat` answer as a `chat.completion`. */
export function ollamaToOpenAICompletion(answer: Json, identity: CompletionIdentity): Json {
  const message = isObject(answer['message']) ? answer['message'] : {};
  const toolCalls = ollamaToolCalls(message['tool_calls']);
  const out: Json = { role: 'assistant', content: typeof message['content'] === 'string' ? message['content'] : '' };
  if (typeof message['thinking'] === 'string' && message['thinking']) out['reasoning_content'] = message['thinking'];
  if (toolCalls.length > 0) out['tool_calls'] = toolCalls;
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message: out, logprobs: null, finish_reason: finishReason(answer, toolCalls.length > 0) }],
    usage: ollamaUsage(answer),
  };
}

const sse = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;
export const SSE_DONE = 'data: [DONE]\n\n';

/**
 * Turns Ollama NDJSON lines into OpenAI SSE events. Feed raw bytes with `push` (lines may be split
 * anywhere), then call `end`. The first event carries `delta.role`; the final one `finish_reason`;
 * a usage event follows when asked for (`stream_options.include_usage`); then `[DONE]`.
 */
export class NdjsonToOpenAI {
  private buffer = '';
  private started = false;
  private finished = false;
  private sawToolCalls = false;
  private chunkHead: string | undefined;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly identity: CompletionIdentity,
    private readonly includeUsage = false,
  ) {}

  /** Whether Ollama's final (`done: true`) line or an error was seen. */
  get done(): boolean {
    return this.finished;
  }

  push(bytes: Uint8Array | string): string {
    this.buffer += typeof bytes === 'string' ? bytes : this.decoder.decode(bytes, { stream: true });
    let out = '';
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const text = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (text) out += this.line(text);
    }
    return out;
  }

  /** Flushes a last unterminated line; a stream cut before `done` ends with an error event. */
  end(): string {
    let out = '';
    const rest = (this.buffer + this.decoder.decode()).trim();
    this.buffer = '';
    if (rest) out += this.line(rest);
    if (!this.finished) out += this.error('Ollama: the stream ended before the answer was complete');
    return out;
  }

  /** A chunk event; the part that is the same in every chunk of the answer is serialised once. */
  private chunk(delta: Json, finish: string | null = null): string {
    this.chunkHead ??= (() => {
      const { id, created, model } = this.identity;
      return `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":`;
    })();
    return `${this.chunkHead}${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finish)}}]}\n\n`;
  }

  private error(message: string): string {
    this.finished = true;
    return sse({ error: { message, type: 'upstream_error', param: null, code: null } }) + SSE_DONE;
  }

  private line(text: string): string {
    if (this.finished) return '';
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return '';
    }
    if (!isObject(data)) return '';
    if (typeof data['error'] === 'string') return this.error(data['error']);
    let out = '';
    if (!this.started) {
      this.started = true;
      out += this.chunk({ role: 'assistant', content: '' });
    }
    const message = isObject(data['message']) ? data['message'] : {};
    if (typeof message['thinking'] === 'string' && message['thinking']) out += this.chunk({ reasoning_content: message['thinking'] });
    if (typeof message['content'] === 'string' && message['content']) out += this.chunk({ content: message['content'] });
    const calls = ollamaToolCalls(message['tool_calls']);
    if (calls.length > 0) {
      this.sawToolCalls = true;
      out += this.chunk({ tool_calls: calls });
    }
    if (data['done'] === true) {
      this.finished = true;
      out += this.chunk({}, finishReason(data, this.sawToolCalls));
      if (this.includeUsage) {
        const { id, created, model } = this.identity;
        out += sse({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: ollamaUsage(data) });
      }
      out += SSE_DONE;
    }
    return out;
  }
}
