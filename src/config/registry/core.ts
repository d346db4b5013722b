// PersistentConfig entries for authentication, the UI, users and the app itself (Appendix A of
// data-and-auth.md: auth.*, ui.*, webui.*, user.*, folders/channels/notes.*, ldap.*, webhook_url).
// Keys are Open WebUI's `app.state.config` attribute names.
import { ConfigError, type Env } from '../env-parse.ts';
import { bool, isObject, isStringArray, json, oneOf, optInt, optStr, str, type ConfigEntry } from '../entry.ts';
import { isDuration } from '../../lib/duration.ts';
import { permissionsFromEnv, type PermissionTree } from '../../auth/permission-defaults.ts';
import { DEFAULT_PROMPT_SUGGESTIONS } from './prompt-suggestions.ts';

export const USER_ROLES = ['pending', 'user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

function jwtExpiry(): ConfigEntry<string> {
  const base = str('JWT_EXPIRES_IN', 'auth.jwt_expiry', '4w');
  return {
    ...base,
    fromEnv(env: Env) {
      const v = base.fromEnv(env);
      if (!isDuration(v)) throw new ConfigError('JWT_EXPIRES_IN', `expected -1, 0 or a duration such as 4w or 1d12h, got "${v}"`);
      return v;
    },
    // Installs before 0.6.34 may hold the number -1.
    fromDb: (v, f) => (typeof v === 'number' ? String(v) : typeof v === 'string' && isDuration(v) ? v : f),
  };
}

const isPermissionTree = (v: unknown): v is PermissionTree => isObject(v) && Object.values(v).every(isObject);
const isSuggestionList = (v: unknown): v is unknown[] => Array.isArray(v);

export const CORE_CONFIG = {
  // auth
  // Up to 0.6.36 the switch was `auth.api_key.enable` (env ENABLE_API_KEY); an upgraded install keeps its choice.
  ENABLE_API_KEYS: { ...bool(['ENABLE_API_KEYS', 'ENABLE_API_KEY'], 'auth.enable_api_keys', false), legacyPath: 'auth.api_key.enable' },
  ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: bool(
    ['ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS', 'ENABLE_API_KEY_ENDPOINT_RESTRICTIONS'],
    'auth.api_key.endpoint_restrictions',
    false,
  ),
  API_KEYS_ALLOWED_ENDPOINTS: str(['API_KEYS_ALLOWED_ENDPOINTS', 'API_KEY_ALLOWED_ENDPOINTS'], 'auth.api_key.allowed_endpoints', ''),
  JWT_EXPIRES_IN: jwtExpiry(),
  SHOW_ADMIN_DETAILS: bool('SHOW_ADMIN_DETAILS', 'auth.admin.show', true),
  ADMIN_EMAIL: optStr('ADMIN_EMAIL', 'auth.admin.email', null),
  // webui
  WEBUI_URL: str('WEBUI_URL', 'webui.url', ''),
  // ui
  ENABLE_SIGNUP: bool('ENABLE_SIGNUP', 'ui.enable_signup', (env) => env['WEBUI_AUTH']?.toLowerCase() !== 'false'),
  ENABLE_LOGIN_FORM: bool('ENABLE_LOGIN_FORM', 'ui.ENABLE_LOGIN_FORM', true),
  DEFAULT_LOCALE: str('DEFAULT_LOCALE', 'ui.default_locale', ''),
  DEFAULT_MODELS: optStr('DEFAULT_MODELS', 'ui.default_models', null),
  DEFAULT_PINNED_MODELS: optStr('DEFAULT_PINNED_MODELS', 'ui.default_pinned_models', null),
  DEFAULT_PROMPT_SUGGESTIONS: json(
    'DEFAULT_PROMPT_SUGGESTIONS',
    'ui.prompt_suggestions',
    DEFAULT_PROMPT_SUGGESTIONS,
    isSuggestionList,
  ),
  MODEL_ORDER_LIST: json('MODEL_ORDER_LIST', 'ui.model_order_list', [] as string[], isStringArray),
  DEFAULT_USER_ROLE: oneOf('DEFAULT_USER_ROLE', 'ui.default_user_role', USER_ROLES, 'pending'),
  DEFAULT_GROUP_ID: str('DEFAULT_GROUP_ID', 'ui.default_group_id', ''),
  PENDING_USER_OVERLAY_TITLE: str('PENDING_USER_OVERLAY_TITLE', 'ui.pending_user_overlay_title', ''),
  PENDING_USER_OVERLAY_CONTENT: str('PENDING_USER_OVERLAY_CONTENT', 'ui.pending_user_overlay_content', ''),
  RESPONSE_WATERMARK: str('RESPONSE_WATERMARK', 'ui.watermark', ''),
  ENABLE_COMMUNITY_SHARING: bool('ENABLE_COMMUNITY_SHARING', 'ui.enable_community_sharing', true),
  ENABLE_MESSAGE_RATING: bool('ENABLE_MESSAGE_RATING', 'ui.enable_message_rating', true),
  ENABLE_USER_WEBHOOKS: bool('ENABLE_USER_WEBHOOKS', 'ui.enable_user_webhooks', true),
  BANNERS: json('WEBUI_BANNERS', 'ui.banners', [] as unknown[], (v): v is unknown[] => Array.isArray(v)),
  // user
  USER_PERMISSIONS: json('USER_PERMISSIONS', 'user.permissions', permissionsFromEnv, isPermissionTree),
  // features
  ENABLE_FOLDERS: bool('ENABLE_FOLDERS', 'folders.enable', true),
  ENABLE_CHANNELS: bool('ENABLE_CHANNELS', 'channels.enable', false),
  ENABLE_NOTES: bool('ENABLE_NOTES', 'notes.enable', true),
  // webhook
  WEBHOOK_URL: str('WEBHOOK_URL', 'webhook_url', ''),
  // ldap
  ENABLE_LDAP: bool('ENABLE_LDAP', 'ldap.enable', false),
  LDAP_SERVER_LABEL: str('LDAP_SERVER_LABEL', 'ldap.server.label', 'LDAP Server'),
  LDAP_SERVER_HOST: str('LDAP_SERVER_HOST', 'ldap.server.host', 'localhost'),
  LDAP_SERVER_PORT: optInt('LDAP_SERVER_PORT', 'ldap.server.port', 389),
  LDAP_ATTRIBUTE_FOR_MAIL: str('LDAP_ATTRIBUTE_FOR_MAIL', 'ldap.server.attribute_for_mail', 'mail'),
  LDAP_ATTRIBUTE_FOR_USERNAME: str('LDAP_ATTRIBUTE_FOR_USERNAME', 'ldap.server.attribute_for_username', 'uid'),
  LDAP_APP_DN: str('LDAP_APP_DN', 'ldap.server.app_dn', ''),
  LDAP_APP_PASSWORD: str('LDAP_APP_PASSWORD', 'ldap.server.app_password', ''),
  LDAP_SEARCH_BASE: str('LDAP_SEARCH_BASE', 'ldap.server.users_dn', ''),
  LDAP_SEARCH_FILTERS: str(['LDAP_SEARCH_FILTER', 'LDAP_SEARCH_FILTERS'], 'ldap.server.search_filter', ''),
  LDAP_USE_TLS: bool('LDAP_USE_TLS', 'ldap.server.use_tls', true),
  LDAP_CA_CERT_FILE: optStr('LDAP_CA_CERT_FILE', 'ldap.server.ca_cert_file', ''),
  LDAP_VALIDATE_CERT: bool('LDAP_VALIDATE_CERT', 'ldap.server.validate_cert', true),
  LDAP_CIPHERS: optStr('LDAP_CIPHERS', 'ldap.server.ciphers', 'ALL'),
  ENABLE_LDAP_GROUP_MANAGEMENT: bool('ENABLE_LDAP_GROUP_MANAGEMENT', 'ldap.group.enable_management', false),
  ENABLE_LDAP_GROUP_CREATION: bool('ENABLE_LDAP_GROUP_CREATION', 'ldap.group.enable_creation', false),
  LDAP_ATTRIBUTE_FOR_GROUPS: str('LDAP_ATTRIBUTE_FOR_GROUPS', 'ldap.server.attribute_for_groups', 'memberOf'),
} as const;
