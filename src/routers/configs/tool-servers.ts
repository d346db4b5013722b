// Tool-server connections (OpenAPI and MCP): stored list, connection check, MCP OAuth client registration.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, principalOf } from '../../auth/guards.ts';
import { HTTPException } from '../../lib/errors.ts';
import { listMcpToolSpecs } from './mcp-client.ts';
import { discoveryUrls, OAuthMetadata, pythonList } from './oauth-discovery.ts';
import { parseJson, remoteGet } from './remote.ts';
import { OAuthClientRegistrationForm, OAuthClientRegistrationQuery, ToolServerConnection, ToolServersConfigForm } from './schemas.ts';

const CONNECT_FAILED = 'Failed to connect to the tool server';
const FORM_BODY_LIMIT = 10 * 1024 * 1024;

/** The spec URL: `path` when it is a full URL, else appended to `url`. */
function toolServerUrl(url: string, path: string): string {
  if (path.includes('://')) return path;
  return `${url}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * Request headers for a connection: a bearer token (its key, or the caller's own session token for
 * `session`), then the connection's own headers. `system_oauth` would forward the caller's OAuth
 * provider token, which this server does not keep yet, so it sends none.
 */
function connectionHeaders(request: FastifyRequest, connection: ToolServerConnection): Record<string, string> {
  const headers: Record<string, string> = {};
  const token = connection.auth_type === 'bearer' ? connection.key : connection.auth_type === 'session' ? principalOf(request).token : null;
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (connection.headers && typeof connection.headers === 'object') {
    for (const [name, value] of Object.entries(connection.headers)) headers[name] = String(value);
  }
  return headers;
}

async function fetchOpenApiSpec(url: string, headers: Record<string, string>): Promise<unknown> {
  const reply = await remoteGet(url, { Accept: 'application/json', 'Content-Type': 'application/json', ...headers });
  if (reply.status !== 200) throw new Error(`tool server answered ${reply.status}`);
  // Open WebUI also reads YAML specs; this server reads JSON ones only.
  const spec = parseJson(reply.text);
  if (spec === undefined) throw new Error('tool server spec is not JSON');
  return spec;
}

async function discoverOAuthServer(serverUrl: string): Promise<unknown> {
  const urls = discoveryUrls(serverUrl);
  for (const url of urls) {
    const reply = await remoteGet(url);
    if (reply.status !== 200) continue;
    const metadata = OAuthMetadata.safeParse(parseJson(reply.text));
    if (!metadata.success) throw new HTTPException(400, `Failed to parse OAuth 2.1 discovery document from ${url}`);
    return { status: true, oauth_server_metadata: metadata.data };
  }
  throw new HTTPException(400, `Failed to fetch OAuth 2.1 discovery document from ${pythonList(urls)}`);
}

async function verifyConnection(request: FastifyRequest, connection: ToolServerConnection): Promise<unknown> {
  if (connection.type === 'mcp') {
    if (connection.auth_type === 'oauth_2.1') return discoverOAuthServer(connection.url);
    try {
      return { status: true, specs: await listMcpToolSpecs(connection.url, connectionHeaders(request, connection)) };
    } catch (err) {
      request.log.debug({ err }, 'Failed to create MCP client');
      throw new HTTPException(400, 'Failed to create MCP client');
    }
  }
  return fetchOpenApiSpec(toolServerUrl(connection.url, connection.path), connectionHeaders(request, connection));
}

export async function toolServerRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.services;

  app.get('/tool_servers', { preValidation: adminUser }, async () => ({ TOOL_SERVER_CONNECTIONS: config.get('TOOL_SERVER_CONNECTIONS') }));

  app.post('/tool_servers', { preValidation: adminUser, bodyLimit: FORM_BODY_LIMIT, schema: { body: ToolServersConfigForm } }, async (request) => {
    await config.set({ TOOL_SERVER_CONNECTIONS: request.body.TOOL_SERVER_CONNECTIONS });
    return { TOOL_SERVER_CONNECTIONS: config.get('TOOL_SERVER_CONNECTIONS') };
  });

  app.post('/tool_servers/verify', { preValidation: adminUser, schema: { body: ToolServerConnection } }, async (request) => {
    try {
      return await verifyConnection(request, request.body);
    } catch (err) {
      if (err instanceof HTTPException) throw err;
      request.log.debug({ err }, CONNECT_FAILED);
      throw new HTTPException(400, CONNECT_FAILED);
    }
  });

  // Dynamic client registration needs the encrypted OAuth client store that MCP OAuth uses, which this
  // server does not have yet: every registration is answered as a failed one.
  app.post(
    '/oauth/clients/register',
    { preValidation: adminUser, schema: { body: OAuthClientRegistrationForm, querystring: OAuthClientRegistrationQuery } },
    async () => {
      throw new HTTPException(400, 'Failed to register OAuth client');
    },
  );
}
