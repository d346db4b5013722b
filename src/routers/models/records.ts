// One workspace model: create, read, picture, toggle, update, delete (and delete all).
// Ids may contain `/`, so they travel in the query or the body, never in the path.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { ModelIdTakenError, type ModelRecord, type ModelsStore } from '../../stores/models.ts';
import { profileImageFor } from '../users/profile-image.ts';
import { assertMayShare, canAccess, mayAnnotate } from './access.ts';
import { MAX_MODEL_ID, ModelForm, ModelIdForm, ModelIdQuery } from './schemas.ts';

/** Open WebUI answers a taken id with 401; a conflict is what it is (see COMPATIBILITY). */
const idTaken = (): HTTPException => new HTTPException(409, ERROR_MESSAGES.MODEL_ID_TAKEN);

export function recordRoutes(base: FastifyInstance, models: ModelsStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { access, permissions } = app.services;

  async function found(id: string): Promise<ModelRecord> {
    const model = await models.getById(id);
    if (!model) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    return model;
  }

  app.post('/create', { preValidation: verifiedUser, schema: { body: ModelForm } }, async (request) => {
    const user = userOf(request);
    const form = request.body;
    if (user.role !== 'admin' && !(await permissions.has(user.id, 'workspace.models'))) {
      throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
    }
    if (!mayAnnotate(user, form)) throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
    if (form.id.length === 0 || form.id.length > MAX_MODEL_ID) throw new HTTPException(400, ERROR_MESSAGES.MODEL_ID_TOO_LONG);
    if (await models.getById(form.id)) throw idTaken();
    await assertMayShare(access, user, form.access_control);
    try {
      return await models.create(user.id, form);
    } catch (err) {
      if (err instanceof ModelIdTakenError) throw idTaken();
      throw err;
    }
  });

  // Without read access the answer is null, as Open WebUI answers it (nothing of the model shows).
  app.get('/model', { preValidation: verifiedUser, schema: { querystring: ModelIdQuery } }, async (request) => {
    const model = await found(request.query.id);
    return (await canAccess(access, userOf(request), 'read', model)) ? model : null;
  });

  // A model the caller may not read (or that does not exist) gets the default picture.
  app.get('/model/profile/image', { preValidation: verifiedUser, schema: { querystring: ModelIdQuery } }, async (request, reply) => {
    const model = await models.getById(request.query.id);
    const readable = model !== null && (await canAccess(access, userOf(request), 'read', model));
    const url = readable ? model.meta['profile_image_url'] : null;
    const image = profileImageFor(typeof url === 'string' ? url : null);
    reply.header('Cache-Control', 'no-cache, must-revalidate');
    if (image.kind === 'redirect') return reply.redirect(image.location, 302);
    return reply
      .type(image.contentType)
      .header('Content-Disposition', `inline; filename=image.${image.extension}`)
      .header('X-Content-Type-Options', 'nosniff')
      .send(image.bytes);
  });

  app.post('/model/toggle', { preValidation: verifiedUser, schema: { querystring: ModelIdQuery } }, async (request) => {
    const model = await found(request.query.id);
    if (!(await canAccess(access, userOf(request), 'write', model))) throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
    const toggled = await models.toggle(model.id);
    if (!toggled) throw new HTTPException(400, ERROR_MESSAGES.DEFAULT('Error updating function'));
    return toggled;
  });

  // Replaces every field but the id (and the owner) with the form.
  app.post('/model/update', { preValidation: verifiedUser, schema: { body: ModelForm } }, async (request) => {
    const user = userOf(request);
    const model = await found(request.body.id);
    if (!(await canAccess(access, user, 'write', model)) || !mayAnnotate(user, request.body)) {
      throw new HTTPException(400, ERROR_MESSAGES.ACCESS_PROHIBITED);
    }
    await assertMayShare(access, user, request.body.access_control, model.access_control);
    const updated = await models.update(request.body);
    if (!updated) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    return updated;
  });

  app.post('/model/delete', { preValidation: verifiedUser, schema: { body: ModelIdForm } }, async (request) => {
    const model = await found(request.body.id);
    if (!(await canAccess(access, userOf(request), 'write', model))) throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
    return models.delete(model.id);
  });

  app.delete('/delete/all', { preValidation: adminUser }, async () => {
    await models.deleteAll();
    return true;
  });
}
