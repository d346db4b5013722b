// HS256 JWTs exactly as Open WebUI (PyJWT) makes and checks them: header {"alg":"HS256","typ":"JWT"},
// claims {id, exp?, jti}, key = the secret's UTF-8 bytes. Done with node:crypto directly: a session
// check runs on every request, and a WebCrypto key import per verification cost more than the rest.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { epochSeconds } from '../lib/time.ts';
import { isObject } from '../lib/json.ts';

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

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function parseJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export class TokenSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  private sign(input: string): Buffer {
    return createHmac('sha256', this.key).update(input).digest();
  }

  /** `lifetimeSeconds` null = no `exp` claim. */
  async issue(userId: string, lifetimeSeconds: number | null): Promise<IssuedToken> {
    const expiresAt = lifetimeSeconds === null ? null : epochSeconds() + Math.trunc(lifetimeSeconds);
    const claims: Record<string, unknown> = { id: userId, jti: randomUUID() };
    if (expiresAt !== null) claims['exp'] = expiresAt;
    const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { token: `${input}.${this.sign(input).toString('base64url')}`, expiresAt };
  }

  /**
   * The payload of a valid token; null for anything else (as Open WebUI's decode_token): only HS256,
   * signature checked in constant time, `exp` and `nbf` as PyJWT checks them (no leeway).
   */
  async verify(token: string): Promise<(TokenPayload & Record<string, unknown>) | null> {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [header = '', payload = '', signature = ''] = parts;
    const head = parseJson(header);
    if (!isObject(head) || head['alg'] !== 'HS256') return null;
    const expected = this.sign(`${header}.${payload}`);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = parseJson(payload);
    if (!isObject(claims)) return null;
    const now = epochSeconds();
    if ('exp' in claims && (typeof claims['exp'] !== 'number' || claims['exp'] <= now)) return null;
    if ('nbf' in claims && (typeof claims['nbf'] !== 'number' || claims['nbf'] > now)) return null;
    return claims as TokenPayload & Record<string, unknown>;
  }
}
