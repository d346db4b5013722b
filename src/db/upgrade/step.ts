// One ported Open WebUI Alembic revision.
import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { DB } from '../types.ts';

export interface UpgradeContext {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  readonly log: (message: string) => void;
}

export interface UpgradeStep {
  readonly revision: string;
  readonly parent: string;
  readonly description: string;
  up(context: UpgradeContext): Promise<void>;
}
