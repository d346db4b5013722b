// Retrieval settings Open WebUI reads from the environment only (never persisted): where vectors
// live, the embedding prefixes, and what a user-supplied URL may reach.
import { join } from 'node:path';
import { envBool, envOptionalStr, envStr, parseOneOf, type Env } from './env-parse.ts';

export interface RetrievalSettings {
  /** `auto` (default): sqlite-vec + FTS5 beside a SQLite database, pgvector + full text on PostgreSQL. */
  vectorDb: 'auto' | 'sqlite-vec' | 'pgvector';
  /** The SQLite file for chunks when they are not kept in PostgreSQL. */
  sqlitePath: string;
  /** PGVECTOR_DB_URL: a PostgreSQL database for chunks other than DATABASE_URL. */
  pgvectorUrl: string | undefined;
  queryPrefix: string | undefined;
  contentPrefix: string | undefined;
  /** RAG_EMBEDDING_PREFIX_FIELD_NAME: send the prefix as this body field instead of prepending it. */
  prefixFieldName: string | undefined;
  /** ENABLE_RAG_LOCAL_WEB_FETCH: user-supplied URLs may reach private and loopback addresses. */
  allowPrivateFetch: boolean;
  /** WEB_FETCH_FILTER_LIST, comma-separated (`host` allows, `!host` blocks). */
  fetchFilterList: string[];
}

// Open WebUI's VECTOR_DB names the stores it ships; ours are sqlite-vec and pgvector, and its default
// (chroma) means "the embedded one".
export function retrievalSettings(env: Env, dataDir: string): RetrievalSettings {
  const named = envStr(env, 'VECTOR_DB', 'auto').toLowerCase() || 'auto';
  const vectorDb = parseOneOf('VECTOR_DB', named === 'chroma' ? 'auto' : named, ['auto', 'sqlite-vec', 'pgvector'] as const);
  return {
    vectorDb,
    sqlitePath: join(dataDir, 'vector_db', 'chunks.sqlite3'),
    pgvectorUrl: envOptionalStr(env, 'PGVECTOR_DB_URL'),
    queryPrefix: envOptionalStr(env, 'RAG_EMBEDDING_QUERY_PREFIX'),
    contentPrefix: envOptionalStr(env, 'RAG_EMBEDDING_CONTENT_PREFIX'),
    prefixFieldName: envOptionalStr(env, 'RAG_EMBEDDING_PREFIX_FIELD_NAME'),
    allowPrivateFetch: envBool(env, 'ENABLE_RAG_LOCAL_WEB_FETCH', false),
    fetchFilterList: envStr(env, 'WEB_FETCH_FILTER_LIST', '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
  };
}
