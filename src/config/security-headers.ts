// Open WebUI's security-header variables: a header is sent only when its variable is set; a value
// that fails validation falls back to a safe one instead of being sent as given.
import type { Env } from './env-parse.ts';

export type SecurityHeaders = Record<string, string>;

const CACHE_DIRECTIVE = /^(public|private|no-cache|no-store|must-revalidate|proxy-revalidate|no-transform|immutable|(max-age|s-maxage)=\d+)$/i;
const HSTS = /^max-age=\d+(;\s*includeSubDomains)?(;\s*preload)?$/i;
const POLICY_FEATURES = new Set([
  'accelerometer', 'autoplay', 'camera', 'clipboard-read', 'clipboard-write', 'fullscreen', 'geolocation', 'gyroscope',
  'magnetometer', 'microphone', 'midi', 'payment', 'picture-in-picture', 'sync-xhr', 'usb', 'xr-spatial-tracking',
]);
const REFERRER = new Set([
  'no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin', 'strict-origin',
  'strict-origin-when-cross-origin', 'unsafe-url',
]);
const CROSS_DOMAIN = new Set(['none', 'master-only', 'by-content-type', 'by-ftp-filename']);

function cacheControl(v: string): string {
  const parts = v.split(',').map((p) => p.trim());
  return parts.every((p) => CACHE_DIRECTIVE.test(p)) ? parts.join(', ') : 'no-store, max-age=0';
}

function permissionsPolicy(v: string): string {
  const ok = v.split(',').map((p) => p.trim()).every((p) => {
    const m = /^([a-z-]+)=\((self)?\)$/.exec(p);
    return m !== null && POLICY_FEATURES.has(m[1] ?? '');
  });
  return ok ? v : 'none';
}

const RULES: readonly (readonly [env: string, header: string, value: (v: string) => string])[] = [
  ['CACHE_CONTROL', 'Cache-Control', cacheControl],
  ['HSTS', 'Strict-Transport-Security', (v) => (HSTS.test(v) ? v : 'max-age=31536000;includeSubDomains')],
  ['PERMISSIONS_POLICY', 'Permissions-Policy', permissionsPolicy],
  ['REFERRER_POLICY', 'Referrer-Policy', (v) => (REFERRER.has(v.toLowerCase()) ? v.toLowerCase() : 'no-referrer')],
  ['XCONTENT_TYPE', 'X-Content-Type-Options', () => 'nosniff'],
  ['XDOWNLOAD_OPTIONS', 'X-Download-Options', () => 'noopen'],
  ['XFRAME_OPTIONS', 'X-Frame-Options', (v) => (/^(DENY|SAMEORIGIN)$/i.test(v) ? v.toUpperCase() : 'DENY')],
  ['XPERMITTED_CROSS_DOMAIN_POLICIES', 'X-Permitted-Cross-Domain-Policies', (v) => (CROSS_DOMAIN.has(v.toLowerCase()) ? v.toLowerCase() : 'none')],
  ['CONTENT_SECURITY_POLICY', 'Content-Security-Policy', (v) => v],
];

export function securityHeadersFromEnv(env: Env): SecurityHeaders {
  const headers: SecurityHeaders = {};
  for (const [name, header, value] of RULES) {
    const raw = env[name]?.trim();
    if (raw) headers[header] = value(raw);
  }
  return headers;
}
