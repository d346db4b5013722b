// /api/v1/tools/: the tools a user may read (the web UI lists them when a chat opens; an empty
// list hides its tools button). This server does not run Open WebUI's Python tools; the rest of
// the tools router is not served.
import type { FastifyInstance } from 'fastify';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ToolsStore } from '../../stores/tools.ts';

export async function toolsRouter(app: FastifyInstance): Promise<void> {
  const { services } = app;
  const tools = new ToolsStore(services.database);

  app.get('/', { preValidation: verifiedUser }, async (request) => services.access.filter(userOf(request), 'read', await tools.list()));
}
