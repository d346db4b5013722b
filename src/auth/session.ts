// Issuing a session: the JWT with the configured lifetime, the HttpOnly `token` cookie, and the
// SessionUserResponse body the web client stores.
import type { FastifyReply } from 'fastify';
import type { Services } from '../services.ts';
import type { UserModel } from '../stores/users.ts';
import { parseDurationSeconds } from '../lib/duration.ts';

export function setTokenCookie(services: Services, reply: FastifyReply, token: string, expiresAt: number | null): void {
  reply.setCookie('token', token, {
    path: '/',
    httpOnly: true,
    sameSite: services.settings.authCookieSameSite,
    secure: services.settings.authCookieSecure,
    ...(expiresAt !== null ? { expires: new Date(expiresAt * 1000) } : {}),
  });
}

export async function sessionBody(services: Services, user: UserModel, token: string, expiresAt: number | null) {
  return {
    token,
    token_type: 'Bearer',
    expires_at: expiresAt,
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    profile_image_url: user.profile_image_url,
    permissions: await services.permissions.of(user.id),
  };
}

/** Signs the user in: token with the configured expiry, cookie, response body. */
export async function startSession(services: Services, reply: FastifyReply, user: UserModel) {
  const { token, expiresAt } = await services.tokens.issue(user.id, parseDurationSeconds(services.config.get('JWT_EXPIRES_IN')));
  setTokenCookie(services, reply, token, expiresAt);
  return sessionBody(services, user, token, expiresAt);
}
