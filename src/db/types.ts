// Kysely table types for the Open WebUI 0.6.43 schema (Alembic head c440947495f3).
//
// Types describe what the drivers really hand back, not what the value means:
// - JSON columns (SQLAlchemy JSON and JSONField alike) are `unknown`: SQLite yields JSON text (or a
//   number, JSON's declared type has NUMERIC affinity), PostgreSQL `json` yields parsed values and
//   JSONField `text` yields JSON text. Decode with `decodeJson` from ./values.ts; bind with `encodeJson`.
// - Booleans are `number | boolean` (SQLite 0/1, PostgreSQL boolean); read them with `toBool`.
// - Epoch-second columns are `number`. Epoch-nanosecond columns (channel, channel_member,
//   channel_webhook, message, message_reaction, note) exceed 2^53, so they are `number | bigint | string`.
// - Many peewee-era columns are NOT NULL without a database default: inserts must supply them.
import type { ColumnType, Generated } from 'kysely';

/** A JSON column: read raw, written as JSON text from `encodeJson` (or SQL NULL). */
export type Json = ColumnType<unknown, string | null | undefined, string | null>;
/** A NOT NULL JSON column without a database default. */
export type JsonRequired = ColumnType<unknown, string, string>;
/** A NOT NULL JSON column with a database default (chat.meta = '{}'). */
export type JsonWithDefault = ColumnType<unknown, string | undefined, string>;

/** A NOT NULL boolean without a database default. */
export type Bool = ColumnType<number | boolean, boolean | number, boolean | number>;
/** A nullable boolean. */
export type BoolNullable = ColumnType<number | boolean | null, boolean | number | null | undefined, boolean | number | null>;
/** A NOT NULL boolean with a database default. */
export type BoolWithDefault = ColumnType<number | boolean, boolean | number | undefined, boolean | number>;

type NsValue = number | bigint | string;
/** Epoch nanoseconds, NOT NULL. */
export type EpochNs = ColumnType<NsValue, NsValue, NsValue>;
/** Epoch nanoseconds, nullable. */
export type EpochNsNullable = ColumnType<NsValue | null, NsValue | null | undefined, NsValue | null>;

/** SQL DATETIME / PostgreSQL timestamp: text `YYYY-MM-DD HH:MM:SS[.ffffff]` on SQLite, Date on PostgreSQL. */
export type DateTime = ColumnType<string | Date, string | Date, string | Date>;
export type DateTimeWithDefault = ColumnType<string | Date, string | Date | undefined, string | Date>;
export type DateTimeNullableWithDefault = ColumnType<
  string | Date | null,
  string | Date | null | undefined,
  string | Date | null
>;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  role: string;
  profile_image_url: string;
  created_at: number;
  updated_at: number;
  last_active_at: number;
  username: string | null;
  bio: string | null;
  gender: string | null;
  /** `YYYY-MM-DD` text on both dialects (connection.ts keeps PostgreSQL DATE as text). */
  date_of_birth: string | null;
  profile_banner_image_url: string | null;
  timezone: string | null;
  presence_state: string | null;
  status_emoji: string | null;
  status_message: string | null;
  status_expires_at: number | null;
  oauth: Json;
  info: Json;
  settings: Json;
}

export interface AuthTable {
  id: string;
  email: string;
  password: string;
  active: Bool;
}

export interface ApiKeyTable {
  id: string;
  user_id: string | null;
  key: string;
  data: Json;
  expires_at: number | null;
  last_used_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ChatTable {
  id: string;
  user_id: string;
  title: string;
  share_id: string | null;
  archived: Bool;
  created_at: number;
  updated_at: number;
  chat: Json;
  pinned: BoolNullable;
  meta: JsonWithDefault;
  folder_id: string | null;
}

export interface ChatFileTable {
  id: string;
  user_id: string;
  chat_id: string;
  file_id: string;
  message_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface TagTable {
  id: string;
  name: string;
  user_id: string;
  meta: Json;
}

/** Legacy (unused since 0.3.x, never dropped). */
export interface ChatIdTagTable {
  id: string;
  tag_name: string;
  chat_id: string;
  user_id: string;
  timestamp: number;
}

/** Legacy (replaced by knowledge, never dropped). */
export interface DocumentTable {
  id: Generated<number>;
  collection_name: string;
  name: string;
  title: string;
  filename: string;
  content: string | null;
  user_id: string;
  timestamp: number;
}

export interface FileTable {
  id: string;
  user_id: string;
  filename: string;
  meta: Json;
  created_at: number;
  hash: string | null;
  data: Json;
  updated_at: number | null;
  path: string | null;
  access_control: Json;
}

export interface FolderTable {
  id: string;
  parent_id: string | null;
  user_id: string;
  name: string;
  items: Json;
  meta: Json;
  is_expanded: Bool;
  created_at: number;
  updated_at: number;
  data: Json;
}

export interface FunctionTable {
  id: string;
  user_id: string;
  name: string;
  type: string;
  content: string;
  /** JSONField (TEXT). */
  meta: JsonRequired;
  created_at: number;
  updated_at: number;
  /** JSONField (TEXT). */
  valves: Json;
  is_active: Bool;
  is_global: Bool;
}

export interface ToolTable {
  id: string;
  user_id: string;
  name: string;
  content: string;
  /** JSONField (TEXT). */
  specs: JsonRequired;
  /** JSONField (TEXT). */
  meta: JsonRequired;
  created_at: number;
  updated_at: number;
  /** JSONField (TEXT). */
  valves: Json;
  access_control: Json;
}

export interface ModelTable {
  id: string;
  user_id: string;
  base_model_id: string | null;
  name: string;
  /** JSONField (TEXT). */
  meta: JsonRequired;
  /** JSONField (TEXT). */
  params: JsonRequired;
  created_at: number;
  updated_at: number;
  access_control: Json;
  is_active: BoolWithDefault;
}

export interface PromptTable {
  /** Peewee auto id the ORM never reads; the key is `command`. */
  id: Generated<number>;
  command: string;
  user_id: string;
  title: string;
  content: string;
  timestamp: number;
  access_control: Json;
}

export interface KnowledgeTable {
  id: string;
  user_id: string;
  name: string;
  description: string | null;
  meta: Json;
  created_at: number;
  updated_at: number | null;
  access_control: Json;
  /** Re-added by 81cc2ce44d79 but not used by the 0.6.43 ORM. */
  data: Json;
}

export interface KnowledgeFileTable {
  id: string;
  user_id: string;
  knowledge_id: string;
  file_id: string;
  created_at: number;
  updated_at: number;
}

export interface MemoryTable {
  id: string;
  user_id: string;
  content: string;
  updated_at: number;
  created_at: number;
}

export interface GroupTable {
  id: string;
  user_id: string | null;
  name: string | null;
  description: string | null;
  data: Json;
  meta: Json;
  permissions: Json;
  created_at: number | null;
  updated_at: number | null;
}

export interface GroupMemberTable {
  id: string;
  group_id: string;
  user_id: string;
  created_at: number | null;
  updated_at: number | null;
}

export interface FeedbackTable {
  id: string;
  user_id: string | null;
  version: number | null;
  type: string | null;
  data: Json;
  meta: Json;
  snapshot: Json;
  created_at: number;
  updated_at: number;
}

export interface NoteTable {
  id: string;
  user_id: string | null;
  title: string | null;
  data: Json;
  meta: Json;
  access_control: Json;
  created_at: EpochNsNullable;
  updated_at: EpochNsNullable;
}

export interface ChannelTable {
  id: string;
  user_id: string | null;
  name: string | null;
  description: string | null;
  data: Json;
  meta: Json;
  access_control: Json;
  created_at: EpochNsNullable;
  updated_at: EpochNsNullable;
  type: string | null;
  is_private: BoolNullable;
  archived_at: EpochNsNullable;
  archived_by: string | null;
  deleted_at: EpochNsNullable;
  deleted_by: string | null;
  updated_by: string | null;
}

export interface ChannelMemberTable {
  id: string;
  channel_id: string;
  user_id: string;
  created_at: EpochNsNullable;
  status: string | null;
  is_active: BoolWithDefault;
  is_channel_muted: BoolWithDefault;
  is_channel_pinned: BoolWithDefault;
  data: Json;
  meta: Json;
  joined_at: EpochNs;
  left_at: EpochNsNullable;
  last_read_at: EpochNsNullable;
  updated_at: EpochNsNullable;
  role: string | null;
  invited_by: string | null;
  invited_at: EpochNsNullable;
}

export interface ChannelWebhookTable {
  id: string;
  user_id: string;
  channel_id: string;
  name: string;
  profile_image_url: string | null;
  token: string;
  last_used_at: EpochNsNullable;
  created_at: EpochNs;
  updated_at: EpochNs;
}

export interface ChannelFileTable {
  id: string;
  user_id: string;
  channel_id: string;
  file_id: string;
  /** Epoch seconds (unlike the rest of the channel tables). */
  created_at: number;
  updated_at: number;
  message_id: string | null;
}

export interface MessageTable {
  id: string;
  user_id: string | null;
  channel_id: string | null;
  content: string | null;
  data: Json;
  meta: Json;
  created_at: EpochNsNullable;
  updated_at: EpochNsNullable;
  parent_id: string | null;
  reply_to_id: string | null;
  is_pinned: BoolWithDefault;
  pinned_at: EpochNsNullable;
  pinned_by: string | null;
}

export interface MessageReactionTable {
  id: string;
  user_id: string;
  message_id: string;
  name: string;
  created_at: EpochNsNullable;
}

export interface OauthSessionTable {
  id: string;
  user_id: string;
  provider: string;
  /** Fernet-encrypted JSON of the provider token set. */
  token: string;
  expires_at: number;
  created_at: number;
  updated_at: number;
}

export interface ConfigTable {
  id: Generated<number>;
  data: JsonRequired;
  version: number;
  created_at: DateTimeWithDefault;
  updated_at: DateTimeNullableWithDefault;
}

export interface AlembicVersionTable {
  version_num: string;
}

/** Peewee migration bookkeeping (`001_initial_schema` … `018_add_function_is_global`). */
export interface MigrateHistoryTable {
  id: Generated<number>;
  name: string;
  migrated_at: DateTime;
}

/** Our own migrations on top of the Open WebUI schema (see src/db/schema/index.ts). */
export interface OwuiTsMigrationTable {
  name: string;
  applied_at: number;
}

/** Message text of a chat in chunks, for search (migration 0003; SQLite adds an `id` rowid). */
export interface OwuiTsChatSearchChunkTable {
  chat_id: string;
  position: number;
  digest: string;
  content: string;
}

/** Top-level keys (JSON array) and scalar entries (JSON object) of a chat body (migration 0003). */
export interface OwuiTsChatHeadTable {
  chat_id: string;
  keys: string;
  scalars: string;
}

/** Chats written since their index rows were refreshed (filled by triggers on `chat`). */
export interface OwuiTsChatIndexPendingTable {
  chat_id: string;
}

export interface DB {
  user: UserTable;
  auth: AuthTable;
  api_key: ApiKeyTable;
  chat: ChatTable;
  chat_file: ChatFileTable;
  tag: TagTable;
  chatidtag: ChatIdTagTable;
  document: DocumentTable;
  file: FileTable;
  folder: FolderTable;
  function: FunctionTable;
  tool: ToolTable;
  model: ModelTable;
  prompt: PromptTable;
  knowledge: KnowledgeTable;
  knowledge_file: KnowledgeFileTable;
  memory: MemoryTable;
  group: GroupTable;
  group_member: GroupMemberTable;
  feedback: FeedbackTable;
  note: NoteTable;
  channel: ChannelTable;
  channel_member: ChannelMemberTable;
  channel_webhook: ChannelWebhookTable;
  channel_file: ChannelFileTable;
  message: MessageTable;
  message_reaction: MessageReactionTable;
  oauth_session: OauthSessionTable;
  config: ConfigTable;
  alembic_version: AlembicVersionTable;
  migratehistory: MigrateHistoryTable;
  owui_ts_migration: OwuiTsMigrationTable;
  owui_ts_chat_search_chunk: OwuiTsChatSearchChunkTable;
  owui_ts_chat_head: OwuiTsChatHeadTable;
  owui_ts_chat_index_pending: OwuiTsChatIndexPendingTable;
}
