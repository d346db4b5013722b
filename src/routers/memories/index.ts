// /api/v1/memories (and /api/memories): the 8 routes of Open WebUI's memories router. Memories are
// private to their owner: every lookup is by (id, caller), so a foreign id is simply not found.
// The row is the truth and the `user-memory-{user_id}` chunk follows it (src/retrieval/memory-context.ts):
// a vector is computed before anything is written, so an embedding failure changes nothing, and a
// chunk write that fails after the row was written is repaired by the next search.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, errorMessage, HTTPException } from '../../lib/errors.ts';
import { MemoryIndex, searchResultOf } from '../../retrieval/memory-context.ts';
import { AddMemoryForm, MemoryIdParams, MemoryUpdateModel, QueryMemoryForm } from './schemas.ts';

const MEMORY_NOT_FOUND = 'Memory not found';
const NO_MEMORIES = 'No memories found for user';

/** An embedding engine or chunk store failure, answered as a server error naming it. */
async function orFail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HTTPException) throw error;
    throw new HTTPException(500, ERROR_MESSAGES.DEFAULT(errorMessage(error)));
  }
}

/** A chunk write after the row changed: logged, not fatal (the next search re-indexes from the rows). */
async function logged(log: FastifyBaseLogger, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.warn({ err: error }, `memories: ${what} (repaired on the next search)`);
  }
}

export async function memoriesRouter(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const index = new MemoryIndex(services);
  const { memories } = index;

  // Unauthenticated, as upstream. `{result: []}` when no embedding engine is configured (upstream
  // always had its local model); `{result: null}` when the engine fails (as upstream's did).
  app.get('/ef', async (request) => {
    const embedder = services.retrieval.embedder();
    if (!embedder) return { result: [] };
    try {
      return { result: (await embedder.embed(['hello world'], 'content'))[0] ?? null };
    } catch (error) {
      request.log.warn({ err: error }, 'memories: /ef embedding failed');
      return { result: null };
    }
  });

  app.get('/', { preValidation: verifiedUser, prefixTrailingSlash: 'slash' }, async (request) => memories.listByUser(userOf(request).id));

  app.post('/add', { preValidation: verifiedUser, schema: { body: AddMemoryForm } }, async (request) => {
    const user = userOf(request);
    const [vector] = await orFail(() => index.vectorsFor([request.body.content]));
    const memory = await memories.insert(user.id, request.body.content);
    await logged(request.log, 'indexing a new memory failed', () => index.put(memory, vector, false));
    return memory;
  });

  app.post('/query', { preValidation: verifiedUser, schema: { body: QueryMemoryForm } }, async (request) => {
    const user = userOf(request);
    const hits = await orFail(() => index.search(user.id, request.body.content, request.body.k ?? 1));
    if (hits === null) throw new HTTPException(404, NO_MEMORIES);
    return searchResultOf(hits);
  });

  app.post('/reset', { preValidation: verifiedUser }, async (request) => {
    await orFail(() => index.rebuild(userOf(request).id));
    return true;
  });

  app.delete('/delete/user', { preValidation: verifiedUser }, async (request) => {
    const user = userOf(request);
    await memories.deleteByUser(user.id);
    await logged(request.log, 'dropping the memory collection failed', () => index.drop(user.id));
    return true;
  });

  // Only the caller's own memory; without content (absent or null) it is answered unchanged.
  app.post('/:memory_id/update', { preValidation: verifiedUser, schema: { params: MemoryIdParams, body: MemoryUpdateModel } }, async (request) => {
    const user = userOf(request);
    const memory = await memories.getOwned(request.params.memory_id, user.id);
    if (!memory) throw new HTTPException(404, MEMORY_NOT_FOUND);
    const { content } = request.body;
    if (content === undefined || content === null) return memory;
    const [vector] = await orFail(() => index.vectorsFor([content]));
    const updated = await memories.updateContent(memory.id, user.id, content);
    if (!updated) throw new HTTPException(404, MEMORY_NOT_FOUND);
    await logged(request.log, 're-indexing an updated memory failed', () => index.put(updated, vector, true));
    return updated;
  });

  // false (200) for an id that is not the caller's, as upstream.
  app.delete('/:memory_id', { preValidation: verifiedUser, schema: { params: MemoryIdParams } }, async (request) => {
    const user = userOf(request);
    if (!(await memories.delete(request.params.memory_id, user.id))) return false;
    await logged(request.log, 'removing a memory chunk failed', () => index.remove(user.id, request.params.memory_id));
    return true;
  });
}
