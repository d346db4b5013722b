// An admin's edits of other accounts: update and delete. The primary admin (the first account)
// can be edited only by themselves, never demoted and never deleted.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, userOf } from '../../auth/guards.ts';
import { isValidEmail, passwordProblem } from '../../auth/accounts.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { EmailTakenError, type UsersStore } from '../../stores/users.ts';
import { userOut } from './responses.ts';
import { UserIdParams, UserUpdateForm } from './schemas.ts';

const prohibited = () => new HTTPException(403, ERROR_MESSAGES.ACTION_PROHIBITED);

async function isPrimaryAdmin(users: UsersStore, userId: string): Promise<boolean> {
  return (await users.getFirst())?.id === userId;
}

export async function manageRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { users } = services;

  app.post('/:user_id/update', { preValidation: adminUser, schema: { params: UserIdParams, body: UserUpdateForm } }, async (request) => {
    const targetId = request.params.user_id;
    const form = request.body;
    if (await isPrimaryAdmin(users, targetId)) {
      if (userOf(request).id !== targetId || form.role !== 'admin') throw prohibited();
    }
    const user = await users.getById(targetId);
    if (!user) throw new HTTPException(400, ERROR_MESSAGES.USER_NOT_FOUND);
    const email = form.email.toLowerCase();
    if (!isValidEmail(email)) throw new HTTPException(400, ERROR_MESSAGES.INVALID_EMAIL_FORMAT);
    if (email !== user.email && (await users.getByEmail(email))) throw new HTTPException(400, ERROR_MESSAGES.EMAIL_TAKEN);
    let passwordHash: string | undefined;
    if (form.password) {
      const problem = passwordProblem(services, form.password);
      if (problem) throw new HTTPException(400, problem);
      passwordHash = await hashPassword(form.password);
    }
    try {
      const updated = await users.updateAccount(
        targetId,
        { role: form.role, name: form.name, email, profile_image_url: form.profile_image_url },
        passwordHash,
      );
      if (!updated) throw new HTTPException(400, ERROR_MESSAGES.USER_NOT_FOUND);
      // Live sockets must not keep what the old role allowed: they reconnect and join again.
      if (updated.role !== user.role) services.realtime.disconnectUser(targetId);
      return userOut(updated);
    } catch (e) {
      // Another request claimed the email between the check above and the write.
      if (e instanceof EmailTakenError) throw new HTTPException(400, ERROR_MESSAGES.EMAIL_TAKEN);
      throw e;
    }
  });

  app.delete('/:user_id', { preValidation: adminUser, schema: { params: UserIdParams } }, async (request) => {
    const targetId = request.params.user_id;
    if (userOf(request).id === targetId || (await isPrimaryAdmin(users, targetId))) throw prohibited();
    if (!(await users.delete(targetId))) throw new HTTPException(400, ERROR_MESSAGES.USER_NOT_FOUND);
    services.realtime.disconnectUser(targetId);
    return true;
  });
}
