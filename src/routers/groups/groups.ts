// Group records: list, create, read, export, update, delete.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { groupAfter, groupFailure } from './failures.ts';
import { GroupForm, GroupIdParams, GroupListQuery } from './schemas.ts';

export async function groupRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { groups } = app.services;

  // Admins see every group, everyone else only the groups they belong to.
  app.get('/', { preValidation: verifiedUser, schema: { querystring: GroupListQuery } }, async (request) => {
    const user = userOf(request);
    return groups.list({ memberId: user.role === 'admin' ? undefined : user.id, share: request.query.share });
  });

  app.post('/create', { preValidation: adminUser, schema: { body: GroupForm } }, async (request) => {
    const created = await groups.create(userOf(request).id, request.body);
    return { ...created, member_count: 0 };
  });

  app.get('/id/:id', { preValidation: adminUser, schema: { params: GroupIdParams } }, async (request) => {
    const group = await groups.getWithMemberCount(request.params.id);
    if (!group) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    return group;
  });

  app.get('/id/:id/export', { preValidation: adminUser, schema: { params: GroupIdParams } }, async (request) => {
    const group = await groups.getWithMemberCount(request.params.id);
    if (!group) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    return { ...group, user_ids: await groups.memberIds(group.id) };
  });

  app.post('/id/:id/update', { preValidation: adminUser, schema: { params: GroupIdParams, body: GroupForm } }, async (request) => {
    const { id } = request.params;
    if (!(await groups.update(id, request.body))) throw groupFailure('update');
    return groupAfter(groups, id, 'update');
  });

  app.delete('/id/:id/delete', { preValidation: adminUser, schema: { params: GroupIdParams } }, async (request) => {
    if (!(await groups.delete(request.params.id))) throw groupFailure('delete');
    return true;
  });
}
