// The peewee migrations Open WebUI 0.6.x runs before Alembic on every start. Recording all of them
// in `migratehistory` tells Open WebUI (Python) that they already ran, so it never replays them
// against a database we created.
export const PEEWEE_MIGRATIONS: readonly string[] = [
  '001_initial_schema',
  '002_add_local_sharing',
  '003_add_auth_api_key',
  '004_add_archived',
  '005_add_updated_at',
  '006_migrate_timestamps_and_charfields',
  '007_add_user_last_active_at',
  '008_add_memory',
  '009_add_models',
  '010_migrate_modelfiles_to_models',
  '011_add_user_settings',
  '012_add_tools',
  '013_add_user_info',
  '014_add_files',
  '015_add_functions',
  '016_add_valves_and_is_active',
  '017_add_user_oauth_sub',
  '018_add_function_is_global',
];

/** peewee_migrate's timestamp format (naive UTC with microseconds), e.g. `2025-12-23 09:13:20.812666`. */
export function peeweeTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 23).replace('T', ' ')}000`;
}
