// Tool-server connections: stored list, connection checks against a scripted upstream, OAuth registration.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { TOOL_SERVER, read } from './support.ts';

const SPEC = { openapi: '3.1.0', info: { title: 'Weather', version: '1' }, paths: {} };
const OAUTH_METADATA = {
  issuer: 'https://auth.example.com',
  authorization_endpoint: 'https://auth.example.com/authorize',
  token_endpoint: 'https://auth.example.com/token',
  registration_endpoint: 'https://auth.example.com/register',
  scopes_supported: ['tools'],
};

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
}

/** A scripted upstream: OpenAPI specs, a redirect, OAuth discovery and a small MCP server. */
function upstream(seen: Seen[]): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers });
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      switch (req.url) {
        case '/openapi.json':
          return json(200, SPEC);
        case '/redirect.json':
          res.writeHead(302, { Location: '/openapi.json' });
          return res.end();
        case '/missing.json':
          return json(404, { detail: 'Not Found' });
        case '/not-json':
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          return res.end('<html>');
        case '/.well-known/oauth-authorization-server/mcp':
          return json(200, OAUTH_METADATA);
        case '/.well-known/openid-configuration':
          return json(200, { issuer: 'not a url' });
        case '/mcp': {
          if (req.method === 'DELETE') return res.writeHead(200).end();
          const message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (message.method === 'initialize') {
            return json(200, { jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'm', version: '1' } } }, { 'Mcp-Session-Id': 's-1' });
          }
          if (message.method === 'notifications/initialized') return res.writeHead(202).end();
          // tools/list answered as an SSE stream, as Streamable HTTP servers may.
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          const tools = [{ name: 'forecast', description: 'Weather forecast', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }];
          return res.end(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { tools } })}\n\n`);
        }
        default:
          return json(404, { detail: 'Not Found' });
      }
    });
  });
}

describe('configs: tool servers', () => {
  let server: TestServer;
  let admin: Account;
  let mock: Server;
  let base: string;
  const seen: Seen[] = [];

  before(async () => {
    server = await startServer();
    ({ admin } = await adminAndUser(server));
    mock = upstream(seen);
    await new Promise<void>((resolve) => mock.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(mock.address() as AddressInfo).port}`;
  });
  after(async () => {
    await server.close();
    await new Promise((resolve) => mock.close(resolve));
  });

  const verify = (body: Record<string, unknown>) => server.request('POST', '/api/v1/configs/tool_servers/verify', { token: admin.token, body });

  it('stores the connection list, keeping extra keys and filling defaults', async () => {
    assert.deepEqual(await read(server, admin.token, '/tool_servers'), { TOOL_SERVER_CONNECTIONS: [] });
    const minimal = { url: 'http://x', path: '/spec', auth_type: null, key: null, config: null };
    const res = await server.request('POST', '/api/v1/configs/tool_servers', { token: admin.token, body: { TOOL_SERVER_CONNECTIONS: [TOOL_SERVER, minimal] } });
    assert.equal(res.status, 200, res.text);
    const expected = { TOOL_SERVER_CONNECTIONS: [TOOL_SERVER, { ...minimal, type: 'openapi', headers: null }] };
    assert.deepEqual(res.body, expected);
    assert.deepEqual(await read(server, admin.token, '/tool_servers'), expected);
  });

  it('rejects a connection without its required keys with 422 and keeps the list', async () => {
    const before = await read(server, admin.token, '/tool_servers');
    const { key: _key, ...noKey } = TOOL_SERVER;
    for (const connections of [[noKey], [{ ...TOOL_SERVER, url: 5 }], [{ ...TOOL_SERVER, headers: [1] }], {}]) {
      const res = await server.request('POST', '/api/v1/configs/tool_servers', { token: admin.token, body: { TOOL_SERVER_CONNECTIONS: connections } });
      assert.equal(res.status, 422, JSON.stringify(connections));
    }
    const missing = await server.request('POST', '/api/v1/configs/tool_servers', { token: admin.token, body: { TOOL_SERVER_CONNECTIONS: [noKey] } });
    assert.deepEqual(missing.body.detail[0].loc, ['body', 'TOOL_SERVER_CONNECTIONS', 0, 'key']);
    assert.deepEqual(await read(server, admin.token, '/tool_servers'), before);
  });

  it('verify (openapi): returns the spec, sending the bearer key and the connection headers', async () => {
    const res = await verify({ ...TOOL_SERVER, url: base, path: 'openapi.json' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, SPEC);
    const request = seen.at(-1);
    assert.equal(request?.path, '/openapi.json');
    assert.equal(request?.headers['authorization'], 'Bearer sk-tool');
    assert.equal(request?.headers['x-team'], 'blue');

    const full = await verify({ ...TOOL_SERVER, url: 'http://ignored.invalid', path: `${base}/openapi.json`, auth_type: 'none' });
    assert.deepEqual(full.body, SPEC, 'a full URL in path wins');
  });

  it('verify (openapi): a redirect, an error status, a non-JSON body or a bad scheme is 400 "Failed to connect to the tool server"', async () => {
    const before = seen.length;
    for (const path of ['/redirect.json', '/missing.json', '/not-json']) {
      const res = await verify({ ...TOOL_SERVER, url: base, path });
      assert.equal(res.status, 400, path);
      assert.equal(res.body.detail, 'Failed to connect to the tool server');
    }
    assert.equal(seen.slice(before).filter((s) => s.path === '/openapi.json').length, 0, 'the redirect was not followed');
    for (const url of ['file:///etc', 'http://127.0.0.1:1']) {
      const res = await verify({ ...TOOL_SERVER, url, path: '/passwd' });
      assert.equal(res.status, 400, url);
      assert.equal(res.body.detail, 'Failed to connect to the tool server');
    }
  });

  it('verify (mcp): lists the tools of an MCP server', async () => {
    const res = await verify({ ...TOOL_SERVER, type: 'mcp', url: `${base}/mcp`, path: '' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, {
      status: true,
      specs: [{ name: 'forecast', description: 'Weather forecast', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
    });
    assert.ok(seen.some((s) => s.path === '/mcp' && s.headers['mcp-session-id'] === 's-1'), 'the session id is sent back');
    const dead = await verify({ ...TOOL_SERVER, type: 'mcp', url: `${base}/no-mcp`, path: '' });
    assert.equal(dead.status, 400);
    assert.equal(dead.body.detail, 'Failed to create MCP client');
  });

  it('verify (mcp, oauth_2.1): finds the authorization server metadata', async () => {
    const res = await verify({ ...TOOL_SERVER, type: 'mcp', auth_type: 'oauth_2.1', url: `${base}/mcp`, path: '' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.status, true);
    assert.equal(res.body.oauth_server_metadata.issuer, OAUTH_METADATA.issuer);
    assert.deepEqual(res.body.oauth_server_metadata.scopes_supported, ['tools']);
    assert.deepEqual(res.body.oauth_server_metadata.response_types_supported, ['code']);

    const invalid = await verify({ ...TOOL_SERVER, type: 'mcp', auth_type: 'oauth_2.1', url: `${base}/other`, path: '' });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.detail, `Failed to parse OAuth 2.1 discovery document from ${base}/.well-known/openid-configuration`);
  });

  it('verify (mcp, oauth_2.1): no discovery document anywhere is 400 naming the URLs tried', async () => {
    const empty = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(empty.address() as AddressInfo).port}`;
    try {
      const res = await verify({ ...TOOL_SERVER, type: 'mcp', auth_type: 'oauth_2.1', url: `${origin}/mcp/`, path: '' });
      assert.equal(res.status, 400);
      const tried = [
        `${origin}/.well-known/oauth-authorization-server/mcp`,
        `${origin}/.well-known/openid-configuration/mcp`,
        `${origin}/mcp/.well-known/openid-configuration`,
        `${origin}/.well-known/oauth-authorization-server`,
        `${origin}/.well-known/openid-configuration`,
      ];
      assert.equal(res.body.detail, `Failed to fetch OAuth 2.1 discovery document from [${tried.map((u) => `'${u}'`).join(', ')}]`);
    } finally {
      await new Promise((resolve) => empty.close(resolve));
    }
  });

  it('verify: 422 on a malformed connection', async () => {
    const res = await verify({ url: base });
    assert.equal(res.status, 422);
  });

  it('OAuth client registration is answered as failed; 422 without client_id', async () => {
    const res = await server.request('POST', '/api/v1/configs/oauth/clients/register?type=mcp', { token: admin.token, body: { url: `${base}/mcp`, client_id: 'weather' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.detail, 'Failed to register OAuth client');
    const bad = await server.request('POST', '/api/v1/configs/oauth/clients/register', { token: admin.token, body: { url: base } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.detail[0].loc, ['body', 'client_id']);
  });
});
