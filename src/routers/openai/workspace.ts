// A workspace model named in a chat body (Open WebUI's Models.get_model_by_id in the proxies): which
// provider model it stands for, and what its params and system prompt add.
import { applyRecordParams } from '../../providers/model-params.ts';
import type { ModelRecord } from '../../stores/models.ts';
import type { UserModel } from '../../stores/users.ts';

type Json = Record<string, unknown>;

/** The provider model a request goes to: a preset's base model, else the id itself. */
export function targetModelId(record: ModelRecord | null, modelId: string): string {
  return record?.base_model_id ?? modelId;
}

/** An OpenAI-format body with the record applied: base model, params (OpenAI names), system prompt. */
export function applyRecordOpenAI(record: ModelRecord | null, payload: Json, user: UserModel, metadata?: unknown): Json {
  if (!record) return payload;
  return applyRecordParams(record.params, { ...payload, model: targetModelId(record, String(payload['model'] ?? '')) }, 'openai', user, metadata);
}

/** An Ollama `/api/chat` body with the record applied: params into `options`/root, system prompt. */
export function applyRecordOllama(record: ModelRecord | null, payload: Json, user: UserModel, metadata?: unknown): Json {
  return record ? applyRecordParams(record.params, payload, 'ollama', user, metadata) : payload;
}
