// Fernet (github.com/fernet/spec) as Python's `cryptography` implements it, with Open WebUI's rule
// for turning a secret into a key. Open WebUI encrypts OAuth session tokens (and MCP client info) so.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class InvalidFernetToken extends Error {}

const VERSION = 0x80;
const HEADER = 1 + 8 + 16; // version, timestamp, IV
const MAC = 32;

/**
 * Fernet (github.com/fernet/spec), as Python's `cryptography` implements it: URL-safe base64 of
 * 0x80 | big-endian seconds (8) | IV (16) | AES-128-CBC ciphertext (PKCS7) | HMAC-SHA256 (32) over
 * everything before it. The key's first half signs, its second half encrypts.
 */
export class Fernet {
  private readonly signingKey: Buffer;
  private readonly encryptionKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('a Fernet key is 32 bytes');
    this.signingKey = key.subarray(0, 16);
    this.encryptionKey = key.subarray(16);
  }

  /**
   * Open WebUI's key rule: a secret of exactly 44 characters is the (base64) Fernet key itself,
   * any other secret is hashed with SHA-256 into one.
   */
  static fromSecret(secret: string): Fernet {
    if ([...secret].length !== 44) return new Fernet(createHash('sha256').update(secret, 'utf8').digest());
    // 32 bytes in base64 are 43 characters and one `=`; Python's urlsafe_b64decode also reads the
    // standard alphabet, and so does Node's decoder.
    if (!/^[A-Za-z0-9_+/-]{43}=$/.test(secret)) {
      throw new Error('a 44-character OAUTH_SESSION_TOKEN_ENCRYPTION_KEY (by default WEBUI_SECRET_KEY) must be a Fernet key: 32 bytes in URL-safe base64');
    }
    return new Fernet(Buffer.from(secret, 'base64'));
  }

  encrypt(plaintext: Buffer, atSeconds = Math.floor(Date.now() / 1000)): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-128-cbc', this.encryptionKey, iv);
    const header = Buffer.alloc(9);
    header[0] = VERSION;
    header.writeBigUInt64BE(BigInt(atSeconds), 1);
    const body = Buffer.concat([header, iv, cipher.update(plaintext), cipher.final()]);
    // URL-safe alphabet with `=` padding, as Python's urlsafe_b64encode writes it.
    return Buffer.concat([body, this.mac(body)]).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  /** The plaintext; throws InvalidFernetToken for anything forged, truncated or made with another key. No TTL, as Open WebUI decrypts. */
  decrypt(token: string): Buffer {
    if (!/^[A-Za-z0-9_-]+={0,2}$/.test(token)) throw new InvalidFernetToken('not URL-safe base64');
    const data = Buffer.from(token, 'base64url');
    if (data.length < HEADER + 16 + MAC || data[0] !== VERSION || (data.length - HEADER - MAC) % 16 !== 0) {
      throw new InvalidFernetToken('malformed token');
    }
    const body = data.subarray(0, data.length - MAC);
    if (!timingSafeEqual(this.mac(body), data.subarray(data.length - MAC))) throw new InvalidFernetToken('signature mismatch');
    try {
      const decipher = createDecipheriv('aes-128-cbc', this.encryptionKey, data.subarray(9, HEADER));
      return Buffer.concat([decipher.update(data.subarray(HEADER, data.length - MAC)), decipher.final()]);
    } catch {
      throw new InvalidFernetToken('bad padding');
    }
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.signingKey).update(body).digest();
  }
}
