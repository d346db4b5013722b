// The upstream answer to a resolved chat request as OpenAI SSE text, whichever provider serves the
// model (Ollama's NDJSON converted), for replies generated on the server. The call is prepared at
// once (it reads the request's credentials); the returned function opens it later.
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { HTTPException } from '../lib/errors.ts';
import { CONNECTION_ERROR } from '../providers/messages.ts';
import { NdjsonToOpenAI, newIdentity } from '../providers/ndjson-to-openai.ts';
import { ClientGone, parseOrText, UpstreamHttpError } from '../providers/upstream.ts';
import type { ChatTarget } from '../routers/compat/answer.ts';
import { openOllamaChat } from '../routers/compat/ollama-chat.ts';
import { openaiChatCall } from '../routers/openai/chat.ts';
import type { Services } from '../services.ts';
import type { UserModel } from '../stores/users.ts';

export type AnswerOpener = (signal: AbortSignal) => Promise<AsyncIterable<string>>;

/** The body's text, piece by piece (`convert` may reshape each piece; by default UTF-8 decoded across pieces). */
async function* decoded(body: Readable, convert?: (bytes: Buffer) => string): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const toText = convert ?? ((bytes: Buffer) => decoder.decode(bytes, { stream: true }));
  for await (const chunk of body) yield toText(chunk as Buffer);
}

export function upstreamAnswer(services: Services, request: FastifyRequest, user: UserModel, target: ChatTarget, metadata: unknown): AnswerOpener {
  if (target.kind === 'ollama') {
    const call = { ...target.call, body: { ...target.call.body, stream: true } };
    return async (signal) => {
      const response = await openOllamaChat(services, user, target.model, call, signal);
      const converter = new NdjsonToOpenAI(newIdentity(call.requestedId), true);
      return (async function* () {
        yield* decoded(response.body, (bytes) => converter.push(bytes));
        yield converter.end();
      })();
    };
  }
  const call = openaiChatCall(services, request, user, { ...target.payload, stream: true }, target.model, metadata);
  return async (signal) => {
    let response;
    try {
      response = await services.providers.upstream.send(call.url, { ...call.options, signal });
    } catch (error) {
      if (error instanceof ClientGone) throw error;
      throw new HTTPException(500, CONNECTION_ERROR);
    }
    if (response.statusCode >= 400) {
      const failure = new UpstreamHttpError(response.statusCode, parseOrText(await response.body.text().catch(() => '')));
      throw new HTTPException(response.statusCode, failure.upstreamMessage ?? CONNECTION_ERROR);
    }
    return decoded(response.body);
  };
}
