// A workspace model named in a chat body (Open WebUI's Models.get_model_by_id in the proxies): who
// may use it, which provider model it stands for, and what its params and system prompt add.
import type { Services } from '../../services.ts';
import { HTTPException } from '../../lib/errors.ts';
import { applyParamsOllama, applyParamsOpenAI, fillPromptVariables, withSystemMessage } from '../../providers/model-params.ts';
import type { ModelRecord } from '../../stores/models.ts';
import type { UserModel } from '../../stores/users.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export const MODEL_NOT_FOUND = 'Model not found';

/**
 * 403 `Model not found` unless the user may use the model (admins, BYPASS_MODEL_ACCESS_CONTROL, or a
 * record the user owns or may read). No request flag can skip this (upstream's `bypass_filter` could).
 */
export async function assertMayUse(services: Services, user: UserModel, modelId: string): Promise<void> {
  if (!(await services.providers.catalogue.mayUse(user, modelId))) throw new HTTPException(403, MODEL_NOT_FOUND);
}

/** The provider model a request goes to: a preset's base model, else the id itself. */
export function targetModelId(record: ModelRecord | null, modelId: string): string {
  return record?.base_model_id ?? modelId;
}

/** The record's system prompt with the user's and the request's variables filled in. */
function systemPrompt(record: ModelRecord, user: UserModel, metadata: unknown): string | undefined {
  const system = record.params['system'];
  if (typeof system !== 'string' || system === '') return undefined;
  const variables = isObject(metadata) && isObject(metadata['variables']) ? metadata['variables'] : {};
  const strings = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)]));
  return fillPromptVariables(system, user, strings);
}

function withSystem(payload: Json, system: string | undefined): Json {
  if (system === undefined) return payload;
  const messages = Array.isArray(payload['messages']) ? payload['messages'] : [];
  return { ...payload, messages: withSystemMessage(messages, system) };
}

/** An OpenAI-format body with the record applied: base model, params (OpenAI names), system prompt. */
export function applyRecordOpenAI(record: ModelRecord | null, payload: Json, user: UserModel, metadata?: unknown): Json {
  if (!record) return payload;
  const body: Json = { ...payload, model: targetModelId(record, String(payload['model'] ?? '')) };
  return withSystem(applyParamsOpenAI(record.params, body), systemPrompt(record, user, metadata));
}

/** An Ollama `/api/chat` body with the record applied: params into `options`/root, system prompt. */
export function applyRecordOllama(record: ModelRecord | null, payload: Json, user: UserModel, metadata?: unknown): Json {
  if (!record) return payload;
  return withSystem(applyParamsOllama(record.params, { ...payload }), systemPrompt(record, user, metadata));
}
