// The Open WebUI 0.6.43 schema (Alembic head c440947495f3), column for column as Open WebUI's own
// migrations leave it on a fresh install (shared/fixtures/owui-db/schema-summary-0.6.43.txt):
// same names, order, NOT NULL flags, database defaults, unique constraints, indexes and foreign keys.
//
// Deliberate differences from a Python-created database:
// - Tables that Open WebUI leaves without a primary key (auth, chat, chatidtag, file, function, memory,
//   model, tool) get PRIMARY KEY (id); their peewee unique index on id is kept under its usual name.
// - Redundant `UNIQUE (id)` constraints next to `PRIMARY KEY (id)` (Alembic's unique=True on a PK
//   column) are left out.
// Tables are listed so that foreign-key targets come before the tables that reference them.
import type { ColumnKind, ColumnSpec, TableSpec } from './spec.ts';

const col = (name: string, kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, kind, ...extra });
/** NOT NULL column. */
const req = (name: string, kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnSpec => col(name, kind, { notNull: true, ...extra });
/** `id` primary key column. */
const pk = (kind: ColumnKind): ColumnSpec => req('id', kind, { primaryKey: true });
/** The peewee unique index `<table>_id` on id. */
const peeweeIdIndex = (table: string) => ({ name: `${table}_id`, columns: ['id'], unique: true });

export const userTable: TableSpec = {
  name: 'user',
  columns: [
    req('id', 'varchar255'),
    req('name', 'varchar255'),
    req('email', 'varchar255'),
    req('role', 'varchar255'),
    req('profile_image_url', 'text'),
    req('created_at', 'peeweeEpoch'),
    req('updated_at', 'peeweeEpoch'),
    req('last_active_at', 'peeweeEpoch'),
    col('username', 'varchar50'),
    col('bio', 'text'),
    col('gender', 'text'),
    col('date_of_birth', 'date'),
    col('profile_banner_image_url', 'text'),
    col('timezone', 'varchar'),
    col('presence_state', 'varchar'),
    col('status_emoji', 'varchar'),
    col('status_message', 'text'),
    col('status_expires_at', 'bigint'),
    col('oauth', 'json'),
    col('info', 'json'),
    col('settings', 'json'),
  ],
  primaryKey: { name: 'pk_user_id', columns: ['id'] },
  indexes: [peeweeIdIndex('user')],
};

export const authTable: TableSpec = {
  name: 'auth',
  columns: [pk('varchar255'), req('email', 'varchar255'), req('password', 'text'), req('active', 'peeweeBoolean')],
  indexes: [peeweeIdIndex('auth')],
};

export const apiKeyTable: TableSpec = {
  name: 'api_key',
  columns: [
    pk('text'),
    // Nullable in the database (the migration only declares the foreign key).
    col('user_id', 'text', { references: 'user.id' }),
    req('key', 'text', { unique: true }),
    col('data', 'json'),
    col('expires_at', 'bigint'),
    col('last_used_at', 'bigint'),
    req('created_at', 'bigint'),
    req('updated_at', 'bigint'),
  ],
};

export const oauthSessionTable: TableSpec = {
  name: 'oauth_session',
  columns: [
    pk('text'),
    req('user_id', 'text', { references: 'user.id' }),
    req('provider', 'text'),
    req('token', 'text'),
    req('expires_at', 'bigint'),
    req('created_at', 'bigint'),
    req('updated_at', 'bigint'),
  ],
  indexes: [
    { name: 'idx_oauth_session_user_id', columns: ['user_id'] },
    { name: 'idx_oauth_session_expires_at', columns: ['expires_at'] },
    { name: 'idx_oauth_session_user_provider', columns: ['user_id', 'provider'] },
  ],
};

export const chatTable: TableSpec = {
  name: 'chat',
  columns: [
    pk('varchar255'),
    req('user_id', 'varchar255'),
    req('title', 'text'),
    col('share_id', 'varchar255'),
    req('archived', 'peeweeBoolean'),
    req('created_at', 'peeweeDatetime'),
    req('updated_at', 'peeweeDatetime'),
    col('chat', 'json'),
    col('pinned', 'boolean'),
    req('meta', 'json', { default: { json: '{}' } }),
    col('folder_id', 'text'),
  ],
  indexes: [
    peeweeIdIndex('chat'),
    { name: 'chat_share_id', columns: ['share_id'], unique: true },
    { name: 'folder_id_idx', columns: ['folder_id'] },
    { name: 'user_id_pinned_idx', columns: ['user_id', 'pinned'] },
    { name: 'user_id_archived_idx', columns: ['user_id', 'archived'] },
    { name: 'updated_at_user_id_idx', columns: ['updated_at', 'user_id'] },
    { name: 'folder_id_user_id_idx', columns: ['folder_id', 'user_id'] },
  ],
};

export const tagTable: TableSpec = {
  name: 'tag',
  columns: [req('id', 'varchar255'), req('name', 'varchar255'), req('user_id', 'varchar255'), col('meta', 'json')],
  primaryKey: { name: 'pk_id_user_id', columns: ['id', 'user_id'] },
  indexes: [{ name: 'user_id_idx', columns: ['user_id'] }],
};

export const chatIdTagTable: TableSpec = {
  name: 'chatidtag',
  columns: [
    pk('varchar255'),
    req('tag_name', 'varchar255'),
    req('chat_id', 'varchar255'),
    req('user_id', 'varchar255'),
    req('timestamp', 'peeweeEpoch'),
  ],
  indexes: [peeweeIdIndex('chatidtag')],
};

export const documentTable: TableSpec = {
  name: 'document',
  columns: [
    req('id', 'autoId'),
    req('collection_name', 'varchar255'),
    req('name', 'varchar255'),
    req('title', 'text'),
    req('filename', 'text'),
    col('content', 'text'),
    req('user_id', 'varchar255'),
    req('timestamp', 'peeweeEpoch'),
  ],
  indexes: [
    { name: 'document_collection_name', columns: ['collection_name'], unique: true },
    { name: 'document_name', columns: ['name'], unique: true },
  ],
};

export const fileTable: TableSpec = {
  name: 'file',
  columns: [
    pk('text'),
    req('user_id', 'text'),
    req('filename', 'text'),
    col('meta', 'json'),
    req('created_at', 'peeweeEpoch'),
    col('hash', 'text'),
    col('data', 'json'),
    col('updated_at', 'bigint'),
    col('path', 'text'),
    col('access_control', 'json'),
  ],
  indexes: [peeweeIdIndex('file')],
};

export const chatFileTable: TableSpec = {
  name: 'chat_file',
  columns: [
    pk('text'),
    req('user_id', 'text'),
    req('chat_id', 'text', { references: 'chat.id' }),
    req('file_id', 'text', { references: 'file.id' }),
    col('message_id', 'text'),
    req('created_at', 'bigint'),
    req('updated_at', 'bigint'),
  ],
  uniques: [{ name: 'uq_chat_file_chat_file', columns: ['chat_id', 'file_id'] }],
  indexes: [
    { name: 'ix_chat_file_chat_id', columns: ['chat_id'] },
    { name: 'ix_chat_file_file_id', columns: ['file_id'] },
    { name: 'ix_chat_file_message_id', columns: ['message_id'] },
    { name: 'ix_chat_file_user_id', columns: ['user_id'] },
  ],
};

export const folderTable: TableSpec = {
  name: 'folder',
  columns: [
    req('id', 'text'),
    col('parent_id', 'text'),
    req('user_id', 'text'),
    req('name', 'text'),
    col('items', 'json'),
    col('meta', 'json'),
    req('is_expanded', 'boolean'),
    req('created_at', 'bigint'),
    req('updated_at', 'bigint'),
    col('data', 'json'),
  ],
  // Unnamed in Open WebUI's migration; this is the name PostgreSQL gives it there.
  primaryKey: { name: 'folder_pkey', columns: ['id', 'user_id'] },
};

export const functionTable: TableSpec = {
  name: 'function',
  columns: [
    pk('text'),
    req('user_id', 'text'),
    req('name', 'text'),
    req('type', 'text'),
    req('content', 'text'),
    req('meta', 'text'), // JSONField
    req('created_at', 'peeweeEpoch'),
    req('updated_at', 'peeweeEpoch'),
    col('valves', 'text'), // JSONField
    req('is_active', 'peeweeBoolean'),
    req('is_global', 'peeweeBoolean'),
  ],
  indexes: [peeweeIdIndex('function'), { name: 'is_global_idx', columns: ['is_global'] }],
};

export const toolTable: TableSpec = {
  name: 'tool',
  columns: [
    pk('text'),
    req('user_id', 'text'),
    req('name', 'text'),
    req('content', 'text'),
    req('specs', 'text'), // JSONField
    req('meta', 'text'), // JSONField
    req('created_at', 'peeweeEpoch'),
    req('updated_at', 'peeweeEpoch'),
    col('valves', 'text'), // JSONField
    col('access_control', 'json'),
  ],
  indexes: [peeweeIdIndex('tool')],
};

export const modelTable: TableSpec = {
  name: 'model',
  columns: [
    pk('text'),
    req('user_id', 'text'),
    col('base_model_id', 'text'),
    req('name', 'text'),
    req('meta', 'text'), // JSONField
    req('params', 'text'), // JSONField
    req('created_at', 'peeweeEpoch'),
    req('updated_at', 'peeweeEpoch'),
    col('access_control', 'json'),
    req('is_active', 'boolean', { default: { boolean: true } }),
  ],
  indexes: [peeweeIdIndex('model')],
};

export const promptTable: TableSpec = {
  name: 'prompt',
  columns: [
    req('id', 'autoId'),
    req('command', 'varchar255'),
    req('user_id', 'varchar255'),
    req('title', 'text'),
    req('content', 'text'),
    req('timestamp', 'peeweeEpoch'),
    col('access_control', 'json'),
  ],
  indexes: [{ name: 'prompt_command', columns: ['command'], unique: true }],
};

export const knowledgeTable: TableSpec = {
  name: 'knowledge',
  columns: [
    pk('text'),
    req('user_id', 'text'),
    req('name', 'text'),
    col('description', 'text'),
    col('meta', 'json'),
    req('created_at', 'bigint'),
    col('updated_at', 'bigint'),
    col('access_control', 'json'),
    col('data', 'json'),
  ],
};

export const knowledgeFileTable: TableSpec = {
  name: 'knowledge_file',
  columns: [
    pk('text'),
    req('user_id', 'text'),
    req('knowledge_id', 'text', { references: 'knowledge.id' }),
    req('file_id', 'text', { references: 'file.id' }),
    req('created_at', 'bigint'),
    req('updated_at', 'bigint'),
  ],
  uniques: [{ name: 'uq_knowledge_file_knowledge_file', columns: ['knowledge_id', 'file_id'] }],
  indexes: [
    { name: 'ix_knowledge_file_knowledge_id', columns: ['knowledge_id'] },
    { name: 'ix_knowledge_file_file_id', columns: ['file_id'] },
    { name: 'ix_knowledge_file_user_id', columns: ['user_id'] },
  ],
};

export const memoryTable: TableSpec = {
  name: 'memory',
  columns: [
    pk('varchar255'),
    req('user_id', 'varchar255'),
    req('content', 'text'),
    req('updated_at', 'peeweeEpoch'),
    req('created_at', 'peeweeEpoch'),
  ],
  indexes: [peeweeIdIndex('memory')],
};

export const groupTable: TableSpec = {
  name: 'group',
  columns: [
    pk('text'),
    col('user_id', 'text'),
    col('name', 'text'),
    col('description', 'text'),
    col('data', 'json'),
    col('meta', 'json'),
    col('permissions', 'json'),
    col('created_at', 'bigint'),
    col('updated_at', 'bigint'),
  ],
};

export const groupMemberTable: TableSpec = {
  name: 'group_member',
  columns: [
    pk('text'),
    req('group_id', 'text', { references: 'group.id' }),
    req('user_id', 'text', { references: 'user.id' }),
    col('created_at', 'bigint'),
    col('updated_at', 'bigint'),
  ],
  uniques: [{ name: 'uq_group_member_group_user', columns: ['group_id', 'user_id'] }],
};

export const feedbackTable: TableSpec = {
  name: 'feedback',
  columns: [
    pk('text'),
    col('user_id', 'text'),
    col('version', 'bigint'),
    col('type', 'text'),
    col('data', 'json'),
    col('meta', 'json'),
    col('snapshot', 'json'),
    req('created_at', 'bigint'),
    req('updated_at', 'bigint'),
  ],
};

export const noteTable: TableSpec = {
  name: 'note',
  columns: [
    pk('text'),
    col('user_id', 'text'),
    col('title', 'text'),
    col('data', 'json'),
    col('meta', 'json'),
    col('access_control', 'json'),
    col('created_at', 'bigint'),
    col('updated_at', 'bigint'),
  ],
};

export const channelTable: TableSpec = {
  name: 'channel',
  columns: [
    pk('text'),
    col('user_id', 'text'),
    col('name', 'text'),
    col('description', 'text'),
    col('data', 'json'),
    col('meta', 'json'),
    col('access_control', 'json'),
    col('created_at', 'bigint'),
    col('updated_at', 'bigint'),
    col('type', 'text'),
    col('is_private', 'boolean'),
    col('archived_at', 'bigint'),
    col('archived_by', 'text'),
    col('deleted_at', 'bigint'),
    col('deleted_by', 'text'),
    col('updated_by', 'text'),
  ],
};

export const channelMemberTable: TableSpec = {
  name: 'channel_member',
  columns: [
    pk('text'),
    req('channel_id', 'text'),
    req('user_id', 'text'),
    col('created_at', 'bigint'),
    col('status', 'text'),
    req('is_active', 'boolean', { default: { boolean: true } }),
    req('is_channel_muted', 'boolean', { default: { boolean: false } }),
    req('is_channel_pinned', 'boolean', { default: { boolean: false } }),
    col('data', 'json'),
    col('meta', 'json'),
    req('joined_at', 'bigint'),
    col('left_at', 'bigint'),
    col('last_read_at', 'bigint'),
    col('updated_at', 'bigint'),
    col('role', 'text'),
    col('invited_by', 'text'),
    col('invited_at', 'bigint'),
  ],
};

export const channelWebhookTable: TableSpec = {
  name: 'channel_webhook',
  columns: [
    pk('text'),
    req('user_id', 'text'),
    req('channel_id', 'text', { references: 'channel.id' }),
    req('name', 'text'),
    col('profile_image_url', 'text'),
    req('token', 'text'),
    col('last_used_at', 'bigint'),
    req('created_at', 'bigint'),
    req('updated_at', 'bigint'),
  ],
};

export const messageTable: TableSpec = {
  name: 'message',
  columns: [
    pk('text'),
    col('user_id', 'text'),
    col('channel_id', 'text'),
    col('content', 'text'),
    col('data', 'json'),
    col('meta', 'json'),
    col('created_at', 'bigint'),
    col('updated_at', 'bigint'),
    col('parent_id', 'text'),
    col('reply_to_id', 'text'),
    req('is_pinned', 'boolean', { default: { boolean: false } }),
    col('pinned_at', 'bigint'),
    col('pinned_by', 'text'),
  ],
};

export const messageReactionTable: TableSpec = {
  name: 'message_reaction',
  columns: [pk('text'), req('user_id', 'text'), req('message_id', 'text'), req('name', 'text'), col('created_at', 'bigint')],
};

export const channelFileTable: TableSpec = {
  name: 'channel_file',
  columns: [
    pk('text'),
    req('user_id', 'text'),
    req('channel_id', 'text', { references: 'channel.id' }),
    req('file_id', 'text', { references: 'file.id' }),
    req('created_at', 'bigint'),
    req('updated_at', 'bigint'),
    col('message_id', 'text'),
  ],
  uniques: [{ name: 'uq_channel_file_channel_file', columns: ['channel_id', 'file_id'] }],
  foreignKeys: [{ name: 'fk_channel_file_message_id', column: 'message_id', references: 'message.id' }],
  indexes: [
    { name: 'ix_channel_file_channel_id', columns: ['channel_id'] },
    { name: 'ix_channel_file_file_id', columns: ['file_id'] },
    { name: 'ix_channel_file_user_id', columns: ['user_id'] },
  ],
};

export const configTable: TableSpec = {
  name: 'config',
  columns: [
    req('id', 'autoId'),
    req('data', 'json'),
    req('version', 'integer'),
    req('created_at', 'datetime', { default: 'current_timestamp' }),
    col('updated_at', 'datetime', { default: 'current_timestamp' }),
  ],
};

export const alembicVersionTable: TableSpec = {
  name: 'alembic_version',
  columns: [req('version_num', 'varchar32')],
  primaryKey: { name: 'alembic_version_pkc', columns: ['version_num'] },
};

export const migrateHistoryTable: TableSpec = {
  name: 'migratehistory',
  columns: [req('id', 'autoId'), req('name', 'varchar255'), req('migrated_at', 'datetime')],
};

/** Every Open WebUI 0.6.43 table, foreign-key targets first. */
export const OPEN_WEBUI_TABLES: readonly TableSpec[] = [
  migrateHistoryTable,
  alembicVersionTable,
  userTable,
  authTable,
  apiKeyTable,
  oauthSessionTable,
  chatTable,
  tagTable,
  chatIdTagTable,
  documentTable,
  fileTable,
  chatFileTable,
  folderTable,
  functionTable,
  toolTable,
  modelTable,
  promptTable,
  knowledgeTable,
  knowledgeFileTable,
  memoryTable,
  groupTable,
  groupMemberTable,
  feedbackTable,
  noteTable,
  channelTable,
  channelMemberTable,
  channelWebhookTable,
  messageTable,
  messageReactionTable,
  channelFileTable,
  configTable,
];
