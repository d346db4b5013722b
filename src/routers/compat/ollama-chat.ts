// An OpenAI chat request answered by an Ollama model: sent to Ollama's native /api/chat on the
// best node (failing over while nothing was answered), the NDJSON stream turned into OpenAI SSE
// chunks and a single answer into a `chat.completion`.
import { Transform } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Dispatcher } from 'undici';
import { HTTPException } from '../../lib/errors.ts';
import { NdjsonToOpenAI, newIdentity, ollamaToOpenAICompletion } from '../../providers/ndjson-to-openai.ts';
import { ollamaAuthHeaders, type OllamaModel } from '../../providers/ollama-models.ts';
import { UpstreamHttpError, joinUrl, parseOrText } from '../../providers/upstream.ts';
import { userInfoHeaders } from '../../providers/user-headers.ts';
import type { Services } from '../../services.ts';
import type { UserModel } from '../../stores/users.ts';
import { CONNECTION_ERROR } from '../../providers/messages.ts';
import { abortWhenClientLeaves } from '../../providers/relay.ts';
import { isObject } from '../../lib/json.ts';

type Json = Record<string, unknown>;

export interface OllamaChatCall {
  /** The Ollama body, model as published (prefix still on). */
  body: Json;
  /** The id the client asked for, echoed as `model`. */
  requestedId: string;
  includeUsage: boolean;
  chatId: string | undefined;
}

/**
 * Opens Ollama's native chat on the best node serving `model` (the next node while nothing was
 * answered); an upstream refusal or no answer at all is thrown as Open WebUI words it.
 */
export async function openOllamaChat(services: Services, user: UserModel, model: OllamaModel, call: OllamaChatCall, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
  const { providers, settings } = services;
  try {
    return await providers.withFailover(providers.ollamaNodes(model), async (node) => {
      const name = String(call.body['model']);
      const body = { ...call.body, model: node.prefixId && name.startsWith(`${node.prefixId}.`) ? name.slice(node.prefixId.length + 1) : name };
      const answer = await providers.upstream.send(joinUrl(node.url, '/api/chat'), {
        method: 'POST',
        headers: { ...userInfoHeaders(settings, user, call.chatId), ...ollamaAuthHeaders(node) },
        body,
        timeoutMs: settings.upstreamTimeoutMs,
        signal,
      });
      if (answer.statusCode >= 400) throw new UpstreamHttpError(answer.statusCode, parseOrText(await answer.body.text().catch(() => '')));
      return answer;
    });
  } catch (error) {
    if (error instanceof UpstreamHttpError) throw new HTTPException(error.status, error.upstreamMessage ?? `Ollama: ${error.message}`);
    throw new HTTPException(500, CONNECTION_ERROR);
  }
}

export async function sendOllamaChat(services: Services, reply: FastifyReply, user: UserModel, model: OllamaModel, call: OllamaChatCall): Promise<unknown> {
  const response = await openOllamaChat(services, user, model, call, abortWhenClientLeaves(reply));
  const identity = newIdentity(call.requestedId);
  if (call.body['stream'] !== true) {
    let answer: unknown;
    try {
      answer = parseOrText(await response.body.text());
    } catch {
      throw new HTTPException(500, CONNECTION_ERROR);
    }
    if (!isObject(answer)) throw new HTTPException(500, CONNECTION_ERROR);
    return ollamaToOpenAICompletion(answer, identity);
  }

  const converter = new NdjsonToOpenAI(identity, call.includeUsage);
  // Converted chunk by chunk in the data events (no async iteration: a promise per chunk costs more
  // than the conversion). A cut or timed-out upstream ends the events: flush reports the incomplete answer.
  const events = new Transform({
    transform: (chunk: Buffer, _encoding, done) => done(null, converter.push(chunk) || undefined),
    flush: (done) => done(null, converter.end() || undefined),
  });
  response.body.once('error', () => events.end());
  response.body.pipe(events);
  return reply
    .code(200)
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('x-accel-buffering', 'no')
    .send(events);
}
