// The upstream answer to a resolved chat request as OpenAI SSE text, whichever provider serves the
// model (Ollama's NDJSON converted), for replies generated on the server: a stream of string pieces,
// read in its data events (no promise per piece). The call is prepared at once (it reads the
// request's credentials); the returned function opens it later.
import type { FastifyRequest } from 'fastify';
import { pipeline, Transform, type Readable } from 'node:stream';
import { HTTPException } from '../lib/errors.ts';
import { CONNECTION_ERROR } from '../providers/messages.ts';
import { NdjsonToOpenAI, newIdentity } from '../providers/ndjson-to-openai.ts';
import { ClientGone, parseOrText, UpstreamHttpError } from '../providers/upstream.ts';
import type { ChatTarget } from '../routers/compat/answer.ts';
import { openOllamaChat } from '../routers/compat/ollama-chat.ts';
import { openaiChatCall } from '../routers/openai/chat.ts';
import type { Services } from '../services.ts';
import type { UserModel } from '../stores/users.ts';

export type AnswerOpener = (signal: AbortSignal) => Promise<Readable>;

export function upstreamAnswer(services: Services, request: FastifyRequest, user: UserModel, target: ChatTarget, metadata: unknown): AnswerOpener {
  if (target.kind === 'ollama') {
    const call = { ...target.call, body: { ...target.call.body, stream: true } };
    return async (signal) => {
      const response = await openOllamaChat(services, user, target.model, call, signal);
      const converter = new NdjsonToOpenAI(newIdentity(call.requestedId), true);
      const text = new Transform({
        readableObjectMode: true,
        transform: (chunk: Buffer, _encoding, done) => done(null, converter.push(chunk) || undefined),
        flush: (done) => done(null, converter.end() || undefined),
      });
      // A broken upstream breaks the text stream too (the reply then ends with an error).
      pipeline(response.body, text, () => undefined);
      return text;
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
    return response.body.setEncoding('utf8');
  };
}
