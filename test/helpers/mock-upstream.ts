// A scripted fake model server for relay tests and benchmarks: the Ollama API (/api/*) and the OpenAI API
// (/v1/*) on one loopback port. Tests steer it through the mutable `script` and inspect `requests`/`stats`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createHash } from 'node:crypto';

export interface MockModel {
  /** Ollama name like 'llama3.2:3b' or OpenAI id like 'gpt-4o'. */
  name: string;
}

export interface MockUpstreamOptions {
  ollamaModels?: string[];
  openaiModels?: string[];
  version?: string;
}

export interface MockScript {
  /** Tokens per completion; token i is `tok${i} `. */
  tokens: number;
  /** Delay between streamed tokens (0: back to back, still one write per token). */
  tokenDelayMs: number;
  /** Delay before the first token of a stream, or before the whole of a non-stream completion. */
  firstTokenDelayMs: number;
  /** Every request is answered with this status and JSON body until cleared. */
  failWith?: { status: number; body: unknown } | undefined;
  /** Streams: destroy the socket after this many tokens, without the final chunk. */
  disconnectAfterTokens?: number | undefined;
  /** Accept requests but never answer them (until the client gives up or close()). */
  hang?: boolean;
  /**
   * OpenAI chat (and Ollama chat, not streamed): a request whose last message contains `when` is
   * answered with `text` (one chunk when streamed) instead of tokens, as a model asked for a title
   * or tags would answer.
   */
  replies?: { when: string; text: string }[];
}

export interface MockRequest {
  method: string;
  /** Path with query string. */
  path: string;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
}

export interface MockStats {
  openStreams: number;
  /** Streams whose client went away before the end (the mock's own disconnectAfterTokens cuts are not counted). */
  abortedStreams: number;
}

export interface MockUpstream {
  /** 'http://127.0.0.1:<port>'; the OpenAI base URL is `${url}/v1`. */
  url: string;
  script: MockScript;
  requests: MockRequest[];
  stats: MockStats;
  /** Clears requests, abortedStreams, the script and the Ollama model list back to the start. */
  reset(): void;
  /** Closes the server and destroys every open socket. */
  close(): Promise<void>;
}

const DEFAULT_OLLAMA_MODELS = ['llama3.2:3b', 'qwen2.5:7b'];
const DEFAULT_OPENAI_MODELS = ['gpt-4o', 'gpt-4o-mini'];
const MODIFIED_AT = '2025-01-01T00:00:00.000Z';
const MODEL_SIZE = 1234567;
const DETAILS = {
  parent_model: '',
  format: 'gguf',
  family: 'llama',
  families: ['llama'],
  parameter_size: '3.2B',
  quantization_level: 'Q4_K_M',
};
const EMBEDDING_SIZE = 8;
const BLOB_PATH = /^\/api\/blobs\/([^/]+)$/;

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const mock = new MockUpstreamServer(options);
  await mock.listen();
  return mock;
}

function defaultScript(): MockScript {
  return { tokens: 5, tokenDelayMs: 0, firstTokenDelayMs: 0, failWith: undefined, disconnectAfterTokens: undefined, hang: false, replies: undefined };
}

type Fields = Record<string, unknown>;

class MockUpstreamServer implements MockUpstream {
  url = '';
  script: MockScript = defaultScript();
  requests: MockRequest[] = [];
  stats: MockStats = { openStreams: 0, abortedStreams: 0 };

  private readonly options: MockUpstreamOptions;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly openaiModels: string[];
  private ollamaModels: string[];
  private seq = 0;

  constructor(options: MockUpstreamOptions) {
    this.options = options;
    this.openaiModels = [...(options.openaiModels ?? DEFAULT_OPENAI_MODELS)];
    this.ollamaModels = [...(options.ollamaModels ?? DEFAULT_OLLAMA_MODELS)];
    this.server = createServer({ noDelay: true }, (req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 120_000;
    this.server.headersTimeout = 121_000;
    this.server.maxConnections = Infinity;
    this.server.on('connection', (socket: Socket) => {
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      // A deep backlog so a burst of 1,000 connects (the relay benchmark) is not dropped into SYN retries.
      this.server.listen(0, '127.0.0.1', 4096, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        if (address === null || typeof address === 'string') return reject(new Error('mock upstream has no TCP address'));
        this.url = `http://127.0.0.1:${address.port}`;
        resolve();
      });
    });
  }

  reset(): void {
    this.requests.length = 0;
    // openStreams is a live gauge of sockets still open, so it is left alone.
    this.stats.abortedStreams = 0;
    Object.assign(this.script, defaultScript()); // in place: tests may hold a reference to the script
    this.ollamaModels = [...(this.options.ollamaModels ?? DEFAULT_OLLAMA_MODELS)];
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((err) => {
        if (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(err);
        else resolve();
      });
      for (const socket of this.sockets) socket.destroy();
    });
  }

  /** Ollama's blob store: the raw bytes must hash to the digest in the path (else 400, as Ollama). */
  private async receiveBlob(req: IncomingMessage, res: ServerResponse, digest: string): Promise<void> {
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      for await (const chunk of req) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
    } catch {
      return;
    }
    this.requests.push({ method: 'POST', path: req.url ?? '/', headers: { ...req.headers }, body: { bytes } });
    if (this.script.failWith) return sendJson(res, this.script.failWith.status, this.script.failWith.body);
    if (digest !== `sha256:${hash.digest('hex')}`) return sendJson(res, 400, { error: 'digest mismatch' });
    res.writeHead(201).end();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => {}); // a client vanishing mid-write is part of the game here
    const blob = BLOB_PATH.exec((req.url ?? '/').split('?')[0] ?? '/');
    if (blob && req.method === 'POST') return this.receiveBlob(req, res, blob[1] ?? '');
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return; // the client went away while sending
    }
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const body = parseBody(raw);
    this.requests.push({ method, path, headers: { ...req.headers }, body });

    // One snapshot per request, so a test changing the script mid-stream does not affect streams in flight.
    const s: MockScript = { ...this.script };
    if (s.hang) return;
    if (s.failWith) return sendJson(res, s.failWith.status, s.failWith.body);
    const pathname = path.split('?')[0] ?? '/';
    if (BLOB_PATH.test(pathname) && method === 'HEAD') return void res.writeHead(200).end();
    if (typeof body === 'string') {
      return sendJson(res, 400, path.startsWith('/api/') ? { error: 'invalid JSON body' } : openaiError('invalid JSON body', 'invalid_request_error', null));
    }
    const b: Fields = isFields(body) ? body : {};
    try {
      await this.route(method, pathname, b, s, res);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { error: String(err) });
      else res.destroy();
    }
  }

  private async route(method: string, pathname: string, b: Fields, s: MockScript, res: ServerResponse): Promise<void> {
    // The OpenAI routes, with or without the /v1 prefix.
    const openaiPath = pathname.startsWith('/v1/') ? pathname.slice(3) : pathname;
    switch (`${method} ${openaiPath}`) {
      case 'GET /models':
        return this.openaiModelList(res);
      case 'POST /chat/completions':
        return this.openaiCompletion(res, s, b, 'chat');
      case 'POST /completions':
        return this.openaiCompletion(res, s, b, 'legacy');
      case 'POST /embeddings':
        return this.openaiEmbeddings(res, b);
    }

    switch (`${method} ${pathname}`) {
      case 'GET /api/version':
        return sendJson(res, 200, { version: this.options.version ?? '0.6.5' });
      case 'GET /api/tags':
        return sendJson(res, 200, { models: this.ollamaModels.map(ollamaTag) });
      case 'GET /api/ps': {
        const first = this.ollamaModels[0];
        if (first === undefined) return sendJson(res, 200, { models: [] });
        const { modified_at: _, ...tag } = ollamaTag(first);
        const expires_at = new Date(Date.now() + 5 * 60_000).toISOString();
        return sendJson(res, 200, { models: [{ ...tag, expires_at, size_vram: MODEL_SIZE }] });
      }
      case 'POST /api/show': {
        const name = modelOf(b);
        if (name === undefined || !this.hasOllama(name)) return sendJson(res, 404, { error: `model '${name ?? ''}' not found` });
        return sendJson(res, 200, {
          modelfile: `FROM ${name}`,
          parameters: '',
          template: '{{ .Prompt }}',
          details: DETAILS,
          model_info: {},
          capabilities: ['completion'],
          modified_at: MODIFIED_AT,
        });
      }
      case 'POST /api/chat':
        return this.ollamaCompletion(res, s, b, 'chat');
      case 'POST /api/generate':
        return this.ollamaCompletion(res, s, b, 'generate');
      case 'POST /api/embed': {
        const model = str(b['model']);
        if (model === undefined || !this.hasOllama(model)) return sendJson(res, 404, { error: `model '${model ?? ''}' not found` });
        const inputs = textInputs(b['input']);
        return sendJson(res, 200, {
          model,
          embeddings: inputs.map(embed),
          total_duration: 1_000_000,
          load_duration: 100_000,
          prompt_eval_count: countWords(inputs.join(' ')),
        });
      }
      case 'POST /api/embeddings': {
        const model = str(b['model']);
        if (model === undefined || !this.hasOllama(model)) return sendJson(res, 404, { error: `model '${model ?? ''}' not found` });
        return sendJson(res, 200, { embedding: embed(str(b['prompt']) ?? '') });
      }
      case 'POST /api/pull':
        return this.ollamaPull(res, b);
      case 'POST /api/create': {
        const name = modelOf(b);
        if (name !== undefined) this.addOllama(name);
        return sendStatus(res, b['stream'] !== false, [{ status: 'success' }]);
      }
      case 'POST /api/push':
      case 'DELETE /api/push':
        return sendStatus(res, b['stream'] !== false, [{ status: 'success' }]);
      case 'POST /api/copy': {
        const source = str(b['source']);
        const destination = str(b['destination']);
        if (source === undefined || !this.hasOllama(source)) return sendJson(res, 404, { error: `model '${source ?? ''}' not found` });
        if (destination === undefined) return sendJson(res, 400, { error: 'destination is required' });
        this.addOllama(destination);
        res.writeHead(200).end();
        return;
      }
      case 'DELETE /api/delete': {
        const name = modelOf(b);
        const index = name === undefined ? -1 : this.ollamaIndex(name);
        if (index < 0) return sendJson(res, 404, { error: `model '${name ?? ''}' not found` });
        this.ollamaModels.splice(index, 1);
        res.writeHead(200).end();
        return;
      }
    }

    sendJson(res, 404, { error: `not found: ${method} ${pathname}` });
  }

  // ---- Ollama ----

  /** Ollama resolves a bare name to its ':latest' tag. */
  private ollamaIndex(name: string): number {
    const exact = this.ollamaModels.indexOf(name);
    return exact >= 0 || name.includes(':') ? exact : this.ollamaModels.indexOf(`${name}:latest`);
  }

  private hasOllama(name: string): boolean {
    return this.ollamaIndex(name) >= 0;
  }

  private addOllama(name: string): void {
    if (!this.hasOllama(name)) this.ollamaModels.push(name.includes(':') ? name : `${name}:latest`);
  }

  private ollamaPull(res: ServerResponse, b: Fields): void {
    const name = modelOf(b);
    if (name === undefined) return sendJson(res, 400, { error: 'model is required' });
    this.addOllama(name);
    const digest = 'sha256:abc';
    sendStatus(res, b['stream'] !== false, [
      { status: 'pulling manifest' },
      ...[100, 200, 300].map((completed) => ({ status: `downloading ${digest}`, digest, total: 300, completed })),
      { status: 'verifying sha256 digest' },
      { status: 'writing manifest' },
      { status: 'success' },
    ]);
  }

  private async ollamaCompletion(res: ServerResponse, s: MockScript, b: Fields, kind: 'chat' | 'generate'): Promise<void> {
    const model = str(b['model']);
    if (model === undefined) return sendJson(res, 400, { error: 'model is required' });
    if (!this.hasOllama(model)) return sendJson(res, 404, { error: `model '${model}' not found, try pulling it first` });
    const started = performance.now();
    const promptTokens = kind === 'chat' ? countMessageWords(b['messages']) : countWords(`${str(b['system']) ?? ''} ${str(b['prompt']) ?? ''}`);
    const done = (content: string): Fields => {
      const total = Math.max(Math.round((performance.now() - started) * 1e6), 3_000_000);
      return {
        model,
        created_at: new Date().toISOString(),
        ...(kind === 'chat' ? { message: { role: 'assistant', content } } : { response: content }),
        done: true,
        done_reason: 'stop',
        ...(kind === 'generate' ? { context: [1, 2, 3] } : {}),
        total_duration: total,
        load_duration: 1_000_000,
        prompt_eval_count: Math.max(promptTokens, 1),
        prompt_eval_duration: 1_000_000,
        eval_count: s.tokens,
        eval_duration: total - 2_000_000,
      };
    };

    if (b['stream'] === false) {
      const pace = new Pace(res);
      await pace.sleep(s.firstTokenDelayMs);
      const scripted = kind === 'chat' ? scriptedReply(s, b['messages']) : undefined;
      if (!pace.closed) sendJson(res, 200, done(scripted ?? fullText(s.tokens)));
      return;
    }
    const head = `{"model":${JSON.stringify(model)},"created_at":"`;
    const body = kind === 'chat' ? '","message":{"role":"assistant","content":"tok' : '","response":"tok';
    const tail = kind === 'chat' ? ' "},"done":false}\n' : ' ","done":false}\n';
    await this.stream(res, s, {
      contentType: 'application/x-ndjson',
      token: (i) => head + new Date().toISOString() + body + i + tail,
      end: () => `${JSON.stringify(done(''))}\n`,
    });
  }

  // ---- OpenAI ----

  private openaiModelList(res: ServerResponse): void {
    // On a real Ollama, /v1/models lists its own models; here that is what a mock without OpenAI models does.
    const ids = this.openaiModels.length > 0 ? this.openaiModels : this.ollamaModels;
    const owner = this.openaiModels.length > 0 ? 'mock' : 'library';
    sendJson(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: owner })) });
  }

  /** The chat and legacy text completions; they also serve the Ollama models (Ollama's OpenAI layer). */
  private async openaiCompletion(res: ServerResponse, s: MockScript, b: Fields, kind: 'chat' | 'legacy'): Promise<void> {
    const model = str(b['model']);
    if (model === undefined) return sendJson(res, 400, openaiError('you must provide a model parameter', 'invalid_request_error', null));
    if (!this.openaiModels.includes(model) && !this.hasOllama(model)) {
      return sendJson(res, 404, openaiError(`The model '${model}' does not exist`, 'invalid_request_error', 'model_not_found'));
    }
    const id = `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-mock${++this.seq}`;
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = Math.max(kind === 'chat' ? countMessageWords(b['messages']) : countWords(textInputs(b['prompt']).join(' ')), 1);
    const usage = { prompt_tokens: promptTokens, completion_tokens: s.tokens, total_tokens: promptTokens + s.tokens };

    const scripted = kind === 'chat' ? scriptedReply(s, b['messages']) : undefined;
    if (scripted !== undefined && b['stream'] === true) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8' });
      const event = (delta: Fields, finish: string | null) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
      return void res.end(event({ role: 'assistant', content: scripted }, null) + event({}, 'stop') + 'data: [DONE]\n\n');
    }
    if (b['stream'] !== true) {
      const pace = new Pace(res);
      await pace.sleep(s.firstTokenDelayMs);
      if (pace.closed) return;
      const text = scripted ?? fullText(s.tokens);
      const choice =
        kind === 'chat'
          ? { index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }
          : { text, index: 0, logprobs: null, finish_reason: 'stop' };
      const object = kind === 'chat' ? 'chat.completion' : 'text_completion';
      return sendJson(res, 200, { id, object, created, model, choices: [choice], usage });
    }

    const object = kind === 'chat' ? 'chat.completion.chunk' : 'text_completion';
    const chunk = (choices: unknown[], extra: Fields = {}): string =>
      `data: ${JSON.stringify({ id, object, created, model, choices, ...extra })}\n\n`;
    const head = `data: {"id":"${id}","object":"${object}","created":${created},"model":${JSON.stringify(model)},"choices":[{"index":0,`;
    const [before, after] =
      kind === 'chat'
        ? ['"delta":{"content":"tok', ' "},"logprobs":null,"finish_reason":null}]}\n\n']
        : ['"text":"tok', ' ","logprobs":null,"finish_reason":null}]}\n\n'];
    const streamOptions = b['stream_options'];
    const includeUsage = isFields(streamOptions) && streamOptions['include_usage'] === true;
    await this.stream(res, s, {
      contentType: 'text/event-stream; charset=utf-8',
      first: kind === 'chat' ? chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]) : undefined,
      token: (i) => head + before + i + after,
      end: () =>
        chunk([kind === 'chat' ? { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' } : { text: '', index: 0, logprobs: null, finish_reason: 'stop' }]) +
        (includeUsage ? chunk([], { usage }) : '') +
        'data: [DONE]\n\n',
    });
  }

  private openaiEmbeddings(res: ServerResponse, b: Fields): void {
    const model = str(b['model']);
    if (model === undefined || (!this.openaiModels.includes(model) && !this.hasOllama(model))) {
      return sendJson(res, 404, openaiError(`The model '${model ?? ''}' does not exist`, 'invalid_request_error', 'model_not_found'));
    }
    const inputs = textInputs(b['input']);
    const tokens = countWords(inputs.join(' '));
    sendJson(res, 200, {
      object: 'list',
      data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: embed(text) })),
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  // ---- streaming ----

  /**
   * Headers go out at once; firstTokenDelayMs then delays the first body byte (so a relay sees a fast 200 and a
   * slow first token, like a model that is loading). One write per token; backpressure is respected.
   */
  private async stream(res: ServerResponse, s: MockScript, parts: StreamParts): Promise<void> {
    res.writeHead(200, { 'Content-Type': parts.contentType, 'Cache-Control': 'no-cache' });
    res.flushHeaders();
    const pace = new Pace(res);
    let ended = false;
    let cut = false;
    this.stats.openStreams++;
    res.once('close', () => {
      this.stats.openStreams--;
      if (!ended && !cut) this.stats.abortedStreams++;
    });

    await pace.sleep(s.firstTokenDelayMs);
    if (pace.closed) return;
    if (parts.first !== undefined) res.write(parts.first);
    for (let i = 0; ; i++) {
      if (i === s.disconnectAfterTokens) {
        cut = true;
        return destroyAfterFlush(res);
      }
      if (i >= s.tokens) break;
      if (i > 0 && s.tokenDelayMs > 0) {
        await pace.sleep(s.tokenDelayMs);
        if (pace.closed) return;
      }
      if (!res.write(parts.token(i))) await pace.drain();
      if (pace.closed) return;
    }
    ended = true;
    res.end(parts.end());
  }
}

interface StreamParts {
  contentType: string;
  /** Written just before the first token (after firstTokenDelayMs). */
  first?: string | undefined;
  token: (i: number) => string;
  /** The closing line(s): final chunk, usage, [DONE]. */
  end: () => string;
}

/** Sleeps and waits for drain, waking early when the response closes so nothing outlives close(). */
class Pace {
  closed = false;
  private readonly res: ServerResponse;
  private wake: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(res: ServerResponse) {
    this.res = res;
    res.once('close', () => {
      this.closed = true;
      clearTimeout(this.timer);
      this.wake?.();
    });
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  drain(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.res.once('drain', resolve);
    });
  }
}

/** Writes are corked until the next tick: let them reach the kernel, then cut the connection. */
function destroyAfterFlush(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  setImmediate(() => {
    if (socket.writableLength > 0) socket.once('drain', () => socket.destroy());
    else socket.destroy();
  });
}

// ---- helpers ----

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** Ollama's progress answers: NDJSON lines when streaming, else only the last line. */
function sendStatus(res: ServerResponse, stream: boolean, lines: Fields[]): void {
  if (!stream) return sendJson(res, 200, lines[lines.length - 1]);
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  for (const line of lines) res.write(`${JSON.stringify(line)}\n`);
  res.end();
}

function openaiError(message: string, type: string, code: string | null): Fields {
  return { error: { message, type, param: null, code } };
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function modelOf(b: Fields): string | undefined {
  return str(b['model']) ?? str(b['name']);
}

function ollamaTag(name: string): Fields {
  const digest = createHash('sha256').update(name).digest('hex');
  return { name, model: name, modified_at: MODIFIED_AT, size: MODEL_SIZE, digest, details: DETAILS };
}

/** The scripted answer for a chat whose last message contains a `when` of the script, if any. */
function scriptedReply(s: MockScript, messages: unknown): string | undefined {
  const last = Array.isArray(messages) ? messages.at(-1) : undefined;
  const content = isFields(last) && typeof last['content'] === 'string' ? last['content'] : '';
  return s.replies?.find((reply) => content.includes(reply.when))?.text;
}

function fullText(tokens: number): string {
  let text = '';
  for (let i = 0; i < tokens; i++) text += `tok${i} `;
  return text;
}

function textInputs(input: unknown): string[] {
  const one = (x: unknown): string => (typeof x === 'string' ? x : JSON.stringify(x ?? ''));
  return Array.isArray(input) ? input.map(one) : [one(input)];
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function countMessageWords(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let words = 0;
  for (const message of messages) {
    if (!isFields(message)) continue;
    const content = message['content'];
    if (typeof content === 'string') words += countWords(content);
    else if (Array.isArray(content)) {
      for (const part of content) if (isFields(part) && typeof part['text'] === 'string') words += countWords(part['text']);
    }
  }
  return words;
}

/** A deterministic unit vector from the text's character codes (all zeros for empty text). */
function embed(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_SIZE).fill(0);
  for (let i = 0; i < text.length; i++) {
    const slot = i % EMBEDDING_SIZE;
    vector[slot] = ((vector[slot] ?? 0) * 31 + text.charCodeAt(i)) % 1009;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}
