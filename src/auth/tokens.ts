// HS256 JWTs exactly as Open WebUI (PyJWT) makes them: claims {id, exp?, jti}, key = the secret's bytes.
import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { epochSeconds } from '../lib/time.ts';

export interface TokenPayload {
  id: string;
  jti?: string;
  exp?: number;
}

export interface IssuedToken {
  token: string;
  /** Epoch seconds, or null for a token that never expires. */
  expiresAt: number | null;
}

export class TokenSigner {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** `lifetimeSeconds` null = no `exp` claim. */
  async issue(userId: string, lifetimeSeconds: number | null): Promise<IssuedToken> {
    const expiresAt = lifetimeSeconds === null ? null : epochSeconds() + Math.trunc(lifetimeSeconds);
    const claims: Record<string, unknown> = { id: userId, jti: randomUUID() };
    if (expiresAt !== null) claims['exp'] = expiresAt;
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(this.key);
    return { token, expiresAt };
  }

  /** The payload of a valid, unexpired token; null for anything else (as Open WebUI's decode_token). */
  async verify(token: string): Promise<(TokenPayload & Record<string, unknown>) | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      return payload as TokenPayload & Record<string, unknown>;
    } catch {
      return null;
    }
  }
}
