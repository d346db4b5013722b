// The least a Node relay can do, for the relay benchmark's ceiling: each request's body is sent to
// the upstream with the same undici pool settings as ours and the answer piped back; no auth, no
// model lookup, no checks. Its ratio shows what this machine allows, apart from our server's work.
import { createServer, type Server } from 'node:http';
import { Agent, request } from 'undici';
import { LISTEN_BACKLOG } from '../../src/app.ts';

export async function startBareRelay(upstream: string): Promise<{ url: string; close: () => Promise<void> }> {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: null, pipelining: 1 });
  const server: Server = createServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    try {
      const answer = await request(upstream + req.url, { method: 'POST', body: Buffer.concat(parts), headers: { 'content-type': 'application/json' }, dispatcher: agent });
      res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'application/octet-stream') });
      answer.body.pipe(res);
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', LISTEN_BACKLOG, resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await agent.close();
    },
  };
}
