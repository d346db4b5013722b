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

type Claims = TokenPayload & Record<string, unknown>;

/** Tokens whose signature was checked; a browser sends the same one on every request. */
const VERIFIED_CACHE_SIZE = 4096;

export class TokenSigner {
  private readonly key: Buffer;
  /** Token → its claims, for tokens with a good signature (the time claims are checked on each use). */
  private readonly verified = new Map<string, Readonly<Claims>>();

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
  async verify(token: string): Promise<Readonly<Claims> | null> {
    const claims = this.verified.get(token) ?? this.checkSignature(token);
    if (!claims) return null;
    const now = epochSeconds();
    if ('exp' in claims && (typeof claims['exp'] !== 'number' || claims['exp'] <= now)) return null;
    if ('nbf' in claims && (typeof claims['nbf'] !== 'number' || claims['nbf'] > now)) return null;
    return claims;
  }

  /** The claims of a well-formed HS256 token signed with our key (then remembered), else null. */
  private checkSignature(token: string): Readonly<Claims> | null {
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
    const frozen = Object.freeze(claims) as Readonly<Claims>;
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, frozen);
    return frozen;
  }
}
