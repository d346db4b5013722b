// The `oauth_session` table: the provider token set of a user's OAuth sign-in, stored
// Fernet-encrypted exactly as Open WebUI stores it (models/oauth_sessions.py), so rows written by
// either server can be read by the other.
import type { Database } from '../db/connection.ts';
import type { Fernet } from '../lib/fernet.ts';

export interface OAuthSessionModel {
  id: string;
  user_id: string;
  provider: string;
  /** The decrypted provider token set (access_token, id_token, refresh_token, expires_at, …). */
  token: Record<string, unknown>;
  expires_at: number;
  created_at: number;
  updated_at: number;
}

export class OAuthSessionsStore {
  constructor(
    private readonly database: Database,
    private readonly fernet: Fernet,
  ) {}

  /**
   * The user's sessions, oldest first, with their tokens decrypted. Rows that do not decrypt (the
   * key changed since they were written) are not returned; their ids are, so the caller can say so.
   */
  async listByUser(userId: string): Promise<{ sessions: OAuthSessionModel[]; unreadable: string[] }> {
    const rows = await this.database.db
      .selectFrom('oauth_session')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    const sessions: OAuthSessionModel[] = [];
    const unreadable: string[] = [];
    for (const row of rows) {
      const token = this.readToken(row.token);
      if (!token) {
        unreadable.push(row.id);
        continue;
      }
      sessions.push({
        id: row.id,
        user_id: row.user_id,
        provider: row.provider,
        token,
        expires_at: Number(row.expires_at),
        created_at: Number(row.created_at),
        updated_at: Number(row.updated_at),
      });
    }
    return { sessions, unreadable };
  }

  private readToken(stored: string): Record<string, unknown> | null {
    try {
      const value: unknown = JSON.parse(this.fernet.decrypt(stored).toString('utf8'));
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
}
