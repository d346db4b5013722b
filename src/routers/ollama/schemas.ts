// Request forms of the Ollama proxy (api-rest.md §2.15). "extra allowed" forms are loose objects:
// unknown keys travel on to Ollama untouched.
import { z } from 'zod';

const Dict = z.record(z.string(), z.unknown());
const KeepAlive = z.union([z.number().int(), z.string()]).nullish();

export const UrlIdxParams = z.object({ url_idx: z.coerce.number().int() });
/** For a handler shared by `/path` and `/path/{url_idx}`. */
export const OptionalIdx = z.object({ url_idx: z.coerce.number().int().optional() });

export const ConnectionVerificationForm = z.object({ url: z.string(), key: z.string().nullish() });

export const OllamaConfigForm = z.object({
  ENABLE_OLLAMA_API: z.boolean().nullish(),
  OLLAMA_BASE_URLS: z.array(z.string()),
  OLLAMA_API_CONFIGS: Dict,
});

/** `model`, or its legacy alias `name`. */
export const ModelNameForm = z.looseObject({ model: z.string().nullish(), name: z.string().nullish() });
export type ModelNameFormValue = z.output<typeof ModelNameForm>;

export const PushModelForm = z.object({ model: z.string(), insecure: z.boolean().nullish(), stream: z.boolean().nullish() });

export const CreateModelForm = z.looseObject({ model: z.string().nullish(), stream: z.boolean().nullish(), path: z.string().nullish() });

export const CopyModelForm = z.object({ source: z.string(), destination: z.string() });

export const GenerateEmbedForm = z.looseObject({
  model: z.string(),
  input: z.union([z.array(z.string()), z.string()]),
  truncate: z.boolean().nullish(),
  options: Dict.nullish(),
  keep_alive: KeepAlive,
});

export const GenerateEmbeddingsForm = z.object({
  model: z.string(),
  prompt: z.string(),
  options: Dict.nullish(),
  keep_alive: KeepAlive,
});

export const GenerateCompletionForm = z.object({
  model: z.string(),
  prompt: z.string(),
  suffix: z.string().nullish(),
  images: z.array(z.string()).nullish(),
  format: z.union([Dict, z.string()]).nullish(),
  options: Dict.nullish(),
  system: z.string().nullish(),
  template: z.string().nullish(),
  context: z.array(z.number().int()).nullish(),
  stream: z.boolean().nullish().transform((v) => v ?? true),
  raw: z.boolean().nullish(),
  keep_alive: KeepAlive,
});

export const UrlForm = z.object({ url: z.string() });

// The forms below are checked inside the handlers (Open WebUI answers 400 with the validation text, not 422).

const ChatMessage = z
  .looseObject({
    role: z.string(),
    content: z.string().nullish(),
    tool_calls: z.array(Dict).nullish(),
    images: z.array(z.string()).nullish(),
  })
  .refine((m) => m.content !== null || (m.tool_calls !== null && m.tool_calls !== undefined), {
    message: "At least one of 'content' or 'tool_calls' must be provided",
    path: ['content'],
  });

export const GenerateChatCompletionForm = z.looseObject({
  model: z.string(),
  messages: z.array(ChatMessage),
  format: z.union([Dict, z.string()]).nullish(),
  options: Dict.nullish(),
  template: z.string().nullish(),
  stream: z.boolean().nullish().transform((v) => v ?? true),
  keep_alive: KeepAlive,
  tools: z.array(Dict).nullish(),
});

const OpenAIChatMessage = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.null(), z.array(z.looseObject({ type: z.string() }))]),
});

export const OpenAIChatCompletionForm = z.looseObject({ model: z.string(), messages: z.array(OpenAIChatMessage) });

export const OpenAICompletionForm = z.looseObject({ model: z.string(), prompt: z.string() });
