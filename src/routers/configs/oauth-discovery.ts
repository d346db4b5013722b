// OAuth 2.1 authorization-server discovery for MCP tool servers (RFC 8414 / OpenID discovery), in the
// order Open WebUI tries the well-known locations.
import { z } from 'zod';

/** The well-known metadata URLs for a server URL, path-specific ("tenant") ones first. */
export function discoveryUrls(serverUrl: string): string[] {
  const parsed = new URL(serverUrl);
  const base = `${parsed.protocol}//${parsed.host}`;
  const urls: string[] = [];
  if (parsed.pathname && parsed.pathname !== '/') {
    const tenant = parsed.pathname.replace(/\/+$/, '');
    urls.push(
      `${base}/.well-known/oauth-authorization-server${tenant}`,
      `${base}/.well-known/openid-configuration${tenant}`,
      `${base}${tenant}/.well-known/openid-configuration`,
    );
  }
  urls.push(`${base}/.well-known/oauth-authorization-server`, `${base}/.well-known/openid-configuration`);
  return urls;
}

/** How Python prints a list of strings, as Open WebUI's error text shows the tried URLs. */
export const pythonList = (items: string[]): string => `[${items.map((s) => `'${s}'`).join(', ')}]`;

const httpUrl = z.url({ protocol: /^https?$/ });
const optUrl = httpUrl.nullish().transform((v) => v ?? null);
const optList = z.array(z.string()).nullish().transform((v) => v ?? null);

/** Authorization-server metadata with the fields (and defaults) of the MCP SDK's OAuthMetadata. */
export const OAuthMetadata = z.object({
  issuer: httpUrl,
  authorization_endpoint: httpUrl,
  token_endpoint: httpUrl,
  registration_endpoint: optUrl,
  scopes_supported: optList,
  response_types_supported: z.array(z.string()).default(['code']),
  response_modes_supported: optList,
  grant_types_supported: optList,
  token_endpoint_auth_methods_supported: optList,
  token_endpoint_auth_signing_alg_values_supported: optList,
  service_documentation: optUrl,
  ui_locales_supported: optList,
  op_policy_uri: optUrl,
  op_tos_uri: optUrl,
  revocation_endpoint: optUrl,
  revocation_endpoint_auth_methods_supported: optList,
  revocation_endpoint_auth_signing_alg_values_supported: optList,
  introspection_endpoint: optUrl,
  introspection_endpoint_auth_methods_supported: optList,
  introspection_endpoint_auth_signing_alg_values_supported: optList,
  code_challenge_methods_supported: optList,
});
