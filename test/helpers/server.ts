// Boots the real app on a loopback port for a test: its own data dir, its own SQLite file or
// PostgreSQL schema (when DATABASE_URL points at PostgreSQL), Redis when REDIS_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp, LISTEN_BACKLOG, type BuiltApp } from '../../src/app.ts';

export const TEST_SECRET = 'test-secret-for-open-webui-ts';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string | undefined;
  body?: unknown;
  /** Raw body text, sent as JSON content type (for malformed-JSON tests). */
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestServer extends BuiltApp {
  url: string;
  env: Record<string, string>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>;
}

const usesPostgres = (): boolean => /^postgres/.test(process.env['DATABASE_URL'] ?? '');

/** Environment for one isolated test server; `overrides` win. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const dataDir = overrides['DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'owui-ts-'));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    WEBUI_SECRET_KEY: TEST_SECRET,
    LOG_LEVEL: 'silent',
    FRONTEND_BUILD_DIR: join(dataDir, 'no-frontend'),
    REDIS_KEY_PREFIX: `owui-test-${randomBytes(6).toString('hex')}`,
  };
  if (usesPostgres()) {
    env['DATABASE_URL'] = process.env['DATABASE_URL'] as string;
    env['DATABASE_SCHEMA'] = `t_${randomBytes(8).toString('hex')}`;
  } else {
    env['DATABASE_URL'] = `sqlite:///${join(dataDir, 'webui.db')}`;
  }
  if (process.env['REDIS_URL']) env['REDIS_URL'] = process.env['REDIS_URL'];
  return { ...env, ...overrides };
}

export async function startServer(overrides: Record<string, string> = {}, options: { keepData?: boolean } = {}): Promise<TestServer> {
  const env = testEnv(overrides);
  const built = await buildApp(env);
  const address = await built.app.listen({ host: '127.0.0.1', port: 0, backlog: LISTEN_BACKLOG });
  const url = address.replace('[::1]', '127.0.0.1');
  return {
    ...built,
    url,
    env,
    async request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
      let body: string | undefined;
      if (opts.raw !== undefined) body = opts.raw;
      else if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
      const res = await fetch(url + path, { method, headers, body, redirect: 'manual' });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed as any, headers: res.headers, text };
    },
    async close() {
      const { database } = built.services;
      if (database.dialect === 'postgres' && database.schema && !options.keepData) {
        await sql`DROP SCHEMA IF EXISTS ${sql.id(database.schema)} CASCADE`.execute(database.db);
      }
      await built.close();
      if (!options.keepData) rmSync(env['DATA_DIR'] as string, { recursive: true, force: true });
    },
  };
}

export interface Account {
  id: string;
  token: string;
  email: string;
  password: string;
  role: string;
}

/** Signs up through the API (the first account becomes admin). */
export async function signup(server: TestServer, name: string, email: string, password = 'Passw0rd!'): Promise<Account> {
  const res = await server.request('POST', '/api/v1/auths/signup', { body: { name, email, password } });
  if (res.status !== 200) throw new Error(`signup failed: ${res.status} ${res.text}`);
  return { id: res.body.id, token: res.body.token, email, password, role: res.body.role };
}

/** An admin (first sign-up) and a verified user (added by the admin with role user). */
export async function adminAndUser(server: TestServer): Promise<{ admin: Account; user: Account }> {
  const admin = await signup(server, 'Ada Admin', 'admin@example.com');
  const user = await addUser(server, admin, 'Uma User', 'user@example.com', 'user');
  return { admin, user };
}

/** Adds an account as the admin, then signs it in (so its token has the normal expiry). */
export async function addUser(server: TestServer, admin: Account, name: string, email: string, role: string, password = 'Passw0rd!'): Promise<Account> {
  const res = await server.request('POST', '/api/v1/auths/add', { token: admin.token, body: { name, email, password, role } });
  if (res.status !== 200) throw new Error(`add user failed: ${res.status} ${res.text}`);
  const signin = await server.request('POST', '/api/v1/auths/signin', { body: { email, password } });
  return { id: res.body.id, token: signin.body.token, email, password, role };
}
