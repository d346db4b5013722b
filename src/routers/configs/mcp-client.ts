// Just enough of an MCP client (Streamable HTTP transport) to check a server: initialize, list its
// tools, end the session. Replies may come as JSON or as a server-sent-event stream.
import { parseJson, remoteRequest } from './remote.ts';

const PROTOCOL_VERSION = '2025-06-18';

interface JsonRpcReply {
  id?: unknown;
  result?: Record<string, unknown>;
  error?: { message?: string };
}

/** The JSON-RPC reply with `id` from a JSON or SSE body. */
function replyWithId(contentType: string, text: string, id: number): JsonRpcReply {
  const messages: unknown[] = contentType.includes('text/event-stream')
    ? text.split(/\r?\n/).filter((line) => line.startsWith('data:')).map((line) => parseJson(line.slice(5).trim()))
    : [parseJson(text)].flat();
  const reply = messages.find((m): m is JsonRpcReply => typeof m === 'object' && m !== null && (m as JsonRpcReply).id === id);
  if (!reply) throw new Error('no JSON-RPC reply from the MCP server');
  if (reply.error || !reply.result) throw new Error(`MCP error: ${reply.error?.message ?? 'no result'}`);
  return reply;
}

interface ToolSpec {
  name: string;
  description: string | null;
  parameters: unknown;
}

/** Connects to an MCP server and returns its tools as `{name, description, parameters}` specs. */
export async function listMcpToolSpecs(url: string, headers: Record<string, string>): Promise<ToolSpec[]> {
  const base = { ...headers, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
  const call = async (body: Record<string, unknown>, session?: string) =>
    remoteRequest(url, 'POST', session ? { ...base, 'Mcp-Session-Id': session } : base, JSON.stringify({ jsonrpc: '2.0', ...body }));

  const init = await call({ id: 1, method: 'initialize', params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'open-webui', version: '0.6.43' } } });
  if (init.status !== 200) throw new Error(`MCP initialize answered ${init.status}`);
  replyWithId(init.contentType, init.text, 1);
  const session = init.sessionId ?? undefined;
  try {
    await call({ method: 'notifications/initialized' }, session);
    const list = await call({ id: 2, method: 'tools/list', params: {} }, session);
    if (list.status !== 200) throw new Error(`MCP tools/list answered ${list.status}`);
    const tools = replyWithId(list.contentType, list.text, 2).result?.['tools'];
    if (!Array.isArray(tools)) throw new Error('MCP tools/list without tools');
    return tools.map((tool: Record<string, unknown>) => ({
      name: String(tool['name']),
      description: typeof tool['description'] === 'string' ? tool['description'] : null,
      parameters: tool['inputSchema'] ?? null,
    }));
  } finally {
    if (session) await remoteRequest(url, 'DELETE', { ...headers, 'Mcp-Session-Id': session }).catch(() => undefined);
  }
}
