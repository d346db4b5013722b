// Creating, updating and deleting prompts.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { PromptModel, PromptsStore } from '../../stores/prompts.ts';
import type { UserModel } from '../../stores/users.ts';
import { accessForNew, accessForUpdate, owned } from './access.ts';
import { CommandParams, PromptCreateForm, PromptUpdateForm } from './schemas.ts';
import { isSeedMount } from './seed.ts';

export function writeRoutes(base: FastifyInstance, prompts: PromptsStore): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;

  /** The prompt behind a route's command, if the caller may change it (401s as Open WebUI answers). */
  async function writable(user: UserModel, command: string): Promise<PromptModel> {
    const prompt = await prompts.getByCommand(`/${command}`);
    if (!prompt) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    if (!(await services.access.can(user, 'write', owned(prompt)))) throw new HTTPException(401, ERROR_MESSAGES.ACCESS_PROHIBITED);
    return prompt;
  }

  const createOptions = { preValidation: verifiedUser, schema: { body: PromptCreateForm } };
  const create = async (body: z.output<typeof PromptCreateForm>, user: UserModel): Promise<PromptModel> => {
    const permitted =
      user.role === 'admin' ||
      (await services.permissions.has(user.id, 'workspace.prompts')) ||
      (await services.permissions.has(user.id, 'workspace.prompts_import'));
    if (!permitted) throw new HTTPException(401, ERROR_MESSAGES.UNAUTHORIZED);
    const { command, title, content } = body;
    const access_control = await accessForNew(services, user, body.access_control);
    const created = await prompts.create(user.id, command, { title, content, access_control });
    if (!created) throw new HTTPException(400, ERROR_MESSAGES.COMMAND_TAKEN);
    return created;
  };
  app.post('/create', createOptions, async (request) => create(request.body, userOf(request)));
  // Seed 004's `POST /api/prompts` (exactly that path, on the /api alias mount only).
  if (isSeedMount(app)) app.post('', createOptions, async (request) => create(request.body, userOf(request)));

  // Title, content and access_control change (and the timestamp); the command does not.
  app.post('/command/:command/update', { preValidation: verifiedUser, schema: { params: CommandParams, body: PromptUpdateForm } }, async (request) => {
    const user = userOf(request);
    const prompt = await writable(user, request.params.command);
    const { title, content } = request.body;
    const access_control = await accessForUpdate(services, user, prompt, request.body.access_control);
    const updated = await prompts.update(prompt.command, { title, content, access_control });
    if (!updated) throw new HTTPException(401, ERROR_MESSAGES.NOT_FOUND);
    return updated;
  });

  app.delete('/command/:command/delete', { preValidation: verifiedUser, schema: { params: CommandParams } }, async (request) => {
    const prompt = await writable(userOf(request), request.params.command);
    return prompts.delete(prompt.command);
  });
}
