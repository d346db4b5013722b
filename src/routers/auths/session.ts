// Sign-in, sign-up, sign-out, the session user and admin add-user.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, currentUser, principalOf } from '../../auth/guards.ts';
import { announceSignup, createAccount } from '../../auth/accounts.ts';
import { truncateForBcrypt, verifyPassword } from '../../auth/passwords.ts';
import { bearerToken, credentialOf } from '../../auth/resolver.ts';
import { sessionBody, setTokenCookie, startSession } from '../../auth/session.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import type { UserModel } from '../../stores/users.ts';
import { AddUserForm, SigninForm, SignupForm } from './schemas.ts';

type Signup = { name: string; email: string; password: string; profile_image_url: string };

async function signup(services: Services, form: Signup): Promise<UserModel> {
  const { settings, config } = services;
  const hasUsers = await services.users.hasUsers();
  const open = settings.webuiAuth
    ? (config.get('ENABLE_SIGNUP') && config.get('ENABLE_LOGIN_FORM')) || (!hasUsers && settings.enableInitialAdminSignup)
    : !hasUsers;
  if (!open) throw new HTTPException(403, ERROR_MESSAGES.ACCESS_PROHIBITED);
  const user = await createAccount(services, {
    name: form.name,
    email: form.email,
    password: form.password,
    profileImageUrl: form.profile_image_url,
    role: (isFirst) => (isFirst ? 'admin' : config.get('DEFAULT_USER_ROLE')),
  });
  announceSignup(services, user);
  return user;
}

/** Reverse-proxy SSO: the proxy's header names the account; it is created on first sight. */
async function trustedHeaderUser(services: Services, request: FastifyRequest): Promise<UserModel | null> {
  const { trustedEmailHeader, trustedNameHeader, trustedGroupsHeader } = services.settings;
  const raw = request.headers[(trustedEmailHeader as string).toLowerCase()];
  if (typeof raw !== 'string' || raw === '') throw new HTTPException(400, ERROR_MESSAGES.INVALID_TRUSTED_HEADER);
  const email = raw.toLowerCase();
  if (!(await services.users.getByEmail(email))) {
    let name = email;
    const header = trustedNameHeader ? request.headers[trustedNameHeader.toLowerCase()] : undefined;
    if (typeof header === 'string' && header) {
      try {
        name = decodeURIComponent(header);
      } catch {
        name = header;
      }
    }
    await signup(services, { email, name, password: randomUUID(), profile_image_url: '/user.png' });
  }
  const user = await services.users.getByEmail(email);
  const groups = trustedGroupsHeader ? request.headers[trustedGroupsHeader.toLowerCase()] : undefined;
  if (user && user.role !== 'admin' && typeof groups === 'string') {
    const names = groups.split(',').map((g) => g.trim()).filter(Boolean);
    if (names.length) await services.groups.syncMembershipByNames(user.id, names);
  }
  return user;
}

/** WEBUI_AUTH=false: one fixed admin account, created on first sign-in of a fresh install. */
async function singleUser(services: Services): Promise<UserModel | null> {
  const email = 'admin@localhost';
  if (!(await services.users.getByEmail(email))) {
    if (await services.users.hasUsers()) throw new HTTPException(400, ERROR_MESSAGES.EXISTING_USERS);
    await signup(services, { email, password: 'admin', name: 'User', profile_image_url: '/user.png' });
  }
  return passwordUser(services, email, 'admin');
}

async function passwordUser(services: Services, email: string, password: string): Promise<UserModel | null> {
  const auth = await services.auths.getByEmail(email);
  if (!auth || !auth.active || !(await verifyPassword(truncateForBcrypt(password), auth.password))) return null;
  return services.users.getById(auth.id);
}

async function signin(services: Services, request: FastifyRequest, reply: FastifyReply, form: { email: string; password: string }) {
  const { settings } = services;
  if (!settings.enablePasswordAuth) throw new HTTPException(403, ERROR_MESSAGES.ACTION_PROHIBITED);
  let user: UserModel | null;
  if (settings.trustedEmailHeader) user = await trustedHeaderUser(services, request);
  else if (!settings.webuiAuth) user = await singleUser(services);
  else {
    const email = form.email.toLowerCase();
    if (await services.signinLimiter.isLimited(email)) throw new HTTPException(429, ERROR_MESSAGES.RATE_LIMIT_EXCEEDED);
    user = await passwordUser(services, email, form.password);
  }
  if (!user) throw new HTTPException(400, ERROR_MESSAGES.INVALID_CRED);
  return startSession(services, reply, user);
}

export async function sessionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  app.get('/', { preValidation: currentUser }, async (request, reply) => {
    const { user, token, via, claims } = principalOf(request);
    let expiresAt: number | null = null;
    if (via === 'jwt') {
      expiresAt = typeof claims?.exp === 'number' ? claims.exp : null;
      // Only a header token is echoed into the cookie (a cookie-borne one is already there).
      if (bearerToken(request) === token) setTokenCookie(services, reply, token, expiresAt);
    }
    return {
      ...(await sessionBody(services, user, token, expiresAt)),
      bio: user.bio,
      gender: user.gender,
      date_of_birth: user.date_of_birth,
      status_emoji: user.status_emoji,
      status_message: user.status_message,
      status_expires_at: user.status_expires_at,
    };
  });

  app.post('/signin', { schema: { body: SigninForm } }, async (request, reply) => signin(services, request, reply, request.body));

  app.post('/signup', { schema: { body: SignupForm } }, async (request, reply) => {
    const user = await signup(services, { ...request.body, profile_image_url: request.body.profile_image_url ?? '/user.png' });
    return startSession(services, reply, user);
  });

  app.get('/signout', async (request, reply) => {
    const token = credentialOf(request);
    if (token && !token.startsWith('sk-')) {
      const claims = await services.tokens.verify(token);
      if (claims && typeof claims.jti === 'string') await services.revocation.revoke(claims.jti, typeof claims.exp === 'number' ? claims.exp : null);
    }
    for (const name of ['token', 'oui-session', 'owui-session', 'oauth_id_token', 'oauth_session_id']) reply.clearCookie(name, { path: '/' });
    const redirect = services.settings.signoutRedirectUrl;
    return redirect ? { status: true, redirect_url: redirect } : { status: true };
  });

  app.post('/add', { preValidation: adminUser, schema: { body: AddUserForm } }, async (request) => {
    const form = request.body;
    const user = await createAccount(services, {
      name: form.name,
      email: form.email,
      password: form.password,
      profileImageUrl: form.profile_image_url ?? '/user.png',
      role: () => form.role ?? 'pending',
    });
    const { token } = await services.tokens.issue(user.id, null);
    return { token, token_type: 'Bearer', id: user.id, email: user.email, name: user.name, role: user.role, profile_image_url: user.profile_image_url };
  });
}

export { signin };
