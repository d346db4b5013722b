// Turning a completion body into what is sent upstream: validation with Open WebUI's 400 (not 422),
// nulls dropped (pydantic's exclude_none), and a workspace model's base model, params and system prompt.
import type { z } from 'zod';
import { HTTPException } from '../../lib/errors.ts';
import { applyRecordParams } from '../../providers/model-params.ts';
import type { ModelRecord } from '../../stores/models.ts';
import type { UserModel } from '../../stores/users.ts';
import { isObject } from '../../lib/json.ts';

export type Json = Record<string, unknown>;

/** Pydantic's error text, roughly: "1 validation error for Form\nmessages.0.content\n  <message>". */
function validationText(form: string, error: z.ZodError): string {
  const count = error.issues.length;
  const lines = error.issues.map((issue) => `${issue.path.join('.') || '(body)'}\n  ${issue.message}`);
  return `${count} validation error${count === 1 ? '' : 's'} for ${form}\n${lines.join('\n')}`;
}

export const dropNulls = (value: Json): Json => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));

/** The body without `metadata`, validated, nulls dropped at the root and in `messages`; and the metadata. */
export function parseBody<S extends z.ZodType>(schema: S, form: string, body: Json): { payload: Json; metadata: Json | undefined } {
  const { metadata, ...rest } = body;
  const parsed = schema.safeParse(rest);
  if (!parsed.success) throw new HTTPException(400, validationText(form, parsed.error));
  const payload = dropNulls(parsed.data as Json);
  if (Array.isArray(payload['messages'])) payload['messages'] = payload['messages'].map((m) => (isObject(m) ? dropNulls(m) : m));
  return { payload, metadata: isObject(metadata) ? metadata : undefined };
}

export interface Preset {
  api: 'ollama' | 'openai';
  /** Whether the record's system prompt is added (not for legacy text completions). */
  withSystem: boolean;
}

/** Applies a workspace record: its base model replaces the model, then its params and system prompt. */
export function applyRecord(record: ModelRecord, payload: Json, preset: Preset, user: UserModel, metadata: Json | undefined): Json {
  const body = record.base_model_id ? { ...payload, model: record.base_model_id } : payload;
  return applyRecordParams(record.params, body, preset.api, user, metadata, preset.withSystem);
}

/** The chat id the user-info headers carry. */
export const chatIdOf = (metadata: Json | undefined): string | undefined => (typeof metadata?.['chat_id'] === 'string' ? metadata['chat_id'] : undefined);
