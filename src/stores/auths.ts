// The `auth` table: password hashes (bcrypt) keyed by the user id.
import type { Database } from '../db/connection.ts';
import { toBool } from '../db/values.ts';

export interface AuthRow {
  id: string;
  email: string;
  password: string;
  active: boolean;
}

export class AuthsStore {
  constructor(private readonly database: Database) {}

  async getByEmail(email: string): Promise<AuthRow | null> {
    const row = await this.database.db.selectFrom('auth').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row ? { id: row.id, email: row.email, password: row.password, active: toBool(row.active) } : null;
  }

  async getById(id: string): Promise<AuthRow | null> {
    const row = await this.database.db.selectFrom('auth').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, email: row.email, password: row.password, active: toBool(row.active) } : null;
  }

  async updatePassword(id: string, passwordHash: string): Promise<boolean> {
    const result = await this.database.db.updateTable('auth').set({ password: passwordHash }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
