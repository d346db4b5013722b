// Reading one user by id: profile, activity, picture, groups.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { ACTIVE_WINDOW_SECONDS, type UsersStore } from '../../stores/users.ts';
import { epochSeconds } from '../../lib/time.ts';
import { profileImageFor } from './profile-image.ts';
import { groupOut, publicProfile, userOut } from './responses.ts';
import { UserIdParams } from './schemas.ts';

const SHARED_PREFIX = 'shared-';

/** `shared-<chat id>` (how a shared chat names its author) stands for that chat's owner. */
async function resolveUserId(users: UsersStore, userId: string): Promise<string> {
  if (!userId.startsWith(SHARED_PREFIX)) return userId;
  const owner = await users.chatOwner(userId.slice(SHARED_PREFIX.length));
  if (owner === null) throw new HTTPException(400, ERROR_MESSAGES.USER_NOT_FOUND);
  return owner;
}

export async function byIdRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { users, groups } = app.services;

  // Admins and the user themselves get the whole record; others its public profile.
  app.get('/:user_id', { preValidation: verifiedUser, schema: { params: UserIdParams } }, async (request) => {
    const caller = userOf(request);
    const user = await users.getById(await resolveUserId(users, request.params.user_id));
    if (!user) throw new HTTPException(400, ERROR_MESSAGES.USER_NOT_FOUND);
    const memberOf = (await groups.list({ memberId: user.id })).map((g) => ({ id: g.id, name: g.name }));
    const view = caller.role === 'admin' || caller.id === user.id ? userOut(user) : publicProfile(user);
    return { ...view, groups: memberOf, is_active: user.last_active_at >= epochSeconds() - ACTIVE_WINDOW_SECONDS };
  });

  app.get('/:user_id/profile/image', { preValidation: verifiedUser, schema: { params: UserIdParams } }, async (request, reply) => {
    const user = await users.getById(request.params.user_id);
    if (!user) throw new HTTPException(400, ERROR_MESSAGES.USER_NOT_FOUND);
    const image = profileImageFor(user.profile_image_url);
    if (image.kind === 'redirect') return reply.redirect(image.location, 302);
    return reply
      .type(image.contentType)
      .header('Content-Disposition', `inline; filename=image.${image.extension}`)
      .header('X-Content-Type-Options', 'nosniff')
      .send(image.bytes);
  });

  app.get('/:user_id/active', { preValidation: verifiedUser, schema: { params: UserIdParams } }, async (request) => ({
    active: await users.isActive(request.params.user_id),
  }));

  app.get('/:user_id/groups', { preValidation: adminUser, schema: { params: UserIdParams } }, async (request) =>
    (await groups.list({ memberId: request.params.user_id })).map(groupOut),
  );
}
