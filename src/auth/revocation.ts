// Sign-out revokes the token's jti. With Redis every instance sees it (Open WebUI's key layout);
// without Redis the process remembers it until the token would have expired anyway.
import type { RedisBus } from '../infra/redis.ts';

export interface TokenRevocation {
  /** `expiresAt` epoch seconds; null = the token never expires, so it stays revoked. */
  revoke(jti: string, expiresAt: number | null): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
}

export class MemoryRevocation implements TokenRevocation {
  private readonly revoked = new Map<string, number>();

  async revoke(jti: string, expiresAt: number | null): Promise<void> {
    this.revoked.set(jti, expiresAt ?? Number.POSITIVE_INFINITY);
    this.sweep();
  }

  async isRevoked(jti: string): Promise<boolean> {
    const until = this.revoked.get(jti);
    return until !== undefined && until > Date.now() / 1000;
  }

  private sweep(): void {
    const now = Date.now() / 1000;
    for (const [jti, until] of this.revoked) if (until <= now) this.revoked.delete(jti);
  }
}

export class RedisRevocation implements TokenRevocation {
  constructor(private readonly redis: RedisBus) {}

  private key(jti: string): string {
    return this.redis.key('auth', 'token', jti, 'revoked');
  }

  async revoke(jti: string, expiresAt: number | null): Promise<void> {
    if (expiresAt === null) {
      // Open WebUI cannot revoke tokens without expiry; we keep the mark without a TTL.
      await this.redis.client.set(this.key(jti), '1');
      return;
    }
    const ttl = Math.ceil(expiresAt - Date.now() / 1000);
    if (ttl > 0) await this.redis.client.set(this.key(jti), '1', 'EX', ttl);
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.redis.client.exists(this.key(jti))) === 1;
  }
}
