// Serving the genuine Open WebUI 0.6.43 fixture database (shared/fixtures/owui-db) to a test: as a
// SQLite copy, and as a PostgreSQL replica when DATABASE_URL points at PostgreSQL.
import assert from 'node:assert/strict';
import { replicateSqliteToPostgres } from '../db/pg-replica.ts';
import { NO_FIXTURES, NO_PG, PG_URL, copyFixture, freshPostgresSchema } from '../db/support.ts';
import { startServer, type Account, type TestServer } from './server.ts';

export interface FixtureServer {
  server: TestServer;
  /** Removes the copy or the PostgreSQL schema (after `server.close()`). */
  cleanup(): Promise<void>;
}

export interface FixtureBackend {
  label: string;
  skip: string | false;
  boot(): Promise<FixtureServer>;
}

export const FIXTURE_BACKENDS: readonly FixtureBackend[] = [
  {
    label: 'SQLite',
    skip: NO_FIXTURES,
    async boot() {
      const copy = copyFixture('webui-0.6.43.db');
      const server = await startServer({ DATABASE_URL: copy.url });
      return { server, cleanup: async () => copy.cleanup() };
    },
  },
  {
    label: 'PostgreSQL',
    skip: NO_FIXTURES || NO_PG,
    async boot() {
      const copy = copyFixture('webui-0.6.43.db');
      const pg = await freshPostgresSchema();
      try {
        await replicateSqliteToPostgres(copy.path, pg.database.db);
      } finally {
        copy.cleanup();
      }
      const server = await startServer({ DATABASE_URL: PG_URL as string, DATABASE_SCHEMA: pg.schema });
      return { server, cleanup: () => pg.cleanup() };
    },
  },
];

/** Signs in one of the fixture's accounts (its README lists them with their passwords). */
export async function signinFixtureAccount(server: TestServer, email: string, password: string): Promise<Account> {
  const res = await server.request('POST', '/api/v1/auths/signin', { body: { email, password } });
  assert.equal(res.status, 200, res.text);
  return { id: res.body.id, token: res.body.token, email, password, role: res.body.role };
}
