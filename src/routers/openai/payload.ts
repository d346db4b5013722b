// How Open WebUI reshapes a chat body for the connection it goes to (routers/openai.py): the
// `<prefix_id>.` comes off, reasoning models get max_completion_tokens and a developer message,
// other hosts than api.openai.com get max_tokens, and Azure keeps only the parameters it accepts.
import type { OpenAIConnection } from '../../providers/connections.ts';
import { azureApiVersion } from '../../providers/openai-models.ts';
import { joinUrl } from '../../providers/upstream.ts';
import { isObject } from '../../lib/json.ts';

type Json = Record<string, unknown>;

export function isReasoningModel(model: string): boolean {
  return /^(o1|o3|o4|gpt-5)/.test(model.toLowerCase());
}

const AZURE_PARAMS = new Set([
  'messages', 'temperature', 'role', 'content', 'contentPart', 'contentPartImage', 'enhancements', 'dataSources', 'n', 'stream', 'stop',
  'max_tokens', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'user', 'function_call', 'functions', 'tools', 'tool_choice', 'top_p',
  'log_probs', 'top_logprobs', 'response_format', 'seed', 'max_completion_tokens', 'reasoning_effort',
]);

function rename(payload: Json, from: string, to: string): void {
  if (!(from in payload)) return;
  payload[to] = payload[from];
  delete payload[from];
}

/** A leading system message becomes `developer` (`user` for o1-mini/o1-preview, which know neither). */
function reasoningRewrite(payload: Json, model: string): void {
  rename(payload, 'max_tokens', 'max_completion_tokens');
  const messages = payload['messages'];
  if (!Array.isArray(messages) || !isObject(messages[0]) || messages[0]['role'] !== 'system') return;
  const legacy = /^(o1-mini|o1-preview)/.test(model.toLowerCase());
  payload['messages'] = [{ ...messages[0], role: legacy ? 'user' : 'developer' }, ...messages.slice(1)];
}

/** The chat body as the connection expects it (a new object; `payload` is left alone). */
export function chatPayloadFor(connection: OpenAIConnection, payload: Json): Json {
  const out: Json = { ...payload };
  delete out['metadata'];
  if (typeof out['model'] === 'string' && connection.prefixId) out['model'] = out['model'].replace(`${connection.prefixId}.`, '');
  const model = typeof out['model'] === 'string' ? out['model'] : '';
  if (isReasoningModel(model)) reasoningRewrite(out, model);
  else if (!connection.url.includes('api.openai.com')) rename(out, 'max_completion_tokens', 'max_tokens');
  if ('max_tokens' in out && 'max_completion_tokens' in out) delete out['max_tokens'];
  return out;
}

/** Azure takes the model in the URL and a subset of the parameters (stream_options from 2024-09-01-preview). */
export function azurePayload(payload: Json, apiVersion: string): Json {
  const model = typeof payload['model'] === 'string' ? payload['model'] : '';
  const out: Json = { ...payload };
  if (isReasoningModel(model)) {
    rename(out, 'max_tokens', 'max_completion_tokens');
    if ('temperature' in out && out['temperature'] !== 1) delete out['temperature'];
  }
  const allowed = new Set(AZURE_PARAMS);
  if (apiVersion >= '2024-09-01-preview') allowed.add('stream_options');
  return Object.fromEntries(Object.entries(out).filter(([key]) => allowed.has(key)));
}

/** Where a request for `path` (e.g. 'chat/completions') goes, and the body to send there. */
export function targetFor(connection: OpenAIConnection, path: string, payload: Json | undefined, query = ''): { url: string; body: Json | undefined } {
  if (!connection.azure) return { url: joinUrl(connection.url, path) + query, body: payload };
  const version = azureApiVersion(connection);
  const model = payload && typeof payload['model'] === 'string' ? payload['model'] : '';
  const url = `${joinUrl(connection.url, `/openai/deployments/${encodeURIComponent(model)}/${path}`)}?api-version=${encodeURIComponent(version)}`;
  return { url, body: payload ? azurePayload(payload, version) : undefined };
}
