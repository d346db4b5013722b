// What the web UI calls when a reply is finished (/api/chat/completed) and when an action button is
// pressed (/api/chat/actions/{id}). Open WebUI runs its Python outlet filters and actions here; this
// server runs none, so `completed` answers the payload (the UI reads its `messages`) once the model is
// known, the reply (`id`) as the server stored it (a tab that joined mid-answer may hold less), and an
// action answers that it cannot be run. Refusals are 400 with the reason.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { isTemporaryChat } from '../../chat/temporary-chat.ts';
import { HTTPException } from '../../lib/errors.ts';
import { isObject } from '../../lib/json.ts';
import { MODEL_NOT_FOUND } from '../../providers/messages.ts';
import type { Services } from '../../services.ts';
import { ChatsStore } from '../../stores/chats.ts';
import { FunctionsStore } from '../../stores/functions.ts';
import type { UserModel } from '../../stores/users.ts';

const CompletedForm = z.looseObject({
  model: z.string(),
  messages: z.array(z.looseObject({})),
  chat_id: z.string().nullish(),
  id: z.string().nullish(),
  session_id: z.string().nullish(),
  model_item: z.unknown().optional(),
});

const ActionParams = z.object({ action_id: z.string() });

/** The model must be one of the catalogue's (or a browser-side direct connection's, sent as `model_item`). */
async function assertKnownModel(services: Services, form: z.infer<typeof CompletedForm>): Promise<void> {
  const direct = isObject(form.model_item) && form.model_item['direct'] === true;
  if (!direct && !(await services.providers.catalogue.find(form.model))) throw new HTTPException(400, MODEL_NOT_FOUND);
}

type CompletedPayload = z.infer<typeof CompletedForm>;

/** What the server stored of a reply wins over the client's copy. */
const STORED_FIELDS = ['content', 'usage', 'sources'];

/** The payload with the reply's stored fields merged into its message, for a stored chat of the user's. */
async function withStoredReply(chats: ChatsStore, user: UserModel, payload: CompletedPayload): Promise<CompletedPayload> {
  const { chat_id: chatId, id: messageId } = payload;
  if (!chatId || !messageId || isTemporaryChat(chatId)) return payload;
  const stored = await chats.getMessageOwned(chatId, user.id, messageId);
  if (!stored) return payload;
  const kept = Object.fromEntries(STORED_FIELDS.filter((key) => stored[key] !== undefined).map((key) => [key, stored[key]]));
  return { ...payload, messages: payload.messages.map((message) => (message['id'] === messageId ? { ...message, ...kept } : message)) };
}

export async function chatCompletedRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const functions = new FunctionsStore(services.database);
  const chats = new ChatsStore(services.database, services.chatIndex);

  app.post('/api/chat/completed', { preValidation: verifiedUser, schema: { body: CompletedForm } }, async (request) => {
    await assertKnownModel(services, request.body);
    const { model_item: _direct, ...payload } = await withStoredReply(chats, userOf(request), request.body);
    return payload;
  });

  app.post('/api/chat/actions/:action_id', { preValidation: verifiedUser, schema: { params: ActionParams, body: CompletedForm } }, async (request) => {
    const [actionId = ''] = request.params.action_id.split('.');
    if (!(await functions.exists(actionId))) throw new HTTPException(400, `Action not found: ${actionId}`);
    await assertKnownModel(services, request.body);
    throw new HTTPException(400, `Action ${actionId} is a Python function, which this server does not run`);
  });
}
