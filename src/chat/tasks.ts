// Replies being generated (Open WebUI's task registry): each runs on the instance that started it,
// with an AbortController that stops its upstream request. With Redis the list is shared (a hash of
// task id → {chat, user, expiry}, refreshed while the task runs, so a crashed instance's tasks lapse)
// and a stop is published to every instance, so a stop sent to B stops a reply generated on A.
import { randomUUID } from 'node:crypto';
import type { RedisBus } from '../infra/redis.ts';

export interface TaskInfo {
  id: string;
  chatId: string;
  userId: string;
}

const STOP_CHANNEL = 'task-stop';
/** A shared entry lives this long unless its instance refreshes it. */
const ENTRY_TTL_MS = 120_000;
const REFRESH_EVERY_MS = 30_000;

export class TaskRegistry {
  private readonly running = new Map<string, { info: TaskInfo; controller: AbortController }>();
  private refresher: NodeJS.Timeout | undefined;

  constructor(private readonly bus: RedisBus | undefined) {}

  /** How many tasks run on this instance. */
  get runningHere(): number {
    return this.running.size;
  }

  /** Listens for stops sent by other instances (with Redis). */
  async listen(): Promise<void> {
    if (!this.bus) return;
    await this.bus.subscribe(STOP_CHANNEL, (id) => this.running.get(id)?.controller.abort());
    this.refresher = setInterval(() => void this.share([...this.running.values()].map((t) => t.info)).catch(() => undefined), REFRESH_EVERY_MS);
    this.refresher.unref();
  }

  /** Runs `work` as a task of `chatId`; its signal fires when the task is stopped. */
  async start(chatId: string, userId: string, work: (signal: AbortSignal) => Promise<void>): Promise<TaskInfo> {
    const info: TaskInfo = { id: randomUUID(), chatId, userId };
    const controller = new AbortController();
    this.running.set(info.id, { info, controller });
    await this.share([info]);
    // `work` reports its own failures (to the user's tabs); nothing may escape as an unhandled rejection.
    void work(controller.signal)
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(info.id);
        if (this.bus) void this.bus.client.hdel(this.key(), info.id).catch(() => undefined);
      });
    return info;
  }

  async list(): Promise<TaskInfo[]> {
    if (!this.bus) return [...this.running.values()].map((t) => t.info);
    const now = Date.now();
    const entries = Object.entries(await this.bus.client.hgetall(this.key()));
    const live: TaskInfo[] = [];
    for (const [id, raw] of entries) {
      const entry = JSON.parse(raw) as { chatId: string; userId: string; expiresAt: number };
      if (entry.expiresAt > now) live.push({ id, chatId: entry.chatId, userId: entry.userId });
      else void this.bus.client.hdel(this.key(), id).catch(() => undefined);
    }
    return live;
  }

  /** Stops a task: at once when it runs here, else by a message to the instance running it. */
  async stop(id: string): Promise<'stopped' | 'signalled'> {
    const local = this.running.get(id);
    if (local) {
      local.controller.abort();
      return 'stopped';
    }
    await this.bus?.publish(STOP_CHANNEL, id);
    return 'signalled';
  }

  close(): void {
    clearInterval(this.refresher);
    for (const task of this.running.values()) task.controller.abort();
  }

  private key(): string {
    return (this.bus as RedisBus).key('tasks');
  }

  private async share(tasks: TaskInfo[]): Promise<void> {
    if (!this.bus || tasks.length === 0) return;
    const expiresAt = Date.now() + ENTRY_TTL_MS;
    await this.bus.client.hset(this.key(), Object.fromEntries(tasks.map((t) => [t.id, JSON.stringify({ chatId: t.chatId, userId: t.userId, expiresAt })])));
  }
}
