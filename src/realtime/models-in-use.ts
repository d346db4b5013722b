// Which models are generating right now (GET /api/usage): a socket marks the model it is waiting on
// (`usage` event, every second while a completion runs), the server marks the replies it generates,
// and a mark lapses after 3 s, as in Open WebUI's usage pool. With Redis the marks are one hash
// shared by every instance.
import type { RedisBus } from '../infra/redis.ts';

const MARK_TTL_MS = 3000;

export interface ModelsInUse {
  mark(model: string, holder: string): Promise<void>;
  list(): Promise<string[]>;
}

/** Field name of a mark: the model and the socket that marked it. */
const field = (model: string, holder: string) => `${holder}\n${model}`;
const modelOf = (key: string) => key.slice(key.indexOf('\n') + 1);

export class LocalModelsInUse implements ModelsInUse {
  private readonly marks = new Map<string, number>();

  async mark(model: string, holder: string): Promise<void> {
    this.marks.set(field(model, holder), Date.now() + MARK_TTL_MS);
  }

  async list(): Promise<string[]> {
    const now = Date.now();
    const models = new Set<string>();
    for (const [key, expires] of this.marks) {
      if (expires <= now) this.marks.delete(key);
      else models.add(modelOf(key));
    }
    return [...models];
  }
}

export class RedisModelsInUse implements ModelsInUse {
  private readonly key: string;

  constructor(private readonly bus: RedisBus) {
    this.key = bus.key('models-in-use');
  }

  async mark(model: string, holder: string): Promise<void> {
    await this.bus.client.hset(this.key, field(model, holder), String(Date.now() + MARK_TTL_MS));
  }

  async list(): Promise<string[]> {
    const now = Date.now();
    const marks = await this.bus.client.hgetall(this.key);
    const lapsed = Object.keys(marks).filter((key) => Number(marks[key]) <= now);
    if (lapsed.length > 0) await this.bus.client.hdel(this.key, ...lapsed);
    return [...new Set(Object.keys(marks).filter((key) => Number(marks[key]) > now).map(modelOf))];
  }
}
