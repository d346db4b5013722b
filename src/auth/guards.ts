// Route guards, as Open WebUI's dependencies: current (any signed-in user, pending included),
// verified (user or admin) and admin. Role failures answer 401, as upstream does.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_MESSAGES, HTTPException } from '../lib/errors.ts';
import type { UserModel } from '../stores/users.ts';
import { resolvePrincipal, type Principal } from './resolver.ts';

async function authenticate(request: FastifyRequest): Promise<Principal> {
  const principal = await resolvePrincipal(request.server.services, request);
  request.principal = principal;
  return principal;
}

export async function currentUser(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  await authenticate(request);
}

export async function verifiedUser(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const { user } = await authenticate(request);
  if (user.role !== 'user' && user.role !== 'admin') throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
}

export async function adminUser(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const { user } = await authenticate(request);
  if (user.role !== 'admin') throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
}

/** The authenticated user of a guarded route. */
export function userOf(request: FastifyRequest): UserModel {
  if (!request.principal) throw new Error('route has no auth guard');
  return request.principal.user;
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('route has no auth guard');
  return request.principal;
}
