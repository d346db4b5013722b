// Sending a request to Ollama nodes: auth and user-info headers, the request timeout, failover to
// the next node (only before any byte was passed on), and Open WebUI's error texts.
import type { FastifyReply } from 'fastify';
import { HTTPException } from '../../lib/errors.ts';
import type { OllamaConnection } from '../../providers/connections.ts';
import { ollamaAuthHeaders } from '../../providers/ollama-models.ts';
import { abortWhenClientLeaves, relay } from '../../providers/relay.ts';
import { CONNECTION_ERROR } from '../../providers/messages.ts';
import { joinUrl, parseOrText, UpstreamHttpError, UpstreamUnreachable, type UpstreamResponse } from '../../providers/upstream.ts';
import { userInfoHeaders } from '../../providers/user-headers.ts';
import type { Services } from '../../services.ts';
import type { UserModel } from '../../stores/users.ts';

/**
 * Open WebUI words failures two ways. `post` (its aiohttp helper: generate, chat, v1, pull, push,
 * create, unload): the upstream `error` as is, transport failures as `Ollama: <e>`. `request` (its
 * `requests` calls: show, embed, copy, delete, tags/version of one node): `Ollama: <error>`, and
 * transport failures as 'Open WebUI: Server Connection Error'.
 */
export type ErrorStyle = 'post' | 'request';

export function toHttpException(error: unknown, style: ErrorStyle): HTTPException {
  if (error instanceof HTTPException) return error;
  if (error instanceof UpstreamHttpError) {
    const body = error.body as { error?: unknown } | null;
    const message = body && typeof body === 'object' && typeof body.error === 'string' ? body.error : undefined;
    if (message !== undefined) return new HTTPException(error.status, style === 'post' ? message : `Ollama: ${message}`);
    return new HTTPException(error.status, typeof error.body === 'object' ? `Ollama: ${error.message}` : CONNECTION_ERROR);
  }
  if (error instanceof UpstreamUnreachable) return new HTTPException(500, style === 'post' ? `Ollama: ${error.message}` : CONNECTION_ERROR);
  return new HTTPException(500, `Ollama: ${error instanceof Error ? error.message : String(error)}`);
}

export interface SendOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  /** The JSON body for a node (the model name may differ per node: prefixes). */
  body?: (node: OllamaConnection) => unknown;
  user?: UserModel | undefined;
  chatId?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Defaults to the request timeout (AIOHTTP_CLIENT_TIMEOUT). */
  timeoutMs?: number;
}

/** Opens a request on one node; an error status is read and thrown as UpstreamHttpError. */
async function open(services: Services, node: OllamaConnection, path: string, options: SendOptions): Promise<UpstreamResponse> {
  const { settings, providers } = services;
  const headers = { ...ollamaAuthHeaders(node), ...(options.user ? userInfoHeaders(settings, options.user, options.chatId) : {}) };
  const response = await providers.upstream.send(joinUrl(node.url, path), {
    method: options.method ?? (options.body ? 'POST' : 'GET'),
    headers,
    body: options.body?.(node),
    timeoutMs: options.timeoutMs ?? settings.upstreamTimeoutMs,
    signal: options.signal,
  });
  if (response.statusCode >= 400) {
    let text = '';
    try {
      text = await response.body.text();
    } catch {
      // a body cut short still leaves the status to report
    }
    throw new UpstreamHttpError(response.statusCode, parseOrText(text));
  }
  return response;
}

/** The parsed answer of the first node that answers (nodes are tried in order). */
export async function forwardJson(services: Services, nodes: OllamaConnection[], path: string, options: SendOptions, style: ErrorStyle): Promise<unknown> {
  try {
    return await services.providers.withFailover(nodes, async (node) => parseOrText(await (await open(services, node, path, options)).body.text()));
  } catch (error) {
    throw toHttpException(error, style);
  }
}

/** Relays the first node's answer as it arrives (status and headers too; `overrides` win). */
export async function forwardStream(
  reply: FastifyReply,
  services: Services,
  nodes: OllamaConnection[],
  path: string,
  options: SendOptions,
  overrides: Record<string, string> = {},
): Promise<FastifyReply> {
  const signal = options.signal ?? abortWhenClientLeaves(reply);
  let response: UpstreamResponse;
  try {
    response = await services.providers.withFailover(nodes, (node) => open(services, node, path, { ...options, signal }));
  } catch (error) {
    throw toHttpException(error, 'post');
  }
  return relay(reply, response, overrides);
}
