// Reading prompts: the readable list, the writable list (with owners) and one prompt by command.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { PromptsStore } from '../../stores/prompts.ts';
import { owned } from './access.ts';
import { isSeedMount } from './seed.ts';
import { CommandParams } from './schemas.ts';

export function readRoutes(base: FastifyInstance, prompts: PromptsStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { access, users } = app.services;

  // Prompts the caller may read (the `/` picker in the chat box); newest first. Also seed 004's
  // `GET /api/prompts`, without the slash, on the /api alias mount.
  const readableList = async (request: FastifyRequest) => {
    const readable = await access.filter(userOf(request), 'read', (await prompts.list()).map(owned));
    return readable.map((r) => r.prompt);
  };
  app.get('/', { preValidation: verifiedUser, prefixTrailingSlash: 'slash' }, readableList);
  if (isSeedMount(app)) app.get('', { preValidation: verifiedUser }, readableList);

  // Prompts the caller may edit (the workspace), each with its owner as UserResponse.
  app.get('/list', { preValidation: verifiedUser }, async (request) => {
    const writable = (await access.filter(userOf(request), 'write', (await prompts.list()).map(owned))).map((r) => r.prompt);
    const owners = new Map((await users.getByIds([...new Set(writable.map((p) => p.user_id))])).map((u) => [u.id, u]));
    return writable.map((p) => {
      const owner = owners.get(p.user_id);
      return { ...p, user: owner ? { id: owner.id, name: owner.name, role: owner.role, email: owner.email } : null };
    });
  });

  // As Open WebUI: 401 NOT_FOUND when there is no such prompt, null when the caller may not read it.
  app.get('/command/:command', { preValidation: verifiedUser, schema: { params: CommandParams } }, async (request) => {
    const prompt = await prompts.getByCommand(`/${request.params.command}`);
    if (!prompt) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    return (await access.can(userOf(request), 'read', owned(prompt))) ? prompt : null;
  });
}
