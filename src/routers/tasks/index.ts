// /api/v1/tasks: the background-task settings (any signed-in user reads them, an admin changes them)
// and the task completion endpoints (completions.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminUser, verifiedUser } from '../../auth/guards.ts';
import type { PersistentConfig } from '../../config/persistent.ts';
import { taskCompletionRoutes } from './completions.ts';

/** Open WebUI's TaskConfigForm, its keys in the order its TaskConfig answers them. */
const TaskConfigForm = z.object({
  TASK_MODEL: z.string().nullable(),
  TASK_MODEL_EXTERNAL: z.string().nullable(),
  TITLE_GENERATION_PROMPT_TEMPLATE: z.string(),
  IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE: z.string(),
  ENABLE_AUTOCOMPLETE_GENERATION: z.boolean(),
  AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: z.number().int(),
  TAGS_GENERATION_PROMPT_TEMPLATE: z.string(),
  FOLLOW_UP_GENERATION_PROMPT_TEMPLATE: z.string(),
  ENABLE_FOLLOW_UP_GENERATION: z.boolean(),
  ENABLE_TAGS_GENERATION: z.boolean(),
  ENABLE_TITLE_GENERATION: z.boolean(),
  ENABLE_SEARCH_QUERY_GENERATION: z.boolean(),
  ENABLE_RETRIEVAL_QUERY_GENERATION: z.boolean(),
  QUERY_GENERATION_PROMPT_TEMPLATE: z.string(),
  TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE: z.string(),
  VOICE_MODE_PROMPT_TEMPLATE: z.string().nullable(),
});

const KEYS = Object.keys(TaskConfigForm.shape) as (keyof z.infer<typeof TaskConfigForm>)[];

const taskConfig = (config: PersistentConfig): Record<string, unknown> => Object.fromEntries(KEYS.map((key) => [key, config.get(key)]));

export async function tasksRouter(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.services;

  app.get('/config', { preValidation: verifiedUser }, async () => taskConfig(config));

  app.post('/config/update', { preValidation: adminUser, schema: { body: TaskConfigForm } }, async (request) => {
    const form = request.body;
    // Our settings are never null: a null model or template means "none" (the built-in one).
    await config.set(Object.fromEntries(KEYS.map((key) => [key, form[key] ?? ''])));
    return taskConfig(config);
  });

  await app.register(taskCompletionRoutes);
}
