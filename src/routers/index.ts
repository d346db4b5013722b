// Every router, mounted at /api/v1/<name> and again at /api/<name> (the form seeds 001/004 use).
import type { FastifyInstance } from 'fastify';
import { authsRouter } from './auths/index.ts';
import { usersRouter } from './users/index.ts';
import { groupsRouter } from './groups/index.ts';
import { promptsRouter } from './prompts/index.ts';
import { toolsRouter } from './tools/index.ts';
import { functionsRouter } from './functions/index.ts';
import { tasksRouter } from './tasks/index.ts';
import { filesRouter } from './files/index.ts';
import { retrievalRouter } from './retrieval/index.ts';
import { memoriesRouter } from './memories/index.ts';
import { knowledgeRouter } from './knowledge/index.ts';
import { configsRouter } from './configs/index.ts';
import { modelsRouter } from './models/index.ts';
import { foldersRouter } from './folders/index.ts';
import { chatsRouter } from './chats/index.ts';
import { mainRouter } from './main/index.ts';
import { ollamaRouter } from './ollama/index.ts';
import { openaiRouter } from './openai/index.ts';
import { compatRouter } from './compat/index.ts';

const ROUTERS = [
  ['auths', authsRouter],
  ['users', usersRouter],
  ['groups', groupsRouter],
  ['prompts', promptsRouter],
  ['configs', configsRouter],
  ['models', modelsRouter],
  ['folders', foldersRouter],
  ['chats', chatsRouter],
  ['tools', toolsRouter],
  ['functions', functionsRouter],
  ['tasks', tasksRouter],
  ['files', filesRouter],
  ['retrieval', retrievalRouter],
  ['memories', memoriesRouter],
  ['knowledge', knowledgeRouter],
] as const;

export async function registerRouters(app: FastifyInstance): Promise<void> {
  // App-level routes first: where an /api/<name> alias would collide with one, the app-level route wins.
  await app.register(mainRouter);
  await app.register(ollamaRouter, { prefix: '/ollama' });
  await app.register(openaiRouter, { prefix: '/openai' });
  await app.register(compatRouter, { prefix: '/v1' });
  for (const prefix of ['/api/v1', '/api']) {
    for (const [name, router] of ROUTERS) await app.register(router, { prefix: `${prefix}/${name}` });
  }
}
