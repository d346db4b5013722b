// Settings read from the environment only (never persisted), with Open WebUI's names and defaults.
import { resolve } from 'node:path';
import { ConfigError, envBool, envInt, envOptionalInt, envOptionalStr, envStr, parseOneOf, pick, type Env } from './env-parse.ts';
import { securityHeadersFromEnv, type SecurityHeaders } from './security-headers.ts';
import { storageSettings, type StorageSettings } from './storage-settings.ts';
import { retrievalSettings, type RetrievalSettings } from './retrieval-settings.ts';

export type SameSite = 'lax' | 'strict' | 'none';

export interface Settings {
  env: 'dev' | 'prod' | string;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  databaseSchema: string | undefined;
  databasePoolSize: number | undefined;
  sqliteWal: boolean;
  /** Seconds between `last_active_at` writes for one user (DATABASE_USER_ACTIVE_STATUS_UPDATE_INTERVAL). */
  activeStatusUpdateInterval: number;
  secretKey: string | undefined;
  secretKeyFile: string;
  /** Encrypts stored OAuth tokens (Fernet); defaults to the secret key. */
  oauthSessionKey: string | undefined;
  webuiAuth: boolean;
  webuiName: string;
  enablePasswordAuth: boolean;
  enableInitialAdminSignup: boolean;
  enableSignupPasswordConfirmation: boolean;
  enablePasswordValidation: boolean;
  passwordValidationPattern: RegExp;
  passwordValidationHint: string;
  trustedEmailHeader: string | undefined;
  trustedNameHeader: string | undefined;
  trustedGroupsHeader: string | undefined;
  signoutRedirectUrl: string | undefined;
  authCookieSameSite: SameSite;
  authCookieSecure: boolean;
  admin: { email: string; password: string; name: string } | undefined;
  corsAllowOrigins: string[];
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  frontendBuildDir: string;
  staticDir: string | undefined;
  deploymentId: string;
  enablePersistentConfig: boolean;
  enableOauthPersistentConfig: boolean;
  resetConfigOnStart: boolean;
  bypassAdminAccessControl: boolean;
  bypassModelAccessControl: boolean;
  enableAdminChatAccess: boolean;
  enableAdminExport: boolean;
  enablePublicActiveUsersCount: boolean;
  enableVersionUpdateCheck: boolean;
  /** Release feed asked by /api/version/updates (GitHub release JSON or a registry `version`). */
  versionUpdateUrl: string | undefined;
  enableWebsocketSupport: boolean;
  /**
   * Socket.IO across instances (WEBSOCKET_MANAGER): 'redis' shares rooms, sessions and models in use
   * through Redis (WEBSOCKET_REDIS_URL, else REDIS_URL). Defaults to 'redis' when REDIS_URL is set.
   */
  /** STORAGE_PROVIDER, S3_*: where uploaded files live. */
  storage: StorageSettings;
  retrieval: RetrievalSettings;
  websocketManager: 'redis' | 'local';
  websocketRedisUrl: string | undefined;
  offlineMode: boolean;
  securityHeaders: SecurityHeaders;
  logLevel: string;
  onedrive: { personal: boolean; business: boolean; clientIdPersonal: string; clientIdBusiness: string };
  /**
   * Model-server calls: time allowed to connect, for the response headers and between two body
   * chunks (AIOHTTP_CLIENT_TIMEOUT, seconds). Open WebUI waits forever when unset; we wait 300 s.
   */
  upstreamTimeoutMs: number;
  /** Model-list calls (AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST, else ..._OPENAI_MODEL_LIST; seconds, default 10). */
  modelListTimeoutMs: number;
  /** How long fetched model lists are reused (MODELS_CACHE_TTL, seconds, default 1). */
  modelsCacheTtlMs: number;
  /** Send X-OpenWebUI-User-* headers upstream (ENABLE_FORWARD_USER_INFO_HEADERS). */
  forwardUserInfoHeaders: boolean;
}

// Open WebUI's default policy: at least 8 characters with lower, upper, digit and symbol.
const DEFAULT_PASSWORD_PATTERN = '^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s]).{8,}$';

function databaseUrl(env: Env, dataDir: string): string {
  const explicit = envOptionalStr(env, 'DATABASE_URL');
  if (explicit) return explicit.replace(/^postgres:\/\//, 'postgresql://');
  const type = env['DATABASE_TYPE'];
  const host = env['DATABASE_HOST'];
  const port = env['DATABASE_PORT'];
  const name = env['DATABASE_NAME'];
  const user = env['DATABASE_USER'];
  const password = env['DATABASE_PASSWORD'];
  if (type && user && password !== undefined && host && port && name) {
    const scheme = type === 'postgres' ? 'postgresql' : type;
    return `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${name}`;
  }
  return `sqlite:///${resolve(dataDir, 'webui.db')}`;
}

function corsOrigins(env: Env): string[] {
  const raw = envStr(env, 'CORS_ALLOW_ORIGIN', '*');
  const origins = raw.split(';').map((o) => o.trim()).filter(Boolean);
  const custom = envStr(env, 'CORS_ALLOW_CUSTOM_SCHEME', '').split(';').map((s) => s.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError('CORS_ALLOW_ORIGIN', `"${origin}" is not an origin such as https://chat.example.com`);
    }
    const scheme = url.protocol.slice(0, -1);
    if (!['http', 'https', ...custom].includes(scheme) || url.origin === 'null' && !custom.includes(scheme)) {
      throw new ConfigError('CORS_ALLOW_ORIGIN', `"${origin}" has an unsupported scheme (add it to CORS_ALLOW_CUSTOM_SCHEME)`);
    }
  }
  return origins;
}

function sameSite(env: Env, names: readonly string[], fallback: SameSite): SameSite {
  const hit = pick(env, names);
  return hit ? parseOneOf(hit.name, hit.raw.toLowerCase(), ['lax', 'strict', 'none'] as const) : fallback;
}

function adminAccount(env: Env): Settings['admin'] {
  const email = envOptionalStr(env, 'WEBUI_ADMIN_EMAIL');
  const password = envOptionalStr(env, 'WEBUI_ADMIN_PASSWORD');
  if (!email && !password) return undefined;
  if (!email || !password) throw new ConfigError(email ? 'WEBUI_ADMIN_PASSWORD' : 'WEBUI_ADMIN_EMAIL', 'set both WEBUI_ADMIN_EMAIL and WEBUI_ADMIN_PASSWORD, or neither');
  return { email, password, name: envStr(env, 'WEBUI_ADMIN_NAME', 'Admin') };
}

function compilePattern(env: Env): RegExp {
  const source = envStr(env, 'PASSWORD_VALIDATION_REGEX_PATTERN', DEFAULT_PASSWORD_PATTERN);
  try {
    return new RegExp(source, 'u');
  } catch {
    throw new ConfigError('PASSWORD_VALIDATION_REGEX_PATTERN', 'not a valid regular expression');
  }
}

/** WEBSOCKET_MANAGER / WEBSOCKET_REDIS_URL; Open WebUI's empty default means local, but Redis when it is configured. */
function websocketManager(env: Env): Pick<Settings, 'websocketManager' | 'websocketRedisUrl'> {
  const redisUrl = envOptionalStr(env, 'WEBSOCKET_REDIS_URL') ?? envOptionalStr(env, 'REDIS_URL');
  const raw = envStr(env, 'WEBSOCKET_MANAGER', '').toLowerCase();
  const named = raw === '' ? undefined : parseOneOf('WEBSOCKET_MANAGER', raw, ['redis', 'local'] as const);
  if (named === 'redis' && !redisUrl) throw new ConfigError('WEBSOCKET_MANAGER', 'redis needs WEBSOCKET_REDIS_URL or REDIS_URL');
  return named === 'local' || !redisUrl ? { websocketManager: 'local', websocketRedisUrl: undefined } : { websocketManager: 'redis', websocketRedisUrl: redisUrl };
}

export function loadSettings(env: Env): Settings {
  const dataDir = resolve(envStr(env, 'DATA_DIR', './data'));
  const webuiAuth = envBool(env, 'WEBUI_AUTH', true);
  const name = envStr(env, 'WEBUI_NAME', 'Open WebUI');
  const sessionSameSite = sameSite(env, ['WEBUI_SESSION_COOKIE_SAME_SITE'], 'lax');
  const sessionSecure = envBool(env, 'WEBUI_SESSION_COOKIE_SECURE', false);
  const adminWorkspace = envBool(env, 'ENABLE_ADMIN_WORKSPACE_CONTENT_ACCESS', true);
  const offlineMode = envBool(env, 'OFFLINE_MODE', false);
  return {
    env: envStr(env, 'ENV', 'prod'),
    host: envStr(env, 'HOST', '0.0.0.0'),
    port: envInt(env, 'PORT', 8080),
    dataDir,
    databaseUrl: databaseUrl(env, dataDir),
    databaseSchema: envOptionalStr(env, 'DATABASE_SCHEMA'),
    databasePoolSize: envOptionalInt(env, 'DATABASE_POOL_SIZE'),
    sqliteWal: envBool(env, 'DATABASE_ENABLE_SQLITE_WAL', true),
    activeStatusUpdateInterval: envInt(env, 'DATABASE_USER_ACTIVE_STATUS_UPDATE_INTERVAL', 60),
    secretKey: envOptionalStr(env, ['WEBUI_SECRET_KEY', 'WEBUI_JWT_SECRET_KEY']),
    secretKeyFile: resolve(dataDir, envStr(env, 'WEBUI_SECRET_KEY_FILE', '.webui_secret_key')),
    oauthSessionKey: envOptionalStr(env, 'OAUTH_SESSION_TOKEN_ENCRYPTION_KEY'),
    webuiAuth,
    webuiName: name === 'Open WebUI' ? name : `${name} (Open WebUI)`,
    enablePasswordAuth: envBool(env, 'ENABLE_PASSWORD_AUTH', true),
    enableInitialAdminSignup: envBool(env, 'ENABLE_INITIAL_ADMIN_SIGNUP', false),
    enableSignupPasswordConfirmation: envBool(env, 'ENABLE_SIGNUP_PASSWORD_CONFIRMATION', false),
    enablePasswordValidation: envBool(env, 'ENABLE_PASSWORD_VALIDATION', false),
    passwordValidationPattern: compilePattern(env),
    passwordValidationHint: envStr(env, 'PASSWORD_VALIDATION_HINT', ''),
    trustedEmailHeader: envOptionalStr(env, 'WEBUI_AUTH_TRUSTED_EMAIL_HEADER'),
    trustedNameHeader: envOptionalStr(env, 'WEBUI_AUTH_TRUSTED_NAME_HEADER'),
    trustedGroupsHeader: envOptionalStr(env, 'WEBUI_AUTH_TRUSTED_GROUPS_HEADER'),
    signoutRedirectUrl: envOptionalStr(env, 'WEBUI_AUTH_SIGNOUT_REDIRECT_URL'),
    authCookieSameSite: sameSite(env, ['WEBUI_AUTH_COOKIE_SAME_SITE'], sessionSameSite),
    authCookieSecure: envBool(env, 'WEBUI_AUTH_COOKIE_SECURE', sessionSecure),
    admin: adminAccount(env),
    corsAllowOrigins: corsOrigins(env),
    redisUrl: envOptionalStr(env, 'REDIS_URL'),
    redisKeyPrefix: envStr(env, 'REDIS_KEY_PREFIX', 'open-webui'),
    frontendBuildDir: resolve(envStr(env, 'FRONTEND_BUILD_DIR', './build')),
    staticDir: envOptionalStr(env, 'STATIC_DIR'),
    deploymentId: envStr(env, 'DEPLOYMENT_ID', ''),
    enablePersistentConfig: envBool(env, 'ENABLE_PERSISTENT_CONFIG', true),
    enableOauthPersistentConfig: envBool(env, 'ENABLE_OAUTH_PERSISTENT_CONFIG', false),
    resetConfigOnStart: envBool(env, 'RESET_CONFIG_ON_START', false),
    bypassAdminAccessControl: envBool(env, 'BYPASS_ADMIN_ACCESS_CONTROL', adminWorkspace),
    bypassModelAccessControl: envBool(env, 'BYPASS_MODEL_ACCESS_CONTROL', false),
    enableAdminChatAccess: envBool(env, 'ENABLE_ADMIN_CHAT_ACCESS', true),
    enableAdminExport: envBool(env, 'ENABLE_ADMIN_EXPORT', true),
    enablePublicActiveUsersCount: envBool(env, 'ENABLE_PUBLIC_ACTIVE_USERS_COUNT', true),
    enableVersionUpdateCheck: !offlineMode && envBool(env, 'ENABLE_VERSION_UPDATE_CHECK', true),
    versionUpdateUrl: envOptionalStr(env, 'VERSION_UPDATE_URL'),
    enableWebsocketSupport: envBool(env, 'ENABLE_WEBSOCKET_SUPPORT', true),
    storage: storageSettings(env, dataDir),
    retrieval: retrievalSettings(env, dataDir),
    ...websocketManager(env),
    offlineMode,
    securityHeaders: securityHeadersFromEnv(env),
    logLevel: envStr(env, ['LOG_LEVEL', 'GLOBAL_LOG_LEVEL'], 'info').toLowerCase(),
    onedrive: {
      personal: envBool(env, 'ENABLE_ONEDRIVE_PERSONAL', true),
      business: envBool(env, 'ENABLE_ONEDRIVE_BUSINESS', true),
      clientIdPersonal: envStr(env, 'ONEDRIVE_CLIENT_ID_PERSONAL', envStr(env, 'ONEDRIVE_CLIENT_ID', '')),
      clientIdBusiness: envStr(env, 'ONEDRIVE_CLIENT_ID_BUSINESS', envStr(env, 'ONEDRIVE_CLIENT_ID', '')),
    },
    upstreamTimeoutMs: envInt(env, 'AIOHTTP_CLIENT_TIMEOUT', 300) * 1000,
    modelListTimeoutMs: envInt(env, ['AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST', 'AIOHTTP_CLIENT_TIMEOUT_OPENAI_MODEL_LIST'], 10) * 1000,
    modelsCacheTtlMs: envInt(env, 'MODELS_CACHE_TTL', 1) * 1000,
    forwardUserInfoHeaders: envBool(env, 'ENABLE_FORWARD_USER_INFO_HEADERS', false),
  };
}
