// The `model` table: workspace model records (custom presets and annotations of provider models).
// All SQL for models lives here.
import { sql, type Insertable, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/connection.ts';
import type { DB } from '../db/types.ts';
import { decodeObject, encodeJson, toBool } from '../db/values.ts';
import { parseAccessControl, type OwnedResource } from '../auth/access-control.ts';
import { epochSeconds } from '../lib/time.ts';

type Json = Record<string, unknown>;

/** Open WebUI's ModelModel, field order as it serialises them. */
export interface ModelRecord {
  id: string;
  user_id: string;
  base_model_id: string | null;
  name: string;
  params: Json;
  meta: Json;
  access_control: Json | null;
  is_active: boolean;
  updated_at: number;
  created_at: number;
}

/** Open WebUI's UserResponse, as attached to listed models. */
export interface ModelOwner {
  id: string;
  name: string;
  role: string;
  email: string;
}

export type ModelWithUser = ModelRecord & { user: ModelOwner | null };

/** What create, update, import and sync write (everything but the owner and timestamps). */
export interface ModelFields {
  id: string;
  base_model_id: string | null;
  name: string;
  params: Json;
  meta: Json;
  access_control: Json | null;
  is_active: boolean;
}

/** A row as access checks see it (no big JSON columns). */
export interface ModelAccessRow extends OwnedResource {
  id: string;
}

export type ModelOrder = 'name' | 'created_at' | 'updated_at';

export interface ModelSearch {
  /** Substring of the name or base model id, case-insensitive. */
  query?: string | undefined;
  /** Lower-cased `"<tag>"` must occur in the meta JSON text (Open WebUI's tag match). */
  tag?: string | undefined;
  createdBy?: string | undefined;
  notCreatedBy?: string | undefined;
  orderBy: ModelOrder;
  direction: 'asc' | 'desc';
}

/** A sync payload item: a whole ModelModel (owner and updated_at are set by the sync). */
export type SyncedModel = ModelFields & { created_at: number };

export class ModelIdTakenError extends Error {}

/** ModelMeta's declared fields come first, with pydantic's defaults, then whatever else is stored. */
export function withMetaDefaults(meta: Json | null): Json {
  return { profile_image_url: '/static/favicon.png', description: null, capabilities: null, ...(meta ?? {}) };
}

type Row = Record<string, unknown>;
const MODEL_COLUMNS = ['id', 'user_id', 'base_model_id', 'name', 'params', 'meta', 'access_control', 'is_active', 'updated_at', 'created_at'] as const;

function toRecord(row: Row): ModelRecord {
  return {
    id: String(row['id']),
    user_id: String(row['user_id'] ?? ''),
    base_model_id: row['base_model_id'] === null || row['base_model_id'] === undefined ? null : String(row['base_model_id']),
    name: String(row['name'] ?? ''),
    params: decodeObject(row['params']) ?? {},
    meta: withMetaDefaults(decodeObject(row['meta'])),
    access_control: decodeObject(row['access_control']),
    is_active: row['is_active'] === null || row['is_active'] === undefined ? true : toBool(row['is_active']),
    updated_at: Number(row['updated_at'] ?? 0),
    created_at: Number(row['created_at'] ?? 0),
  };
}

function toAccessRow(row: { id: string; user_id: string; access_control: unknown }): ModelAccessRow {
  return { id: row.id, user_id: row.user_id, access_control: parseAccessControl(row.access_control) };
}

/** `lower(column) LIKE %text%`, case-insensitive on both dialects; `%` and `_` in the text match themselves. */
function containsText(column: 'name' | 'base_model_id' | 'meta', text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

export class ModelsStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  /** The row values of a ModelFields (owner and timestamps are the caller's to add). */
  private columns(fields: ModelFields): Omit<Insertable<DB['model']>, 'user_id' | 'created_at' | 'updated_at'> {
    const json = (v: unknown) => encodeJson(v, this.database.dialect) as string;
    return {
      id: fields.id,
      base_model_id: fields.base_model_id,
      name: fields.name,
      params: json(fields.params),
      meta: json(withMetaDefaults(fields.meta)),
      access_control: json(fields.access_control),
      is_active: fields.is_active,
    };
  }

  async getById(id: string): Promise<ModelRecord | null> {
    const row = await this.db.selectFrom('model').select(MODEL_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Records for these ids, in the order given (missing ids are skipped). */
  async getByIds(ids: readonly string[]): Promise<ModelRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('model').select(MODEL_COLUMNS).where('id', 'in', [...ids]).execute();
    const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Records with their owners (Open WebUI's UserResponse), in the order given. */
  async getByIdsWithUsers(ids: readonly string[]): Promise<ModelWithUser[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('model')
      .leftJoin('user', 'user.id', 'model.user_id')
      .select(MODEL_COLUMNS.map((c) => `model.${c}` as const))
      .select(['user.id as owner_id', 'user.name as owner_name', 'user.role as owner_role', 'user.email as owner_email'])
      .where('model.id', 'in', [...ids])
      .execute();
    const byId = new Map<string, ModelWithUser>();
    for (const row of rows) {
      const user = row.owner_id === null ? null : { id: row.owner_id, name: String(row.owner_name), role: String(row.owner_role), email: String(row.owner_email) };
      byId.set(row.id, { ...toRecord(row), user });
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Every record (the model catalogue layers them over the provider models). */
  async listAll(): Promise<ModelRecord[]> {
    const rows = await this.db.selectFrom('model').select(MODEL_COLUMNS).orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** Rows without a base model: annotations of provider models. */
  async listBase(): Promise<ModelRecord[]> {
    const rows = await this.db.selectFrom('model').select(MODEL_COLUMNS).where('base_model_id', 'is', null).orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** Access rows of the custom presets (base_model_id set) matching the search, in its order. */
  async searchCustom(search: ModelSearch): Promise<ModelAccessRow[]> {
    let qb = this.db.selectFrom('model').select(['id', 'user_id', 'access_control']).where('base_model_id', 'is not', null);
    if (search.query) {
      const query = search.query;
      qb = qb.where((eb) => eb.or([containsText('name', query), containsText('base_model_id', query)]));
    }
    if (search.tag) qb = qb.where(containsText('meta', JSON.stringify(search.tag)));
    if (search.createdBy !== undefined) qb = qb.where('user_id', '=', search.createdBy);
    if (search.notCreatedBy !== undefined) qb = qb.where('user_id', '!=', search.notCreatedBy);
    const rows = await qb.orderBy(search.orderBy, search.direction).orderBy('id').execute();
    return rows.map(toAccessRow);
  }

  /** Metas of these models (for tag lists). */
  async metasOf(ids: readonly string[]): Promise<Json[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('model').select('meta').where('id', 'in', [...ids]).execute();
    return rows.map((r) => withMetaDefaults(decodeObject(r.meta)));
  }

  /** Access rows of every model (import checks which existing ids the caller may overwrite). */
  async accessRowsOf(ids: readonly string[]): Promise<ModelAccessRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('model').select(['id', 'user_id', 'access_control']).where('id', 'in', [...ids]).execute();
    return rows.map(toAccessRow);
  }

  async create(userId: string, fields: ModelFields): Promise<ModelRecord> {
    const now = epochSeconds();
    try {
      await this.db.insertInto('model').values({ ...this.columns(fields), user_id: userId, created_at: now, updated_at: now }).execute();
    } catch (err) {
      // A concurrent create of the same id lost the race on the unique index.
      if (await this.getById(fields.id)) throw new ModelIdTakenError();
      throw err;
    }
    return (await this.getById(fields.id)) as ModelRecord;
  }

  /** Replaces every field but the id (and owner); null when the model is gone. */
  async update(fields: ModelFields): Promise<ModelRecord | null> {
    const { id, ...rest } = this.columns(fields);
    const result = await this.db.updateTable('model').set({ ...rest, updated_at: epochSeconds() }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n ? this.getById(id) : null;
  }

  async toggle(id: string): Promise<ModelRecord | null> {
    const model = await this.getById(id);
    if (!model) return null;
    await this.db.updateTable('model').set({ is_active: !model.is_active, updated_at: epochSeconds() }).where('id', '=', id).execute();
    return this.getById(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('model').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async deleteAll(): Promise<void> {
    await this.db.deleteFrom('model').execute();
  }

  /** Writes an import in one transaction: `updates` replace existing rows, `inserts` are owned by userId. */
  async importModels(userId: string, updates: readonly ModelFields[], inserts: readonly ModelFields[]): Promise<void> {
    const now = epochSeconds();
    await this.db.transaction().execute(async (trx) => {
      for (const fields of updates) {
        const { id, ...rest } = this.columns(fields);
        await trx.updateTable('model').set({ ...rest, updated_at: now }).where('id', '=', id).execute();
      }
      for (const fields of inserts) {
        await trx.insertInto('model').values({ ...this.columns(fields), user_id: userId, created_at: now, updated_at: now }).execute();
      }
    });
  }

  /** Makes the table equal to the payload, every row owned by userId; returns all rows. */
  async sync(userId: string, models: readonly SyncedModel[]): Promise<ModelRecord[]> {
    const now = epochSeconds();
    await this.db.transaction().execute(async (trx) => {
      const keep = models.map((m) => m.id);
      await (keep.length ? trx.deleteFrom('model').where('id', 'not in', keep) : trx.deleteFrom('model')).execute();
      const existing = new Set(await this.existingIds(trx, keep));
      for (const model of models) {
        const values = { ...this.columns(model), user_id: userId, created_at: model.created_at, updated_at: now };
        if (existing.has(model.id)) await trx.updateTable('model').set(values).where('id', '=', model.id).execute();
        else await trx.insertInto('model').values(values).execute();
        existing.add(model.id);
      }
    });
    const rows = await this.db.selectFrom('model').select(MODEL_COLUMNS).orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  private async existingIds(trx: Transaction<DB>, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await trx.selectFrom('model').select('id').where('id', 'in', [...ids]).execute();
    return rows.map((r) => r.id);
  }
}
