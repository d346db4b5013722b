// /api/v1/chats (and /api/chats): Open WebUI's chats router.
import type { FastifyInstance } from 'fastify';
import { chatsContext } from './context.ts';
import { crudRoutes } from './crud.ts';
import { stateRoutes } from './state.ts';
import { tagRoutes } from './tags.ts';
import { searchRoutes } from './search.ts';
import { sharingRoutes } from './sharing.ts';
import { folderRoutes } from './folders.ts';
import { adminRoutes } from './admin.ts';
import { messageRoutes } from './messages.ts';
import { statsRoutes } from './stats.ts';

export async function chatsRouter(app: FastifyInstance): Promise<void> {
  const context = chatsContext(app);
  crudRoutes(app, context);
  stateRoutes(app, context);
  tagRoutes(app, context);
  searchRoutes(app, context);
  sharingRoutes(app, context);
  folderRoutes(app, context);
  adminRoutes(app, context);
  messageRoutes(app, context);
  statsRoutes(app, context);
}
