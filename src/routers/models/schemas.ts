// Request schemas of the models router (Open WebUI's ModelForm, ModelIdForm, ModelsImportForm,
// SyncModelsForm and the list query).
import { z } from 'zod';
import { QueryPage } from '../../http/query.ts';

/** The id limit Open WebUI enforces itself (400 MODEL_ID_TOO_LONG); the schema only stops absurd input. */
export const MAX_MODEL_ID = 256;
const ID = z.string().max(4096);

/** A JSON object (pydantic `dict`): arrays, strings and numbers are refused. */
const Dict = z.record(z.string(), z.unknown());

const Grant = z.looseObject({
  group_ids: z.array(z.string().max(255)).max(10_000).optional(),
  user_ids: z.array(z.string().max(255)).max(10_000).optional(),
});

/** `null` = public, `{}` = private, else read/write grants. */
export const AccessControlSchema = z.looseObject({ read: Grant.optional(), write: Grant.optional() }).nullable();

/** ModelMeta: the declared fields typed, anything else (tags, knowledge, toolIds…) kept as sent. */
const ModelMeta = z.looseObject({
  profile_image_url: z.string().nullish(),
  description: z.string().nullish(),
  capabilities: Dict.nullish(),
});

const ModelFormFields = {
  id: ID,
  base_model_id: ID.nullish().transform((v) => v ?? null),
  name: z.string().max(1000),
  meta: ModelMeta,
  params: Dict,
  access_control: AccessControlSchema.optional().transform((v) => v ?? null),
  is_active: z.boolean().default(true),
};

export const ModelForm = z.object(ModelFormFields);
export type ModelFormValue = z.output<typeof ModelForm>;

export const ModelIdForm = z.object({ id: ID });
export const ModelIdQuery = z.object({ id: ID });

export const ModelListQuery = z.object({
  query: z.string().max(1000).optional(),
  view_option: z.string().max(50).optional(),
  tag: z.string().max(255).optional(),
  order_by: z.string().max(50).optional(),
  direction: z.string().max(10).optional(),
  page: QueryPage.optional(),
});

/** Import items are free-form dicts, each checked against ModelForm once merged (see transfer.ts). */
export const ModelsImportForm = z.object({ models: z.array(Dict).max(10_000) });

/** SyncModelsForm: whole ModelModel records (owner and updated_at are replaced by the sync). */
export const SyncModelsForm = z.object({
  models: z
    .array(
      z.object({
        ...ModelFormFields,
        is_active: z.boolean(),
        user_id: z.string().max(255),
        updated_at: z.number().int(),
        created_at: z.number().int(),
      }),
    )
    .max(10_000)
    .default([]),
});
