// Chat tags: `meta.tags` holds tag ids; a `tag` row per (id, user) exists while a non-archived chat uses it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import { tagsOf } from '../../stores/chats.ts';
import { tagIdOf } from '../../stores/tags.ts';
import type { ChatsContext } from './context.ts';
import { IdParams, TagFilterForm, TagForm } from './schemas.ts';

export function tagRoutes(base: FastifyInstance, { chats, tags, dropUnusedTags }: ChatsContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/all/tags', { preValidation: verifiedUser }, async (request) => tags.listByUser(userOf(request).id));

  // Upstream ignores skip/limit and includes archived chats here; so do we (api-core.md §8.9).
  app.post('/tags', { preValidation: verifiedUser, schema: { body: TagFilterForm } }, async (request) => {
    const user = userOf(request);
    const found = await chats.listTitlesWithTag(user.id, tagIdOf(request.body.name));
    if (found.length === 0) await tags.delete(user.id, request.body.name);
    return found;
  });

  app.get('/:id/tags', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const user = userOf(request);
    const chat = await chats.getMetaOwned(request.params.id, user.id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    return tags.getByIds(user.id, tagsOf(chat.meta));
  });

  app.post('/:id/tags', { preValidation: verifiedUser, schema: { params: IdParams, body: TagForm } }, async (request) => {
    const user = userOf(request);
    const chat = await chats.getMetaOwned(request.params.id, user.id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.DEFAULT());
    const tagId = tagIdOf(request.body.name);
    if (tagId === 'none') throw new HTTPException(400, ERROR_MESSAGES.DEFAULT("Tag name cannot be 'None'"));
    const current = tagsOf(chat.meta);
    if (!current.includes(tagId)) {
      await tags.ensure(user.id, request.body.name);
      await chats.setTags(request.params.id, user.id, [...current, tagId]);
    }
    return tags.getByIds(user.id, current.includes(tagId) ? current : [...current, tagId]);
  });

  app.delete('/:id/tags', { preValidation: verifiedUser, schema: { params: IdParams, body: TagForm } }, async (request) => {
    const user = userOf(request);
    const chat = await chats.getMetaOwned(request.params.id, user.id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    const tagId = tagIdOf(request.body.name);
    const remaining = tagsOf(chat.meta).filter((t) => t !== tagId);
    await chats.setTags(request.params.id, user.id, remaining);
    await dropUnusedTags(user.id, [tagId]);
    return tags.getByIds(user.id, remaining);
  });

  app.delete('/:id/tags/all', { preValidation: verifiedUser, schema: { params: IdParams } }, async (request) => {
    const user = userOf(request);
    const chat = await chats.getMetaOwned(request.params.id, user.id);
    if (!chat) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    await chats.setTags(request.params.id, user.id, []);
    await dropUnusedTags(user.id, tagsOf(chat.meta));
    return true;
  });
}
