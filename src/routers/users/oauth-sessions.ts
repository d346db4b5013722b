// An admin's view of a user's OAuth sessions, tokens decrypted (Open WebUI's debugging aid).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { UserIdParams } from './schemas.ts';

export async function oauthSessionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { oauthSessions: sessions, users } = app.services;

  // An existing user without sessions has none: an empty list (Open WebUI answered 400).
  app.get('/:user_id/oauth/sessions', { preValidation: adminUser, schema: { params: UserIdParams } }, async (request) => {
    const userId = request.params.user_id;
    if (!(await users.getById(userId))) throw new HTTPException(400, ERROR_MESSAGES.USER_NOT_FOUND);
    const { sessions: readable, unreadable } = await sessions.listByUser(userId);
    if (unreadable.length) request.log.warn({ sessionIds: unreadable }, 'OAuth sessions not readable with the current encryption key');
    return readable;
  });
}
