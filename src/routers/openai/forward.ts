// Sending a request to an OpenAI-compatible connection and answering with what came back, as Open
// WebUI does: an event stream is relayed as it arrives, anything else is read whole and returned
// (status ≥ 400 with the upstream body untouched); no answer at all is a 500.
import type { FastifyReply } from 'fastify';
import type { Dispatcher } from 'undici';
import { HTTPException } from '../../lib/errors.ts';
import { abortWhenClientLeaves, relay } from '../../providers/relay.ts';
import { parseOrText, type Upstream } from '../../providers/upstream.ts';
import { CONNECTION_ERROR } from '../../providers/messages.ts';

export interface Forward {
  method?: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

export async function forward(upstream: Upstream, reply: FastifyReply, url: string, options: Forward): Promise<unknown> {
  let response: Dispatcher.ResponseData;
  try {
    response = await upstream.send(url, { ...options, signal: abortWhenClientLeaves(reply) });
  } catch {
    throw new HTTPException(500, CONNECTION_ERROR);
  }
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('text/event-stream')) return relay(reply, response);
  let text: string;
  try {
    text = await response.body.text();
  } catch {
    throw new HTTPException(500, CONNECTION_ERROR);
  }
  return answer(reply, response.statusCode, parseOrText(text));
}

/** Upstream JSON with its status; a text body as text/plain when it is an error, else as a JSON string. */
export function answer(reply: FastifyReply, status: number, data: unknown): FastifyReply {
  reply.code(status);
  if (typeof data === 'string' && status >= 400) return reply.type('text/plain; charset=utf-8').send(data);
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(data));
}
