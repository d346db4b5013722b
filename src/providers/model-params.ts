import { isObject } from '../lib/json.ts';
// What a workspace model record adds to a request (Open WebUI's utils/payload.py): its parameters,
// mapped for the OpenAI or the Ollama API, and its system prompt with the prompt variables filled in.
type Json = Record<string, unknown>;

/** Open WebUI's own keys in `params`, never sent upstream. */
const OPEN_WEBUI_PARAMS = ['stream_response', 'stream_delta_chunk_size', 'function_calling', 'reasoning_tags', 'system'];

const toFloat = (v: unknown) => Number(v);
const toInt = (v: unknown) => Math.trunc(Number(v));
const same = (v: unknown) => v;
/** Python's `bytes(s, 'utf-8').decode('unicode_escape')`: `\n` typed in the editor becomes a newline. */
const unescapeStops = (v: unknown) => (Array.isArray(v) ? v.map((s) => String(s).replace(/\\(n|t|r|\\)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] as string)) : v);

const OPENAI_MAPPINGS: Record<string, (v: unknown) => unknown> = {
  temperature: toFloat,
  top_p: toFloat,
  min_p: toFloat,
  max_tokens: toInt,
  frequency_penalty: toFloat,
  presence_penalty: toFloat,
  reasoning_effort: String,
  seed: same,
  stop: unescapeStops,
  logit_bias: same,
  response_format: same,
};

const OLLAMA_OPTIONS: Record<string, (v: unknown) => unknown> = {
  temperature: toFloat,
  top_p: toFloat,
  seed: same,
  mirostat: toInt,
  mirostat_eta: toFloat,
  mirostat_tau: toFloat,
  num_ctx: toInt,
  num_batch: toInt,
  num_keep: toInt,
  num_predict: toInt,
  repeat_last_n: toInt,
  top_k: toInt,
  min_p: toFloat,
  repeat_penalty: toFloat,
  presence_penalty: toFloat,
  frequency_penalty: toFloat,
  stop: unescapeStops,
  num_gpu: toInt,
  use_mmap: Boolean,
  use_mlock: Boolean,
  num_thread: toInt,
};

function parseJsonOr(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function deepUpdate(target: Json, source: Json): Json {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(source)) out[key] = isObject(value) && isObject(out[key]) ? deepUpdate(out[key] as Json, value) : value;
  return out;
}

/** The record's params without Open WebUI's keys, with `custom_params` (JSON strings parsed) merged in. */
function upstreamParams(params: Json): Json {
  const rest: Json = {};
  for (const [key, value] of Object.entries(params)) if (!OPEN_WEBUI_PARAMS.includes(key) && key !== 'custom_params') rest[key] = value;
  const custom = isObject(params['custom_params']) ? Object.fromEntries(Object.entries(params['custom_params']).map(([k, v]) => [k, parseJsonOr(v)])) : {};
  return deepUpdate(rest, custom);
}

/** Sets every non-null param on `target`, cast where a mapping says how. */
function assign(target: Json, params: Json, mappings: Record<string, (v: unknown) => unknown>): Json {
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    const cast = mappings[key];
    target[key] = cast ? cast(value) : value;
  }
  return target;
}

export function applyParamsOpenAI(params: Json, body: Json): Json {
  return assign(body, upstreamParams(params), OPENAI_MAPPINGS);
}

/** `max_tokens` becomes `num_predict`; `format`, `keep_alive`, `think` go to the root; the rest to `options`. */
export function applyParamsOllama(params: Json, body: Json): Json {
  const rest = upstreamParams(params);
  if (rest['max_tokens'] !== null && rest['max_tokens'] !== undefined) {
    rest['num_predict'] = rest['max_tokens'];
    delete rest['max_tokens'];
  }
  for (const key of ['format', 'keep_alive', 'think']) {
    if (rest[key] === null || rest[key] === undefined) continue;
    body[key] = key === 'think' ? Boolean(rest[key]) : parseJsonOr(rest[key]);
    delete rest[key];
  }
  body['options'] = assign(isObject(body['options']) ? { ...body['options'] } : {}, rest, OLLAMA_OPTIONS);
  return body;
}

/** The user fields prompt variables read. */
export interface PromptUser {
  name: string;
  info?: Json | null;
  bio?: string | null;
  gender?: string | null;
  date_of_birth?: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Open WebUI's `prompt_template`: {{CURRENT_DATE}}, {{USER_NAME}}… (server-local time, as upstream). */
export function fillPromptVariables(template: string, user: PromptUser | undefined, variables: Record<string, string> = {}, now = new Date()): string {
  let text = template;
  for (const [name, value] of Object.entries(variables)) text = text.split(name).join(value);
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const hours12 = now.getHours() % 12 || 12;
  const time = `${pad(hours12)}:${pad(now.getMinutes())}:${pad(now.getSeconds())} ${now.getHours() < 12 ? 'AM' : 'PM'}`;
  const weekday = now.toLocaleDateString('en-US', { weekday: 'long' });
  const birth = user?.date_of_birth ? new Date(`${user.date_of_birth}T00:00:00`) : undefined;
  const age = birth && !Number.isNaN(birth.getTime()) ? now.getFullYear() - birth.getFullYear() - (now.getMonth() < birth.getMonth() || (now.getMonth() === birth.getMonth() && now.getDate() < birth.getDate()) ? 1 : 0) : undefined;
  const python = (v: unknown) => (v === null || v === undefined ? 'None' : String(v));
  const values: Record<string, string> = {
    '{{CURRENT_DATE}}': date,
    '{{CURRENT_TIME}}': time,
    '{{CURRENT_DATETIME}}': `${date} ${time}`,
    '{{CURRENT_WEEKDAY}}': weekday,
    '{{USER_NAME}}': user ? String(user.name) : 'Unknown',
    '{{USER_BIO}}': user ? python(user.bio) : 'Unknown',
    '{{USER_GENDER}}': user ? python(user.gender) : 'Unknown',
    '{{USER_BIRTH_DATE}}': user ? (birth ? `${user.date_of_birth} 00:00:00` : 'None') : 'Unknown',
    '{{USER_AGE}}': user ? python(age) : 'Unknown',
    '{{USER_LOCATION}}': user ? python((user.info ?? {})['location']) : 'Unknown',
  };
  for (const [name, value] of Object.entries(values)) text = text.split(name).join(value);
  return text;
}

/** Puts `system` first: into a leading system message (before its text), else as a new one. */
export function withSystemMessage(messages: unknown[], system: string): unknown[] {
  const [first, ...rest] = messages;
  if (isObject(first) && first['role'] === 'system') {
    const content = first['content'];
    if (typeof content === 'string') return [{ ...first, content: `${system}\n${content}` }, ...rest];
    if (Array.isArray(content)) {
      const textIndex = content.findIndex((part) => isObject(part) && part['type'] === 'text');
      const parts = content.map((part, i) => (i === textIndex && isObject(part) ? { ...part, text: `${system}\n${String(part['text'] ?? '')}` } : part));
      return [{ ...first, content: textIndex >= 0 ? parts : [{ type: 'text', text: system }, ...content] }, ...rest];
    }
  }
  return [{ role: 'system', content: system }, ...messages];
}

/**
 * A workspace record's params applied to a request body for `api`, and (unless `withSystem` is off,
 * as for legacy text completions) its system prompt leading the messages, with the prompt variables
 * of the user and of `metadata.variables` filled in. The model name is the caller's to set.
 */
export function applyRecordParams(params: unknown, body: Json, api: 'ollama' | 'openai', user: PromptUser, metadata: unknown, withSystem = true): Json {
  const recordParams = isObject(params) ? params : {};
  if (Object.keys(recordParams).length === 0) return body;
  const mapped = api === 'ollama' ? applyParamsOllama(recordParams, { ...body }) : applyParamsOpenAI(recordParams, { ...body });
  const system = recordParams['system'];
  if (!withSystem || typeof system !== 'string' || system === '') return mapped;
  const given = isObject(metadata) ? metadata['variables'] : undefined;
  const variables = isObject(given) ? Object.fromEntries(Object.entries(given).map(([k, v]) => [k, String(v)])) : {};
  return { ...mapped, messages: withSystemMessage(Array.isArray(mapped['messages']) ? mapped['messages'] : [], fillPromptVariables(system, user, variables)) };
}
