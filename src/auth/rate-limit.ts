// Open WebUI's rolling-window limiter: fixed buckets keyed {prefix}:ratelimit:{key}:{bucket};
// limited when the current and previous buckets together exceed the limit. Shared through Redis
// when configured (every instance counts together), else per process.
import type { RedisBus } from '../infra/redis.ts';

export interface RateLimiterOptions {
  limit: number;
  windowSeconds: number;
  bucketSeconds?: number;
}

export class RateLimiter {
  private readonly limit: number;
  private readonly window: number;
  private readonly bucket: number;
  private readonly memory = new Map<string, Map<number, number>>();
  private sweptAt = -1;

  constructor(
    private readonly redis: RedisBus | undefined,
    options: RateLimiterOptions,
  ) {
    this.limit = options.limit;
    this.window = options.windowSeconds;
    this.bucket = options.bucketSeconds ?? 60;
  }

  /** Counts this attempt and says whether the key is now over the limit. */
  async isLimited(key: string): Promise<boolean> {
    const now = Math.floor(Date.now() / 1000 / this.bucket);
    if (this.redis) {
      try {
        return (await this.countRedis(key, now)) > this.limit;
      } catch {
        // Redis unavailable: fall back to counting in this process, as upstream does.
      }
    }
    return this.countMemory(key, now) > this.limit;
  }

  private buckets(now: number): number[] {
    const span = Math.floor(this.window / this.bucket);
    return Array.from({ length: span + 1 }, (_, i) => now - i);
  }

  private async countRedis(key: string, now: number): Promise<number> {
    const redis = this.redis as RedisBus;
    const current = redis.key('ratelimit', key, String(now));
    const count = await redis.client.incr(current);
    if (count === 1) await redis.client.expire(current, this.window + this.bucket);
    const previous = this.buckets(now).slice(1).map((b) => redis.key('ratelimit', key, String(b)));
    const values = previous.length ? await redis.client.mget(previous) : [];
    return count + values.reduce((sum, v) => sum + (v ? Number(v) : 0), 0);
  }

  private countMemory(key: string, now: number): number {
    this.sweepMemory(now);
    const buckets = this.memory.get(key) ?? new Map<number, number>();
    this.memory.set(key, buckets);
    buckets.set(now, (buckets.get(now) ?? 0) + 1);
    let total = 0;
    for (const n of buckets.values()) total += n;
    return total;
  }

  /** Once per bucket, forget buckets that left the window, so unused keys do not pile up. */
  private sweepMemory(now: number): void {
    if (now === this.sweptAt) return;
    this.sweptAt = now;
    const live = new Set(this.buckets(now));
    for (const [key, buckets] of this.memory) {
      for (const b of buckets.keys()) if (!live.has(b)) buckets.delete(b);
      if (buckets.size === 0) this.memory.delete(key);
    }
  }
}
