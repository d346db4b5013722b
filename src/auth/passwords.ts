// bcrypt as Open WebUI uses it: `$2b$`, cost 12, any variant verifies; 72-byte limit.
import { hash, verify } from '@node-rs/bcrypt';

const COST = 12;
const MAX_BYTES = 72;

export function passwordTooLong(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > MAX_BYTES;
}

/** Sign-in truncates to 72 bytes (dropping a partial trailing character), as upstream does. */
export function truncateForBcrypt(password: string): string {
  const bytes = Buffer.from(password, 'utf8');
  if (bytes.length <= MAX_BYTES) return password;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, MAX_BYTES)).replace(/\uFFFD+$/, '');
}

export async function hashPassword(password: string): Promise<string> {
  // The library labels its output $2y$; $2y$ and $2b$ are the same algorithm (both fixed
  // crypt_blowfish's bugs), and Open WebUI writes $2b$, so that is the label we store.
  return (await hash(password, COST)).replace(/^\$2y\$/, '$2b$');
}

/** False (never a throw) for non-bcrypt stored values, e.g. LDAP accounts' raw uuid. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored || !/^\$2[aby]\$\d\d\$/.test(stored)) return false;
  try {
    return await verify(password, stored);
  } catch {
    return false;
  }
}
