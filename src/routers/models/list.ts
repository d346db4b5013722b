// Listing workspace models: the paginated workspace list, the pre-0.6.35 full list, base models,
// tags and export.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { ModelOrder, ModelSearch, ModelsStore } from '../../stores/models.ts';
import { listableRows, writableCustomIds } from './access.ts';
import { ModelListQuery } from './schemas.ts';

const PAGE_SIZE = 30;
const ORDERS: readonly string[] = ['name', 'created_at', 'updated_at'] satisfies ModelOrder[];

export function listRoutes(base: FastifyInstance, models: ModelsStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { access, permissions } = app.services;

  // The workspace list: custom presets only, 30 a page, newest first unless ordered otherwise.
  app.get('/list', { preValidation: verifiedUser, schema: { querystring: ModelListQuery } }, async (request) => {
    const user = userOf(request);
    const { query, view_option, tag, order_by, direction } = request.query;
    const ordered = order_by !== undefined && ORDERS.includes(order_by);
    const search: ModelSearch = {
      query,
      tag,
      createdBy: view_option === 'created' ? user.id : undefined,
      notCreatedBy: view_option === 'shared' ? user.id : undefined,
      orderBy: ordered ? (order_by as ModelOrder) : 'created_at',
      direction: ordered && direction === 'asc' ? 'asc' : 'desc',
    };
    const visible = await listableRows(access, user, await models.searchCustom(search));
    const page = Math.max(1, request.query.page ?? 1);
    const ids = visible.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => r.id);
    return { items: await models.getByIdsWithUsers(ids), total: visible.length };
  });

  // Before 0.6.35 the workspace read every preset it may edit from the collection root. Only the
  // slash form exists: `/api/v1/models` without it is the app-level model list.
  app.get('/', { preValidation: verifiedUser, prefixTrailingSlash: 'slash' }, async (request) =>
    models.getByIdsWithUsers(await writableCustomIds(models, access, userOf(request))),
  );

  // At /api/models the app-level catalogue owns /base (provider models), as in Open WebUI.
  if (app.prefix !== '/api/models') app.get('/base', { preValidation: adminUser }, async () => models.listBase());

  app.get('/tags', { preValidation: verifiedUser }, async (request) => {
    const ids = await writableCustomIds(models, access, userOf(request));
    const tags = new Set<string>();
    for (const meta of await models.metasOf(ids)) {
      const list = meta['tags'];
      if (!Array.isArray(list)) continue;
      for (const tag of list) {
        const name = tag && typeof tag === 'object' ? (tag as Record<string, unknown>)['name'] : undefined;
        if (typeof name === 'string') tags.add(name);
      }
    }
    return [...tags].sort();
  });

  app.get('/export', { preValidation: verifiedUser }, async (request) => {
    const user = userOf(request);
    if (user.role !== 'admin' && !(await permissions.has(user.id, 'workspace.models_export'))) {
      throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
    }
    return models.getByIds(await writableCustomIds(models, access, user));
  });
}
