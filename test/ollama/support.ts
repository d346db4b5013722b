// Shared steps of the Ollama proxy tests: a server pointed at one or two mock Ollama nodes.
import assert from 'node:assert/strict';
import { startMockUpstream, type MockUpstream, type MockUpstreamOptions } from '../helpers/mock-upstream.ts';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';

export const ACCESS_PROHIBITED = 'You do not have permission to access this resource. Please contact your administrator for assistance.';
export const CONNECTION_ERROR = 'Open WebUI: Server Connection Error';

export interface Setup {
  server: TestServer;
  nodes: MockUpstream[];
  admin: Account;
  user: Account;
  close(): Promise<void>;
}

/** A server on `count` mock nodes (OpenAI off), an admin and a user. */
export async function setup(count = 1, env: Record<string, string> = {}, mockOptions: MockUpstreamOptions[] = []): Promise<Setup> {
  const nodes: MockUpstream[] = [];
  for (let i = 0; i < count; i++) nodes.push(await startMockUpstream(mockOptions[i] ?? {}));
  const server = await startServer({ ENABLE_OPENAI_API: 'false', OLLAMA_BASE_URLS: nodes.map((n) => n.url).join(';'), ...env });
  const { admin, user } = await adminAndUser(server);
  return {
    server,
    nodes,
    admin,
    user,
    async close() {
      await server.close();
      for (const node of nodes) await node.close();
    },
  };
}

/** A public workspace model record (admin-owned), so plain users may use `id`. */
export async function publicRecord(server: TestServer, admin: Account, id: string, extra: Record<string, unknown> = {}): Promise<void> {
  const body = { id, base_model_id: null, name: `Model ${id}`, meta: {}, params: {}, access_control: null, ...extra };
  const res = await server.request('POST', '/api/v1/models/create', { token: admin.token, body });
  assert.equal(res.status, 200, res.text);
}

/** The NDJSON lines of a body. */
export const ndjson = (text: string): Array<Record<string, any>> =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, any>);

/** The requests a node got on a path. */
export const hits = (node: MockUpstream, method: string, path: string) => node.requests.filter((r) => r.method === method && r.path === path);
