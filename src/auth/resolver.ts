// The one way a request becomes a user: Bearer token, else the `token` cookie; `sk-` keys via the
// api_key table, anything else as an Open WebUI JWT. Guards build on it.
import type { FastifyRequest } from 'fastify';
import { AuthFailure } from '../http/errors.ts';
import { DETAILS, ERROR_MESSAGES, HTTPException } from '../lib/errors.ts';
import type { Services } from '../services.ts';
import type { UserModel } from '../stores/users.ts';
import type { TokenPayload } from './tokens.ts';
import { epochSeconds } from '../lib/time.ts';

export interface Principal {
  user: UserModel;
  /** The credential as sent (JWT or `sk-` key). */
  token: string;
  via: 'jwt' | 'api_key';
  /** Claims of a JWT credential. */
  claims?: TokenPayload;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** `Authorization: Bearer <t>` (scheme case-insensitive), as FastAPI's HTTPBearer reads it. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const parts = header.split(' ');
  if (parts.length !== 2 || parts[0]?.toLowerCase() !== 'bearer' || !parts[1]) return undefined;
  return parts[1];
}

export function credentialOf(request: FastifyRequest): string | undefined {
  return bearerToken(request) ?? request.cookies?.['token'] ?? undefined;
}

/** Path allowed for a restricted API key: equal to, or under, one of the comma-separated endpoints. */
export function apiKeyMayCall(path: string, allowed: string): boolean {
  return allowed
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .some((e) => path === e || path.startsWith(e.endsWith('/') ? e : `${e}/`));
}

const lastActiveWrites = new Map<string, number>();

/** Records the user as active now, at most once per ACTIVE_STATUS_UPDATE_INTERVAL. */
export function touchLastActive(services: Services, userId: string): void {
  const nowSec = epochSeconds();
  const last = lastActiveWrites.get(userId) ?? 0;
  if (nowSec - last < services.settings.activeStatusUpdateInterval) return;
  lastActiveWrites.set(userId, nowSec);
  services.users.touchLastActive(userId, nowSec).catch(() => lastActiveWrites.delete(userId));
}

async function byApiKey(services: Services, request: FastifyRequest, key: string): Promise<Principal> {
  const userId = await services.apiKeys.findUserId(key);
  const user = userId ? await services.users.getById(userId) : null;
  if (!user) throw new AuthFailure(401, ERROR_MESSAGES.INVALID_TOKEN);
  const { config } = services;
  if (!config.get('ENABLE_API_KEYS') || (user.role !== 'admin' && !(await services.permissions.has(user.id, 'features.api_keys')))) {
    throw new HTTPException(403, ERROR_MESSAGES.API_KEY_NOT_ALLOWED);
  }
  // Applied to the key itself, whatever carried it (Open WebUI only looked at the header).
  if (config.get('ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS')) {
    const path = request.url.split('?')[0] ?? '';
    if (!apiKeyMayCall(path, config.get('API_KEYS_ALLOWED_ENDPOINTS'))) throw new HTTPException(403, DETAILS.API_KEY_ENDPOINT_DENIED);
  }
  touchLastActive(services, user.id);
  services.apiKeys.touch(user.id).catch(() => undefined);
  return { user, token: key, via: 'api_key' };
}

async function byJwt(services: Services, request: FastifyRequest, token: string): Promise<Principal> {
  const claims = await services.tokens.verify(token);
  if (!claims || typeof claims.id !== 'string') throw new AuthFailure(401, ERROR_MESSAGES.INVALID_TOKEN);
  if (typeof claims.jti === 'string' && (await services.revocation.isRevoked(claims.jti))) {
    throw new AuthFailure(401, ERROR_MESSAGES.INVALID_TOKEN);
  }
  const user = await services.users.getById(claims.id);
  if (!user) throw new AuthFailure(401, ERROR_MESSAGES.INVALID_TOKEN);
  const trustedHeader = services.settings.trustedEmailHeader;
  if (trustedHeader) {
    const trusted = String(request.headers[trustedHeader.toLowerCase()] ?? '').toLowerCase();
    if (trusted && trusted !== user.email) throw new AuthFailure(401, DETAILS.USER_MISMATCH);
  }
  touchLastActive(services, user.id);
  return { user, token, via: 'jwt', claims };
}

export async function resolvePrincipal(services: Services, request: FastifyRequest): Promise<Principal> {
  const token = credentialOf(request);
  if (!token) throw new AuthFailure(401, DETAILS.NOT_AUTHENTICATED);
  return token.startsWith('sk-') ? byApiKey(services, request, token) : byJwt(services, request, token);
}

/** The user a token names, or null — for routes where authentication is optional (`/api/config`). */
export async function optionalUser(services: Services, request: FastifyRequest): Promise<UserModel | null> {
  const token = credentialOf(request);
  return token ? userOfSessionToken(services, token) : null;
}

/** The existing user a valid, unrevoked session token (JWT, not an `sk-` key) names, else null. */
export async function userOfSessionToken(services: Services, token: string): Promise<UserModel | null> {
  if (token.startsWith('sk-')) return null;
  const claims = await services.tokens.verify(token);
  if (!claims || typeof claims.id !== 'string') return null;
  if (typeof claims.jti === 'string' && (await services.revocation.isRevoked(claims.jti))) return null;
  return services.users.getById(claims.id);
}
