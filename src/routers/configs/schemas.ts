// Request forms of Open WebUI's configs router (routers/configs.py). Pydantic's "Optional[x]" without a
// default is a required key that may be null, hence `.nullable()` without `.optional()` below.
import { z } from 'zod';

const text = (max: number) => z.string().max(max);
const URL_TEXT = text(4096);

export const ImportConfigForm = z.object({ config: z.record(z.string(), z.unknown()) });

export const ConnectionsConfigForm = z.object({
  ENABLE_DIRECT_CONNECTIONS: z.boolean(),
  ENABLE_BASE_MODELS_CACHE: z.boolean(),
});

export const OAuthClientRegistrationForm = z.object({
  url: URL_TEXT,
  client_id: text(255),
  client_name: text(255).nullish(),
});
export const OAuthClientRegistrationQuery = z.object({ type: text(64).optional() });

/** One OpenAPI or MCP tool server; unknown keys (e.g. `info`) are kept, as upstream allows extras. */
export const ToolServerConnection = z.looseObject({
  url: URL_TEXT,
  path: URL_TEXT,
  type: text(64).nullable().default('openapi'),
  auth_type: text(64).nullable(),
  headers: z.union([z.record(z.string().max(1024), z.unknown()), text(65_536)]).nullable().default(null),
  key: text(65_536).nullable(),
  config: z.record(z.string(), z.unknown()).nullable(),
});
export type ToolServerConnection = z.infer<typeof ToolServerConnection>;

export const ToolServersConfigForm = z.object({ TOOL_SERVER_CONNECTIONS: z.array(ToolServerConnection).max(1000) });

const TIMEOUT = z.number().int().min(0).max(86_400).nullable();
export const CodeInterpreterConfigForm = z.object({
  ENABLE_CODE_EXECUTION: z.boolean(),
  CODE_EXECUTION_ENGINE: text(64),
  CODE_EXECUTION_JUPYTER_URL: URL_TEXT.nullable(),
  CODE_EXECUTION_JUPYTER_AUTH: text(64).nullable(),
  CODE_EXECUTION_JUPYTER_AUTH_TOKEN: text(4096).nullable(),
  CODE_EXECUTION_JUPYTER_AUTH_PASSWORD: text(4096).nullable(),
  CODE_EXECUTION_JUPYTER_TIMEOUT: TIMEOUT,
  ENABLE_CODE_INTERPRETER: z.boolean(),
  CODE_INTERPRETER_ENGINE: text(64),
  CODE_INTERPRETER_PROMPT_TEMPLATE: text(100_000).nullable(),
  CODE_INTERPRETER_JUPYTER_URL: URL_TEXT.nullable(),
  CODE_INTERPRETER_JUPYTER_AUTH: text(64).nullable(),
  CODE_INTERPRETER_JUPYTER_AUTH_TOKEN: text(4096).nullable(),
  CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD: text(4096).nullable(),
  CODE_INTERPRETER_JUPYTER_TIMEOUT: TIMEOUT,
});
export type CodeInterpreterConfigForm = z.infer<typeof CodeInterpreterConfigForm>;

export const ModelsConfigForm = z.object({
  DEFAULT_MODELS: text(65_536).nullable(),
  DEFAULT_PINNED_MODELS: text(65_536).nullable(),
  MODEL_ORDER_LIST: z.array(text(1024)).max(100_000).nullable(),
});

export const PromptSuggestion = z.object({ title: z.array(text(1000)).max(10), content: text(100_000) });
export const SetDefaultSuggestionsForm = z.object({ suggestions: z.array(PromptSuggestion).max(1000) });

export const BannerModel = z.object({
  id: text(255),
  type: text(64),
  title: text(1000).nullish().transform((v) => v ?? null),
  content: text(100_000),
  dismissible: z.boolean(),
  timestamp: z.number().int(),
});
export type BannerModel = z.infer<typeof BannerModel>;
export const SetBannersForm = z.object({ banners: z.array(BannerModel).max(1000) });
