// PersistentConfig entries under `oauth.*`: the Google, Microsoft, GitHub, Feishu and generic OIDC
// providers and the role/group mapping applied at OAuth sign-in. Stored values under `oauth.` are
// only honoured with ENABLE_OAUTH_PERSISTENT_CONFIG=true (see persistent.ts).
// None of these is an `app.state.config` attribute upstream, except the claim and role settings, so
// most keys are the Python variable names.
import { envStr, pick } from '../env-parse.ts';
import { bool, list, optStr, str, type ConfigEntry } from '../entry.ts';

/** A role list split on OAUTH_ROLES_SEPARATOR (an env-only setting, default `,`). */
function roleList(name: string, path: string, defaultRoles: readonly string[]): ConfigEntry<string[]> {
  return {
    ...list(name, path, [], ','),
    fromEnv(env) {
      const hit = pick(env, name);
      if (!hit) return [...defaultRoles];
      const separator = envStr(env, 'OAUTH_ROLES_SEPARATOR', ',');
      return hit.raw.split(separator).map((role) => role.trim()).filter((role) => role !== '');
    },
  };
}

export const OAUTH_CONFIG = {
  ENABLE_OAUTH_SIGNUP: bool('ENABLE_OAUTH_SIGNUP', 'oauth.enable_signup', false),
  OAUTH_MERGE_ACCOUNTS_BY_EMAIL: bool('OAUTH_MERGE_ACCOUNTS_BY_EMAIL', 'oauth.merge_accounts_by_email', false),
  // Google
  GOOGLE_CLIENT_ID: str('GOOGLE_CLIENT_ID', 'oauth.google.client_id', ''),
  GOOGLE_CLIENT_SECRET: str('GOOGLE_CLIENT_SECRET', 'oauth.google.client_secret', ''),
  GOOGLE_OAUTH_SCOPE: str('GOOGLE_OAUTH_SCOPE', 'oauth.google.scope', 'openid email profile'),
  GOOGLE_REDIRECT_URI: str('GOOGLE_REDIRECT_URI', 'oauth.google.redirect_uri', ''),
  // Microsoft
  MICROSOFT_CLIENT_ID: str('MICROSOFT_CLIENT_ID', 'oauth.microsoft.client_id', ''),
  MICROSOFT_CLIENT_SECRET: str('MICROSOFT_CLIENT_SECRET', 'oauth.microsoft.client_secret', ''),
  MICROSOFT_CLIENT_TENANT_ID: str('MICROSOFT_CLIENT_TENANT_ID', 'oauth.microsoft.tenant_id', ''),
  MICROSOFT_CLIENT_LOGIN_BASE_URL: str('MICROSOFT_CLIENT_LOGIN_BASE_URL', 'oauth.microsoft.login_base_url', 'https://login.microsoftonline.com'),
  MICROSOFT_CLIENT_PICTURE_URL: str('MICROSOFT_CLIENT_PICTURE_URL', 'oauth.microsoft.picture_url', 'https://graph.microsoft.com/v1.0/me/photo/$value'),
  MICROSOFT_OAUTH_SCOPE: str('MICROSOFT_OAUTH_SCOPE', 'oauth.microsoft.scope', 'openid email profile'),
  MICROSOFT_REDIRECT_URI: str('MICROSOFT_REDIRECT_URI', 'oauth.microsoft.redirect_uri', ''),
  // GitHub
  GITHUB_CLIENT_ID: str('GITHUB_CLIENT_ID', 'oauth.github.client_id', ''),
  GITHUB_CLIENT_SECRET: str('GITHUB_CLIENT_SECRET', 'oauth.github.client_secret', ''),
  GITHUB_CLIENT_SCOPE: str('GITHUB_CLIENT_SCOPE', 'oauth.github.scope', 'user:email'),
  GITHUB_CLIENT_REDIRECT_URI: str('GITHUB_CLIENT_REDIRECT_URI', 'oauth.github.redirect_uri', ''),
  // Generic OpenID Connect
  OAUTH_CLIENT_ID: str('OAUTH_CLIENT_ID', 'oauth.oidc.client_id', ''),
  OAUTH_CLIENT_SECRET: str('OAUTH_CLIENT_SECRET', 'oauth.oidc.client_secret', ''),
  OPENID_PROVIDER_URL: str('OPENID_PROVIDER_URL', 'oauth.oidc.provider_url', ''),
  OPENID_REDIRECT_URI: str('OPENID_REDIRECT_URI', 'oauth.oidc.redirect_uri', ''),
  OAUTH_SCOPES: str('OAUTH_SCOPES', 'oauth.oidc.scopes', 'openid email profile'),
  // Seconds as a string; '' means the HTTP client's default.
  OAUTH_TIMEOUT: str('OAUTH_TIMEOUT', 'oauth.oidc.oauth_timeout', ''),
  OAUTH_TOKEN_ENDPOINT_AUTH_METHOD: optStr('OAUTH_TOKEN_ENDPOINT_AUTH_METHOD', 'oauth.oidc.token_endpoint_auth_method'),
  OAUTH_CODE_CHALLENGE_METHOD: optStr('OAUTH_CODE_CHALLENGE_METHOD', 'oauth.oidc.code_challenge_method'),
  OAUTH_PROVIDER_NAME: str('OAUTH_PROVIDER_NAME', 'oauth.oidc.provider_name', 'SSO'),
  OAUTH_SUB_CLAIM: optStr('OAUTH_SUB_CLAIM', 'oauth.oidc.sub_claim'),
  OAUTH_USERNAME_CLAIM: str('OAUTH_USERNAME_CLAIM', 'oauth.oidc.username_claim', 'name'),
  OAUTH_PICTURE_CLAIM: str('OAUTH_PICTURE_CLAIM', 'oauth.oidc.avatar_claim', 'picture'),
  OAUTH_EMAIL_CLAIM: str('OAUTH_EMAIL_CLAIM', 'oauth.oidc.email_claim', 'email'),
  OAUTH_GROUPS_CLAIM: str(['OAUTH_GROUPS_CLAIM', 'OAUTH_GROUP_CLAIM'], 'oauth.oidc.group_claim', 'groups'),
  // Feishu
  FEISHU_CLIENT_ID: str('FEISHU_CLIENT_ID', 'oauth.feishu.client_id', ''),
  FEISHU_CLIENT_SECRET: str('FEISHU_CLIENT_SECRET', 'oauth.feishu.client_secret', ''),
  FEISHU_OAUTH_SCOPE: str('FEISHU_OAUTH_SCOPE', 'oauth.feishu.scope', 'contact:user.base:readonly'),
  FEISHU_REDIRECT_URI: str('FEISHU_REDIRECT_URI', 'oauth.feishu.redirect_uri', ''),
  // Role and group mapping
  ENABLE_OAUTH_ROLE_MANAGEMENT: bool('ENABLE_OAUTH_ROLE_MANAGEMENT', 'oauth.enable_role_mapping', false),
  ENABLE_OAUTH_GROUP_MANAGEMENT: bool('ENABLE_OAUTH_GROUP_MANAGEMENT', 'oauth.enable_group_mapping', false),
  ENABLE_OAUTH_GROUP_CREATION: bool('ENABLE_OAUTH_GROUP_CREATION', 'oauth.enable_group_creation', false),
  // Stored as a string holding a JSON array (upstream parses it where it is used).
  OAUTH_BLOCKED_GROUPS: str('OAUTH_BLOCKED_GROUPS', 'oauth.blocked_groups', '[]'),
  OAUTH_ROLES_CLAIM: str('OAUTH_ROLES_CLAIM', 'oauth.roles_claim', 'roles'),
  OAUTH_ALLOWED_ROLES: roleList('OAUTH_ALLOWED_ROLES', 'oauth.allowed_roles', ['user', 'admin']),
  OAUTH_ADMIN_ROLES: roleList('OAUTH_ADMIN_ROLES', 'oauth.admin_roles', ['admin']),
  OAUTH_ALLOWED_DOMAINS: list('OAUTH_ALLOWED_DOMAINS', 'oauth.allowed_domains', ['*'], ','),
  OAUTH_UPDATE_PICTURE_ON_LOGIN: bool('OAUTH_UPDATE_PICTURE_ON_LOGIN', 'oauth.update_picture_on_login', false),
  OAUTH_AUDIENCE: str('OAUTH_AUDIENCE', 'oauth.audience', ''),
} as const;
