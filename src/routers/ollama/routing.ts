// Which Ollama node a request goes to: a pinned `{url_idx}`, else the nodes of the merged model
// list that host the model (best first, see NodeBalancer), and the model name each node knows.
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { OllamaConnection } from '../../providers/connections.ts';
import type { Services } from '../../services.ts';

/** Ollama's own default tag. */
export const withLatest = (name: string): string => (name.includes(':') ? name : `${name}:latest`);

/** The name a node knows: without the connection's `<prefix_id>.`. */
export function stripPrefix(name: string, node: OllamaConnection): string {
  const prefix = node.prefixId ? `${node.prefixId}.` : undefined;
  return prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** A configured connection by index (Open WebUI fails with a 500 IndexError; a clear 404 here). */
export function connectionAt(services: Services, idx: number): OllamaConnection {
  const connections = services.providers.ollama.connections();
  const connection = idx >= 0 ? connections[idx] : undefined;
  if (!connection) throw new HTTPException(404, `Ollama connection ${idx} does not exist (${connections.length} configured)`);
  return connection;
}

/** The enabled nodes hosting `name` (a published name), best first; 400 MODEL_NOT_FOUND(`shown`) otherwise. */
export async function hostingNodes(services: Services, name: string, shown = name): Promise<OllamaConnection[]> {
  const model = await services.providers.ollama.find(name);
  const nodes = model ? services.providers.ollamaNodes(model) : [];
  if (nodes.length === 0) throw new HTTPException(400, ERROR_MESSAGES.MODEL_NOT_FOUND(shown));
  return nodes;
}

/** The first node listed for a model (push, copy, delete), as Open WebUI picks it. */
export async function firstHostingNode(services: Services, name: string): Promise<OllamaConnection> {
  const model = await services.providers.ollama.find(name);
  const idx = model?.urls[0];
  if (idx === undefined) throw new HTTPException(400, ERROR_MESSAGES.MODEL_NOT_FOUND(name));
  return connectionAt(services, idx);
}

/** A pinned node, or the nodes hosting the model. */
export async function targetNodes(services: Services, urlIdx: number | undefined, name: string, shown = name): Promise<OllamaConnection[]> {
  return urlIdx === undefined ? hostingNodes(services, name, shown) : [connectionAt(services, urlIdx)];
}
