// Group membership: list, add, remove.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser } from '../../auth/guards.ts';
import { groupAfter, groupFailure } from './failures.ts';
import { GroupIdParams, UserIdsForm } from './schemas.ts';

export async function memberRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { groups } = app.services;

  // POST without a body, as Open WebUI declares it; an unknown group has no members.
  app.post('/id/:id/users', { preValidation: adminUser, schema: { params: GroupIdParams } }, async (request) =>
    groups.members(request.params.id),
  );

  app.post('/id/:id/users/add', { preValidation: adminUser, schema: { params: GroupIdParams, body: UserIdsForm } }, async (request) => {
    const { id } = request.params;
    if (!(await groups.addMembers(id, request.body.user_ids ?? []))) throw groupFailure('add');
    return groupAfter(groups, id, 'add');
  });

  app.post('/id/:id/users/remove', { preValidation: adminUser, schema: { params: GroupIdParams, body: UserIdsForm } }, async (request) => {
    const { id } = request.params;
    if (!(await groups.removeMembers(id, request.body.user_ids ?? []))) throw groupFailure('remove');
    return groupAfter(groups, id, 'remove');
  });
}
