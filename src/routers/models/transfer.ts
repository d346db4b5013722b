// Moving model records in bulk: import (merge or insert, all or nothing) and the admin sync.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { ModelFields, ModelRecord, ModelsStore } from '../../stores/models.ts';
import { assertMayShare, canAccess, mayAnnotate } from './access.ts';
import { MAX_MODEL_ID, ModelForm, ModelsImportForm, SyncModelsForm } from './schemas.ts';

const validId = (id: unknown): id is string => typeof id === 'string' && id.length > 0 && id.length <= MAX_MODEL_ID;

/** An import item that does not make a ModelForm, named by its position. */
function invalidItem(index: number, issue: { path: PropertyKey[]; message: string }): HTTPException {
  const field = issue.path.map(String).join('.');
  return new HTTPException(400, `Invalid model at index ${index}${field ? ` (${field})` : ''}: ${issue.message}`);
}

export function transferRoutes(base: FastifyInstance, models: ModelsStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { access, permissions } = app.services;

  // Items without a usable id are skipped, as Open WebUI skips them. Every other item is checked
  // (form, write access to an existing id, sharing) before anything is written.
  app.post('/import', { preValidation: verifiedUser, schema: { body: ModelsImportForm } }, async (request) => {
    const user = userOf(request);
    if (user.role !== 'admin' && !(await permissions.has(user.id, 'workspace.models_import'))) {
      throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
    }
    const items = request.body.models;
    const ids = [...new Set(items.map((item) => item['id']).filter(validId))];
    const existing = new Map<string, ModelRecord>();
    for (const model of await models.getByIds(ids)) existing.set(model.id, model);

    // Later items for the same id merge over earlier ones; an existing record is the first layer.
    const result = new Map<string, ModelFields>();
    for (const [index, item] of items.entries()) {
      const id = item['id'];
      if (!validId(id)) continue;
      const prior = result.get(id) ?? existing.get(id);
      const parsed = ModelForm.safeParse(prior ? { ...prior, ...item } : { meta: {}, params: {}, ...item });
      if (!parsed.success) throw invalidItem(index, parsed.error.issues[0] ?? { path: [], message: 'invalid' });
      result.set(id, parsed.data);
    }

    const updates: ModelFields[] = [];
    const inserts: ModelFields[] = [];
    for (const fields of result.values()) {
      const current = existing.get(fields.id);
      if (!mayAnnotate(user, fields) || (current && !(await canAccess(access, user, 'write', current)))) {
        throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
      }
      await assertMayShare(access, user, fields.access_control, current?.access_control);
      (current ? updates : inserts).push(fields);
    }
    await models.importModels(user.id, updates, inserts);
    return true;
  });

  // Makes the table equal to the payload; every synced row becomes the admin's.
  app.post('/sync', { preValidation: adminUser, schema: { body: SyncModelsForm } }, async (request) => {
    if (!request.body.models.every((m) => validId(m.id))) throw new HTTPException(400, ERROR_MESSAGES.MODEL_ID_TOO_LONG);
    return models.sync(userOf(request).id, request.body.models);
  });
}
