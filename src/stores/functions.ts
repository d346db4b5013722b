// The `function` table (Open WebUI's Python plugins: filters, actions, pipes). This server does not
// run them; it only tells a stored one from an unknown id.
import type { Database } from '../db/connection.ts';

export class FunctionsStore {
  constructor(private readonly database: Database) {}

  async exists(id: string): Promise<boolean> {
    return (await this.database.db.selectFrom('function').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }
}
