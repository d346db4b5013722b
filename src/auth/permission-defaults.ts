// Open WebUI's default USER_PERMISSIONS tree: one environment variable per leaf.
import { envBool, type Env } from '../config/env-parse.ts';

export type PermissionTree = Record<string, Record<string, boolean>>;

type Leaf = readonly [group: string, key: string, env: string, fallback: boolean];

const WS = 'USER_PERMISSIONS_WORKSPACE_';
const LEAVES: readonly Leaf[] = [
  ['workspace', 'models', `${WS}MODELS_ACCESS`, false],
  ['workspace', 'knowledge', `${WS}KNOWLEDGE_ACCESS`, false],
  ['workspace', 'prompts', `${WS}PROMPTS_ACCESS`, false],
  ['workspace', 'tools', `${WS}TOOLS_ACCESS`, false],
  ['workspace', 'models_import', `${WS}MODELS_IMPORT`, false],
  ['workspace', 'models_export', `${WS}MODELS_EXPORT`, false],
  ['workspace', 'prompts_import', `${WS}PROMPTS_IMPORT`, false],
  ['workspace', 'prompts_export', `${WS}PROMPTS_EXPORT`, false],
  ['workspace', 'tools_import', `${WS}TOOLS_IMPORT`, false],
  ['workspace', 'tools_export', `${WS}TOOLS_EXPORT`, false],
  ['sharing', 'models', `${WS}MODELS_ALLOW_SHARING`, false],
  ['sharing', 'public_models', `${WS}MODELS_ALLOW_PUBLIC_SHARING`, false],
  ['sharing', 'knowledge', `${WS}KNOWLEDGE_ALLOW_SHARING`, false],
  ['sharing', 'public_knowledge', `${WS}KNOWLEDGE_ALLOW_PUBLIC_SHARING`, false],
  ['sharing', 'prompts', `${WS}PROMPTS_ALLOW_SHARING`, false],
  ['sharing', 'public_prompts', `${WS}PROMPTS_ALLOW_PUBLIC_SHARING`, false],
  ['sharing', 'tools', `${WS}TOOLS_ALLOW_SHARING`, false],
  ['sharing', 'public_tools', `${WS}TOOLS_ALLOW_PUBLIC_SHARING`, false],
  ['sharing', 'notes', 'USER_PERMISSIONS_NOTES_ALLOW_SHARING', false],
  ['sharing', 'public_notes', 'USER_PERMISSIONS_NOTES_ALLOW_PUBLIC_SHARING', false],
  ...(
    [
      'controls', 'valves', 'system_prompt', 'params', 'file_upload', 'delete', 'delete_message', 'continue_response',
      'regenerate_response', 'rate_response', 'edit', 'share', 'export', 'stt', 'tts', 'call', 'multiple_models', 'temporary',
    ] as const
  ).map((key): Leaf => ['chat', key, `USER_PERMISSIONS_CHAT_${key.toUpperCase()}`, true]),
  ['chat', 'temporary_enforced', 'USER_PERMISSIONS_CHAT_TEMPORARY_ENFORCED', false],
  ['features', 'api_keys', 'USER_PERMISSIONS_FEATURES_API_KEYS', false],
  ['features', 'notes', 'USER_PERMISSIONS_FEATURES_NOTES', true],
  ['features', 'folders', 'USER_PERMISSIONS_FEATURES_FOLDERS', true],
  ['features', 'channels', 'USER_PERMISSIONS_FEATURES_CHANNELS', true],
  ['features', 'direct_tool_servers', 'USER_PERMISSIONS_FEATURES_DIRECT_TOOL_SERVERS', false],
  ['features', 'web_search', 'USER_PERMISSIONS_FEATURES_WEB_SEARCH', true],
  ['features', 'image_generation', 'USER_PERMISSIONS_FEATURES_IMAGE_GENERATION', true],
  ['features', 'code_interpreter', 'USER_PERMISSIONS_FEATURES_CODE_INTERPRETER', true],
];

function build(value: (leaf: Leaf) => boolean): PermissionTree {
  const tree: PermissionTree = {};
  for (const leaf of LEAVES) (tree[leaf[0]] ??= {})[leaf[1]] = value(leaf);
  return tree;
}

/** The built-in tree with no environment: what missing keys are filled from. */
export const BUILTIN_PERMISSIONS: PermissionTree = build((leaf) => leaf[3]);

/** The configured default tree (env per leaf). */
export function permissionsFromEnv(env: Env): PermissionTree {
  return build(([, , name, fallback]) => envBool(env, name, fallback));
}

/** The pydantic defaults of the `UserPermissions` form (public_tools / public_notes default true there). */
export const FORM_DEFAULT_PERMISSIONS: PermissionTree = build(([group, key, , fallback]) =>
  group === 'sharing' && (key === 'public_tools' || key === 'public_notes') ? true : fallback,
);

export const PERMISSION_LEAVES: readonly (readonly [string, string])[] = LEAVES.map(([g, k]) => [g, k] as const);
