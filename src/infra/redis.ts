// One ioredis client per process for commands, and a second one lazily for subscriptions
// (a subscribed connection cannot run commands). ioredis is loaded only when REDIS_URL is set.
import type { Redis } from 'ioredis';

export class RedisBus {
  readonly client: Redis;
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, ((message: string) => void)[]>();

  private constructor(
    client: Redis,
    readonly prefix: string,
  ) {
    this.client = client;
  }

  static async connect(url: string, prefix: string): Promise<RedisBus> {
    const { Redis: Client } = await import('ioredis');
    return new RedisBus(new Client(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }), prefix);
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.key(channel), message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    const full = this.key(channel);
    if (!this.subscriber) {
      this.subscriber = this.client.duplicate();
      this.subscriber.on('message', (ch: string, message: string) => {
        for (const h of this.handlers.get(ch) ?? []) h(message);
      });
    }
    const list = this.handlers.get(full) ?? [];
    list.push(handler);
    this.handlers.set(full, list);
    if (list.length === 1) await this.subscriber.subscribe(full);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.client.quit().catch(() => undefined), this.subscriber?.quit().catch(() => undefined)]);
  }
}
