// The replies being generated (/api/tasks…): listed, listed for a chat, stopped. A user sees and
// stops only their own (Open WebUI listed and stopped everyone's); an admin all of them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import type { TaskInfo } from '../../chat/tasks.ts';
import { ChatsStore } from '../../stores/chats.ts';
import type { UserModel } from '../../stores/users.ts';

const TaskParams = z.object({ task_id: z.string() });
const ChatParams = z.object({ chat_id: z.string() });

const visibleTo = (user: UserModel) => (task: TaskInfo) => user.role === 'admin' || task.userId === user.id;

export async function taskRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app;
  const chats = new ChatsStore(services.database, services.chatIndex);

  app.get('/api/tasks', { preValidation: verifiedUser }, async (request) => {
    const tasks = (await services.tasks.list()).filter(visibleTo(userOf(request)));
    return { tasks: tasks.map((task) => task.id) };
  });

  app.get('/api/tasks/chat/:chat_id', { preValidation: verifiedUser, schema: { params: ChatParams } }, async (request) => {
    const user = userOf(request);
    const { chat_id: chatId } = request.params;
    if (!(await chats.getMetaOwned(chatId, user.id))) return { task_ids: [] };
    const tasks = await services.tasks.list();
    return { task_ids: tasks.filter((task) => task.chatId === chatId).map((task) => task.id) };
  });

  app.post('/api/tasks/stop/:task_id', { preValidation: verifiedUser, schema: { params: TaskParams } }, async (request) => {
    const { task_id: taskId } = request.params;
    const task = (await services.tasks.list()).find((t) => t.id === taskId);
    if (!task || !visibleTo(userOf(request))(task)) return { status: false, message: `Task with ID ${taskId} not found.` };
    const outcome = await services.tasks.stop(taskId);
    return { status: true, message: outcome === 'stopped' ? `Task ${taskId} successfully stopped.` : `Stop signal sent for ${taskId}` };
  });
}
