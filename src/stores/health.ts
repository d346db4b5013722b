// Database liveness for /health/db and /api/system/status.
import { sql } from 'kysely';
import type { Database } from '../db/connection.ts';

/** Runs `SELECT 1`; rejects when the database cannot answer. */
export async function selectOne(database: Database): Promise<void> {
  await sql`SELECT 1`.execute(database.db);
}

/** True when `SELECT 1` succeeds. */
export async function databaseAlive(database: Database): Promise<boolean> {
  return selectOne(database).then(
    () => true,
    () => false,
  );
}
