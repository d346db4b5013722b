// The signed-in user's own account: profile, password, API key, LDAP sign-in.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { currentUser, userOf, verifiedUser } from '../../auth/guards.ts';
import { passwordProblem } from '../../auth/accounts.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { newApiKey } from '../../stores/api-keys.ts';
import { LdapForm, UpdatePasswordForm, UpdateProfileForm } from './schemas.ts';

export async function accountRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  app.post('/update/profile', { preValidation: verifiedUser, schema: { body: UpdateProfileForm } }, async (request) => {
    const form = request.body;
    const user = await services.users.update(userOf(request).id, {
      profile_image_url: form.profile_image_url,
      name: form.name,
      bio: form.bio ?? null,
      gender: form.gender ?? null,
      date_of_birth: form.date_of_birth ?? null,
    });
    if (!user) throw new HTTPException(400, ERROR_MESSAGES.DEFAULT());
    return { id: user.id, name: user.name, role: user.role, email: user.email, profile_image_url: user.profile_image_url };
  });

  app.post('/update/password', { preValidation: currentUser, schema: { body: UpdatePasswordForm } }, async (request) => {
    if (services.settings.trustedEmailHeader) throw new HTTPException(400, ERROR_MESSAGES.ACTION_PROHIBITED);
    const user = userOf(request);
    const auth = await services.auths.getById(user.id);
    if (!auth || !(await verifyPassword(request.body.password, auth.password))) throw new HTTPException(400, ERROR_MESSAGES.INCORRECT_PASSWORD);
    // The policy applies to the new password (Open WebUI checked the current one).
    const problem = passwordProblem(services, request.body.new_password);
    if (problem) throw new HTTPException(400, problem);
    return services.auths.updatePassword(user.id, await hashPassword(request.body.new_password));
  });

  app.post('/ldap', { schema: { body: LdapForm } }, async () => {
    if (!services.config.get('ENABLE_LDAP')) throw new HTTPException(400, 'LDAP authentication is not enabled');
    if (!services.settings.enablePasswordAuth) throw new HTTPException(403, ERROR_MESSAGES.ACTION_PROHIBITED);
    // The directory flow arrives with the LDAP issue; until then every attempt fails as a failed bind does.
    throw new HTTPException(400, 'LDAP authentication failed.');
  });

  app.post('/api_key', { preValidation: currentUser }, async (request) => {
    const user = userOf(request);
    if (!services.config.get('ENABLE_API_KEYS') || !(await services.permissions.has(user.id, 'features.api_keys'))) {
      throw new HTTPException(403, ERROR_MESSAGES.API_KEY_CREATION_NOT_ALLOWED);
    }
    const key = newApiKey();
    await services.apiKeys.replace(user.id, key);
    return { api_key: key };
  });

  app.delete('/api_key', { preValidation: currentUser }, async (request) => services.apiKeys.delete(userOf(request).id));

  app.get('/api_key', { preValidation: currentUser }, async (request) => {
    const key = await services.apiKeys.getKey(userOf(request).id);
    if (!key) throw new HTTPException(404, ERROR_MESSAGES.API_KEY_NOT_FOUND);
    return { api_key: key };
  });
}
