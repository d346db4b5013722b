// PersistentConfig entries under `tool_server.*`: OpenAPI / MCP tool server connections.
import { isArray, json } from '../entry.ts';

export const TOOL_SERVER_CONFIG = {
  // A JSON array of connection objects; each read returns a fresh array.
  TOOL_SERVER_CONNECTIONS: json('TOOL_SERVER_CONNECTIONS', 'tool_server.connections', (): unknown[] => [], isArray),
} as const;
