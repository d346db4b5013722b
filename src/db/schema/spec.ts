// Declarative description of a table, turned into DDL by build.ts for either dialect.
// The SQLite declared types copy what Open WebUI's own migrations (peewee + Alembic) produce, so a
// database we create looks like one Open WebUI created; PostgreSQL gets the matching native types.

/** Column kinds, named by how Open WebUI declares them. SQLite type / PostgreSQL type: */
export type ColumnKind =
  | 'text' //            TEXT / text            (also JSONField columns: JSON stored as text on both)
  | 'varchar' //         VARCHAR / varchar      (SQLAlchemy String() without length)
  | 'varchar32' //       VARCHAR(32)            (alembic_version)
  | 'varchar50' //       VARCHAR(50)
  | 'varchar255' //      VARCHAR(255)           (peewee CharField)
  | 'json' //            JSON / json            (SQLAlchemy JSON; PostgreSQL json, not jsonb)
  | 'boolean' //         BOOLEAN / boolean
  | 'peeweeBoolean' //   INTEGER / boolean      (peewee BooleanField as SQLite stores it)
  | 'bigint' //          BIGINT / bigint
  | 'peeweeEpoch' //     INTEGER / bigint       (peewee-era epoch seconds)
  | 'peeweeDatetime' //  DATETIME / bigint      (chat.created_at/updated_at: declared DATETIME, hold epochs)
  | 'integer' //         INTEGER / integer
  | 'autoId' //          INTEGER PRIMARY KEY / serial PRIMARY KEY
  | 'date' //            DATE / date
  | 'datetime'; //       DATETIME / timestamp

export type ColumnDefault = { json: string } | { boolean: boolean } | 'current_timestamp';

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly notNull?: boolean;
  readonly default?: ColumnDefault;
  /** Single-column primary key (unnamed, like SQLAlchemy's `<table>_pkey`). */
  readonly primaryKey?: boolean;
  /** Unnamed single-column UNIQUE constraint. */
  readonly unique?: boolean;
  /** Unnamed single-column foreign key, `table.column`, always ON DELETE CASCADE in Open WebUI. */
  readonly references?: string;
}

export interface IndexSpec {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
}

export interface TableSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** Named (composite) primary key. */
  readonly primaryKey?: { readonly name: string; readonly columns: readonly string[] };
  readonly uniques?: readonly { readonly name: string; readonly columns: readonly string[] }[];
  readonly foreignKeys?: readonly {
    readonly name: string;
    readonly column: string;
    readonly references: string;
  }[];
  readonly indexes?: readonly IndexSpec[];
}
