// Helpers shared by the auths tests: hand-made JWTs (node:crypto only, independent of src/),
// Set-Cookie parsing, admin-config edits, Python interop probes, and servers sharing state.
import { createHmac, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import assert from 'node:assert/strict';
import { startServer, TEST_SECRET, type Account, type Reply, type TestServer } from '../helpers/server.ts';
import { sql } from 'kysely';
import { ERROR_MESSAGES } from '../../src/lib/errors.ts';
import { openDatabase } from '../../src/db/connection.ts';

export { ERROR_MESSAGES };
export const PG = /^postgres/.test(process.env['DATABASE_URL'] ?? '');
export const REDIS = Boolean(process.env['REDIS_URL']);
export const PYTHON = '/usr/bin/python3';

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** An HS256 JWT signed exactly as PyJWT does (header `{"alg":"HS256","typ":"JWT"}`), by hand. */
export function makeJwt(claims: Record<string, unknown>, secret = TEST_SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

export function decodeJwtPart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split('.')[index];
  assert.ok(part, `token has no part ${index}`);
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export const nowSec = (): number => Math.floor(Date.now() / 1000);
export const FOUR_WEEKS = 28 * 24 * 3600;

export interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string | true>;
}

/** Every Set-Cookie header of a reply, parsed (attribute names lower-cased). */
export function setCookies(reply: Reply): SetCookie[] {
  return reply.headers.getSetCookie().map((line) => {
    const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const attributes = new Map<string, string | true>();
    for (const attr of attrs) {
      const i = attr.indexOf('=');
      if (i === -1) attributes.set(attr.toLowerCase(), true);
      else attributes.set(attr.slice(0, i).toLowerCase(), attr.slice(i + 1));
    }
    return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes };
  });
}

export function cookieNamed(reply: Reply, name: string): SetCookie | undefined {
  return setCookies(reply).find((c) => c.name === name);
}

/** A Set-Cookie that deletes the cookie: empty value and an expiry in the past (or Max-Age=0). */
export function isDeletion(cookie: SetCookie | undefined): boolean {
  if (!cookie) return false;
  const expires = cookie.attributes.get('expires');
  const maxAge = cookie.attributes.get('max-age');
  const past = typeof expires === 'string' && Date.parse(expires) <= Date.now();
  return cookie.value === '' && (past || maxAge === '0');
}

export function assertDetail(reply: Reply, status: number, detail: unknown, message?: string): void {
  assert.equal(reply.status, status, `${message ?? ''} expected ${status}, got ${reply.status}: ${reply.text}`);
  assert.deepEqual(reply.body?.detail, detail, message);
}

/** A FastAPI-shaped 422 with an item of `type` at `loc`. */
export function assert422(reply: Reply, type: string, loc: (string | number)[]): void {
  assert.equal(reply.status, 422, `expected 422, got ${reply.status}: ${reply.text}`);
  assert.ok(Array.isArray(reply.body?.detail), `detail is a list: ${reply.text}`);
  const item = (reply.body.detail as { type: string; loc: unknown[]; msg: unknown }[]).find((d) => d.type === type && JSON.stringify(d.loc) === JSON.stringify(loc));
  assert.ok(item, `no ${type} at ${JSON.stringify(loc)} in ${reply.text}`);
  assert.equal(typeof item.msg, 'string');
  for (const d of reply.body.detail as Record<string, unknown>[]) for (const key of ['type', 'loc', 'msg', 'input']) assert.ok(key in d, `detail item has ${key}: ${JSON.stringify(d)}`);
}

export async function getAdminConfig(server: TestServer, admin: Account): Promise<Record<string, unknown>> {
  const res = await server.request('GET', '/api/v1/auths/admin/config', { token: admin.token });
  assert.equal(res.status, 200, res.text);
  return res.body as Record<string, unknown>;
}

/** Reads the admin config, applies `patch`, saves it (the form requires every field). */
export async function patchAdminConfig(server: TestServer, admin: Account, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
  const current = await getAdminConfig(server, admin);
  const res = await server.request('POST', '/api/v1/auths/admin/config', { token: admin.token, body: { ...current, ...patch } });
  assert.equal(res.status, 200, res.text);
  return res.body as Record<string, unknown>;
}

/** Whether the system Python can import `module` (python3-jwt / python3-bcrypt). */
export function pythonHas(module: string): boolean {
  try {
    return spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
}

export function python(code: string, ...args: string[]): string {
  const run = spawnSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return run.stdout.trim();
}

export async function signin(server: TestServer, email: string, password: string, headers?: Record<string, string>): Promise<Reply> {
  return server.request('POST', '/api/v1/auths/signin', { body: { email, password }, ...(headers ? { headers } : {}) });
}

export async function whoami(server: TestServer, token: string | undefined, headers?: Record<string, string>): Promise<Reply> {
  return server.request('GET', '/api/v1/auths/', { token, ...(headers ? { headers } : {}) });
}

export const cookieHeader = (token: string): Record<string, string> => ({ Cookie: `token=${token}` });

/** The account row, read straight from the store (to prove nothing was written). */
export async function userByEmail(server: TestServer, email: string) {
  return server.services.users.getByEmail(email);
}

/**
 * A second app instance on the same database (and Redis prefix) as `first`, as a second replica
 * of one deployment would run. Close it with `closeReplica` (it must not drop the shared schema).
 */
export async function startReplica(first: TestServer, overrides: Record<string, string> = {}): Promise<TestServer> {
  const shared: Record<string, string> = { DATABASE_URL: first.env['DATABASE_URL'] as string, REDIS_KEY_PREFIX: first.env['REDIS_KEY_PREFIX'] as string };
  if (first.env['DATABASE_SCHEMA']) shared['DATABASE_SCHEMA'] = first.env['DATABASE_SCHEMA'];
  return startServer({ ...shared, ...overrides }, { keepData: true });
}

export async function closeReplica(replica: TestServer): Promise<void> {
  await replica.close();
  rmSync(replica.env['DATA_DIR'] as string, { recursive: true, force: true });
}

/** Restarts on the same data (directory, SQLite file or PostgreSQL schema) with extra env. */
export async function restart(server: TestServer, overrides: Record<string, string> = {}): Promise<TestServer> {
  await server.close();
  return startServer({ ...server.env, ...overrides });
}

export const uuid = randomUUID;

/** Removes what a server built from `env` may have left: its data dir and its PostgreSQL schema. */
export async function dropTestData(env: Record<string, string>): Promise<void> {
  rmSync(env['DATA_DIR'] as string, { recursive: true, force: true });
  const schema = env['DATABASE_SCHEMA'];
  if (!schema || !PG) return;
  const database = await openDatabase({ url: env['DATABASE_URL'] as string });
  try {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(database.db);
  } finally {
    await database.close();
  }
}
