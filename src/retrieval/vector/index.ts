// Chooses the chunk store: sqlite-vec + FTS5 in its own file beside a SQLite database, PostgreSQL
// full text + pgvector beside a PostgreSQL one (or in PGVECTOR_DB_URL), or what VECTOR_DB forces.
import type { RetrievalSettings } from '../../config/retrieval-settings.ts';
import { isPostgresUrl, openDatabase, type Database } from '../../db/connection.ts';
import { PostgresVectorStore } from './postgres.ts';
import { SqliteVectorStore } from './sqlite.ts';
import type { VectorStore } from './store.ts';

export { PostgresVectorStore, PgvectorMissingError, PGVECTOR_MISSING } from './postgres.ts';
export { SqliteVectorStore } from './sqlite.ts';
export type { ChunkMetadata, ChunkRecord, MetadataFilter, ScoredChunk, VectorStore } from './store.ts';

/**
 * The store the settings name. SQLite keeps chunks in `settings.sqlitePath`, never in the main
 * database: ingest writes then never hold its write lock, and an adopted webui.db keeps its shape.
 * On PostgreSQL the chunks share the app's database and schema unless PGVECTOR_DB_URL names another.
 */
export async function openVectorStore(settings: RetrievalSettings, database: Database): Promise<VectorStore> {
  const engine = settings.vectorDb === 'auto' ? (database.dialect === 'postgres' ? 'pgvector' : 'sqlite-vec') : settings.vectorDb;
  if (engine === 'sqlite-vec') return new SqliteVectorStore(settings.sqlitePath);
  if (settings.pgvectorUrl) {
    if (!isPostgresUrl(settings.pgvectorUrl)) throw new Error('PGVECTOR_DB_URL must be a postgresql:// URL');
    const own = await openDatabase({ url: settings.pgvectorUrl });
    try {
      return await PostgresVectorStore.open(own.db, { onClose: () => own.close() });
    } catch (err) {
      await own.close();
      throw err;
    }
  }
  if (database.dialect !== 'postgres') throw new Error('VECTOR_DB=pgvector needs PGVECTOR_DB_URL or a PostgreSQL DATABASE_URL');
  return PostgresVectorStore.open(database.db);
}
