// The CLI: `open-webui-ts [serve]` starts the server; `open-webui-ts migrate` brings the database
// to the current schema and exits.
import { buildApp, LISTEN_BACKLOG } from './app.ts';
import { ConfigError } from './config/env-parse.ts';
import { loadSettings } from './config/settings.ts';
import { openDatabase } from './db/connection.ts';
import { migrate } from './db/migrate.ts';

async function serve(): Promise<void> {
  const built = await buildApp(process.env);
  const { settings } = built.services;
  await built.app.listen({ host: settings.host, port: settings.port, backlog: LISTEN_BACKLOG });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    built.app.log.info({ signal }, 'shutting down');
    built.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function migrateOnly(): Promise<void> {
  const settings = loadSettings(process.env);
  const database = await openDatabase({ url: settings.databaseUrl, schema: settings.databaseSchema, sqliteWal: settings.sqliteWal });
  try {
    const outcome = await migrate(database, (msg) => console.log(msg));
    console.log(`database ${outcome.status} at Open WebUI revision ${outcome.toRevision}`);
  } finally {
    await database.close();
  }
}

const command = process.argv[2] ?? 'serve';
const commands: Record<string, () => Promise<void>> = { serve, migrate: migrateOnly };
const run = commands[command];
if (!run) {
  console.error(`unknown command "${command}" (use: serve, migrate)`);
  process.exit(2);
}
run().catch((error: unknown) => {
  // A configuration problem is one clear line; anything else keeps its stack for the operator.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
