// The default permissions every user starts from (config USER_PERMISSIONS), as the admin edits them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser } from '../../auth/guards.ts';
import { formPermissions } from './responses.ts';
import { UserPermissionsForm } from './schemas.ts';

export async function defaultPermissionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.services;

  app.get('/default/permissions', { preValidation: adminUser }, async () => formPermissions(config.get('USER_PERMISSIONS')));

  // The whole tree is replaced by the form's leaves (defaults filled in), as Open WebUI stores it.
  app.post('/default/permissions', { preValidation: adminUser, schema: { body: UserPermissionsForm } }, async (request) => {
    await config.set({ USER_PERMISSIONS: request.body });
    return config.get('USER_PERMISSIONS');
  });
}
