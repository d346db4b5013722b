// The signing secret: WEBUI_SECRET_KEY, else the key file Open WebUI's start script uses
// (created with 12 random bytes, base64, the first time).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

export function resolveSecretKey(fromEnv: string | undefined, keyFile: string): string {
  if (fromEnv) return fromEnv;
  if (existsSync(keyFile)) {
    const key = readFileSync(keyFile, 'utf8').trim();
    if (key) return key;
  }
  const key = randomBytes(12).toString('base64');
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  return key;
}
