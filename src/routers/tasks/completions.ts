// /api/v1/tasks/{title,follow_up,tags,image_prompt,queries,auto,emoji,moa}/completions: one-shot
// helper completions the web UI asks for (regenerate a title, tags for a rated reply, autocomplete,
// the voice call's emoji, merging several models' answers). Each fills its template
// (chat/task-prompts.ts) and asks the task model (chat/task-model.ts; MoA asks the model named),
// answering in OpenAI's chat completion format. The named model must exist and be one the caller
// may use; the task model is the admin's choice and used whoever asks. Disabled tasks, refusals
// and failures answer as Open WebUI does.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { taskModelFor } from '../../chat/task-model.ts';
import { renderTaskPrompt, taskTemplate, type TaskKind, type TaskPromptInput } from '../../chat/task-prompts.ts';
import { HTTPException, pythonErrorText } from '../../lib/errors.ts';
import { isObject } from '../../lib/json.ts';
import { MODEL_NOT_FOUND } from '../../providers/messages.ts';
import { ModelsStore } from '../../stores/models.ts';
import { answerChatCompletion } from '../compat/answer.ts';

const Messages = z.array(z.looseObject({ role: z.string() }));
const TaskForm = z.looseObject({ model: z.string(), chat_id: z.string().nullish() });
const ConversationForm = TaskForm.extend({ messages: Messages });
const QueriesForm = ConversationForm.extend({ type: z.string().nullish() });
const AutocompleteForm = TaskForm.extend({ prompt: z.string(), messages: Messages.nullish(), type: z.string().nullish() });
const EmojiForm = TaskForm.extend({ prompt: z.string() });
const MoaForm = TaskForm.extend({ prompt: z.string(), responses: z.array(z.string()), stream: z.boolean().nullish() });

/** Open WebUI's answer when the model call fails: a fixed text, or (null) the error itself. */
interface Failure {
  status: number;
  detail: string | null;
}
const INTERNAL = 'An internal error has occurred.';
const failedWith = (status: number, detail: string | null = INTERNAL): Failure => ({ status, detail });

interface TaskRun {
  kind: TaskKind;
  form: z.infer<typeof TaskForm>;
  input: TaskPromptInput;
  /** Only MoA may stream; every other task answers one JSON completion. */
  stream?: boolean;
  failure: Failure;
  /** The answer's token limit: a number, or the task model's own `max_tokens` (1,000 when it has none). */
  maxTokens?: number | 'model';
}

/** The disabled answer: Open WebUI says so with 200 for the chat tasks. */
const disabled = (reply: FastifyReply, detail: string) => reply.code(200).send({ detail });

export async function taskCompletionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const { config } = services;
  const { catalogue } = services.providers;
  const records = new ModelsStore(services.database);

  async function tokenLimit(modelId: string, limit: TaskRun['maxTokens']): Promise<number | undefined> {
    if (limit !== 'model') return limit;
    const params = (await records.getById(modelId))?.params;
    return isObject(params) && typeof params['max_tokens'] === 'number' ? params['max_tokens'] : 1000;
  }

  async function run(request: FastifyRequest, reply: FastifyReply, task: TaskRun): Promise<unknown> {
    const user = userOf(request);
    const { form } = task;
    const requested = await catalogue.find(form.model);
    if (!requested || !(await catalogue.mayUse(user, form.model))) throw new HTTPException(404, MODEL_NOT_FOUND);
    // MoA answers with the model the user named, under the user's own access.
    const ownModel = task.kind === 'moa';
    const taskModel = ownModel ? requested : await taskModelFor(services, requested);
    const modelId = taskModel.id;
    const limit = await tokenLimit(modelId, task.maxTokens);
    const isOllama = taskModel.owned_by === 'ollama';
    const content = renderTaskPrompt(taskTemplate(config, task.kind), task.input, ownModel ? null : user);
    const payload = {
      model: modelId,
      messages: [{ role: 'user', content }],
      stream: task.stream ?? false,
      ...(limit === undefined ? {} : isOllama ? { max_tokens: limit } : { max_completion_tokens: limit }),
    };
    try {
      return await answerChatCompletion(services, records, reply, user, payload, { chat_id: form.chat_id ?? undefined }, { unknown: 404, denied: 404 }, ownModel);
    } catch (error) {
      if (reply.sent) throw error;
      throw new HTTPException(task.failure.status, task.failure.detail ?? pythonErrorText(error));
    }
  }

  const options = { preValidation: verifiedUser };

  app.post('/title/completions', { ...options, schema: { body: ConversationForm } }, async (request, reply) => {
    if (!config.get('ENABLE_TITLE_GENERATION')) return disabled(reply, 'Title generation is disabled');
    const form = request.body;
    return run(request, reply, { kind: 'title', form, input: { messages: form.messages }, failure: failedWith(400), maxTokens: 'model' });
  });

  app.post('/follow_up/completions', { ...options, schema: { body: ConversationForm } }, async (request, reply) => {
    if (!config.get('ENABLE_FOLLOW_UP_GENERATION')) return disabled(reply, 'Follow-up generation is disabled');
    const form = request.body;
    return run(request, reply, { kind: 'follow_up', form, input: { messages: form.messages }, failure: failedWith(400) });
  });

  app.post('/tags/completions', { ...options, schema: { body: ConversationForm } }, async (request, reply) => {
    if (!config.get('ENABLE_TAGS_GENERATION')) return disabled(reply, 'Tags generation is disabled');
    const form = request.body;
    return run(request, reply, { kind: 'tags', form, input: { messages: form.messages }, failure: failedWith(500) });
  });

  app.post('/image_prompt/completions', { ...options, schema: { body: ConversationForm } }, async (request, reply) => {
    const form = request.body;
    return run(request, reply, { kind: 'image_prompt', form, input: { messages: form.messages }, failure: failedWith(400) });
  });

  app.post('/queries/completions', { ...options, schema: { body: QueriesForm } }, async (request, reply) => {
    const form = request.body;
    if (form.type === 'web_search' && !config.get('ENABLE_SEARCH_QUERY_GENERATION')) throw new HTTPException(400, 'Search query generation is disabled');
    if (form.type === 'retrieval' && !config.get('ENABLE_RETRIEVAL_QUERY_GENERATION')) throw new HTTPException(400, 'Query generation is disabled');
    return run(request, reply, { kind: 'queries', form, input: { messages: form.messages }, failure: failedWith(400, null) });
  });

  app.post('/auto/completions', { ...options, schema: { body: AutocompleteForm } }, async (request, reply) => {
    if (!config.get('ENABLE_AUTOCOMPLETE_GENERATION')) throw new HTTPException(400, 'Autocompletion generation is disabled');
    const form = request.body;
    const maxLength = config.get('AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH');
    if (maxLength > 0 && form.prompt.length > maxLength) throw new HTTPException(400, `Input prompt exceeds maximum length of ${maxLength}`);
    const input = { messages: form.messages ?? [], prompt: form.prompt, type: form.type ?? '' };
    return run(request, reply, { kind: 'auto', form, input, failure: failedWith(500) });
  });

  app.post('/emoji/completions', { ...options, schema: { body: EmojiForm } }, async (request, reply) => {
    const form = request.body;
    return run(request, reply, { kind: 'emoji', form, input: { prompt: form.prompt }, failure: failedWith(400, null), maxTokens: 4 });
  });

  app.post('/moa/completions', { ...options, schema: { body: MoaForm } }, async (request, reply) => {
    const form = request.body;
    return run(request, reply, { kind: 'moa', form, input: { prompt: form.prompt, responses: form.responses }, stream: form.stream ?? false, failure: failedWith(400, null) });
  });
}
