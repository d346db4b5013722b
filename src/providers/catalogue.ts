// The model catalogue behind GET /api/models (Open WebUI's utils/models.py): provider models from
// Ollama and the OpenAI-compatible connections, workspace model records layered on top (a record
// without a base model renames and describes a provider model, or hides it when inactive; one with
// a base model is a preset of its own), the arena model, and who may see and use what.
import type { PersistentConfig } from '../config/persistent.ts';
import type { Settings } from '../config/settings.ts';
import { hasAccess, parseAccessControl, type AccessChecker } from '../auth/access-control.ts';
import type { UserModel } from '../stores/users.ts';
import type { ModelRecord, ModelsStore } from '../stores/models.ts';
import { epochSeconds } from '../lib/time.ts';
import { HTTPException } from '../lib/errors.ts';
import { MODEL_NOT_FOUND } from './messages.ts';
import type { OllamaModels } from './ollama-models.ts';
import type { OpenAIModels } from './openai-models.ts';
import { isObject } from '../lib/json.ts';

export type CatalogueModel = Record<string, unknown> & { id: string; name: string; owned_by: string };

const DEFAULT_ARENA_MODEL = {
  id: 'arena-model',
  name: 'Arena Model',
  meta: { profile_image_url: '/favicon.png', description: 'Submit your questions to anonymous AI chatbots and vote on the best response.', model_ids: null },
};

/** A record as `info` (ModelModel without `params`). */
function infoOf(record: ModelRecord): Record<string, unknown> {
  const { params: _params, ...info } = record;
  return info;
}

/** Open WebUI matches an Ollama `llama3:8b` with a record for `llama3` too. */
const sameModel = (record: ModelRecord, model: CatalogueModel) => record.id === model.id || (model.owned_by === 'ollama' && record.id === model.id.split(':')[0]);

export class ModelCatalogue {
  private lastBase: CatalogueModel[] | undefined;

  constructor(
    private readonly ollama: OllamaModels,
    private readonly openai: OpenAIModels,
    private readonly records: ModelsStore,
    private readonly access: AccessChecker,
    private readonly settings: Settings,
    private readonly config: PersistentConfig,
  ) {}

  /** Provider models (GET /api/models/base): OpenAI-compatible first, then Ollama. */
  async base(refresh = false): Promise<CatalogueModel[]> {
    const [openai, ollama] = await Promise.all([this.openai.list(refresh), this.ollama.list(refresh)]);
    const created = epochSeconds();
    const fromOllama = ollama.map((m): CatalogueModel => ({
      id: m.model,
      name: m.name,
      object: 'model',
      created,
      owned_by: 'ollama',
      ollama: m,
      connection_type: m['connection_type'] ?? 'local',
      tags: m['tags'] ?? [],
    }));
    this.lastBase = [...openai, ...fromOllama];
    return this.lastBase;
  }

  /** Every model with the workspace records applied (before per-user filtering). */
  async all(refresh = false): Promise<CatalogueModel[]> {
    const reuse = this.config.get('ENABLE_BASE_MODELS_CACHE') && !refresh && this.lastBase;
    const base = reuse ? (this.lastBase as CatalogueModel[]) : await this.base(refresh);
    const models: CatalogueModel[] = base.map((m) => ({ ...m }));
    if (models.length === 0) return [];
    if (this.config.get('ENABLE_EVALUATION_ARENA_MODELS')) models.push(...this.arenaModels());

    for (const record of await this.records.listAll()) {
      if (record.base_model_id === null) {
        for (const model of models.filter((m) => sameModel(record, m))) {
          if (!record.is_active) {
            models.splice(models.indexOf(model), 1);
            continue;
          }
          model.name = record.name;
          model['info'] = infoOf(record);
        }
      } else if (record.is_active && !models.some((m) => m.id === record.id)) {
        const base = models.find((m) => record.base_model_id === m.id || record.base_model_id === m.id.split(':')[0]);
        models.push({
          id: record.id,
          name: record.name,
          object: 'model',
          created: record.created_at,
          owned_by: String(base?.owned_by ?? 'openai'),
          connection_type: base?.['connection_type'] ?? null,
          preset: true,
          ...(base && 'pipe' in base ? { pipe: base['pipe'] } : {}),
          info: infoOf(record),
        });
      }
    }
    // Actions and filters come from functions, which this server does not run yet.
    for (const model of models) {
      model['actions'] = [];
      model['filters'] = [];
    }
    return models;
  }

  /** GET /api/models for this user: filter pipelines out, tags merged, ordered, access-filtered. */
  async visibleTo(user: UserModel, refresh = false): Promise<CatalogueModel[]> {
    const models = (await this.all(refresh)).filter((m) => !(isObject(m['pipeline']) && m['pipeline']['type'] === 'filter'));
    for (const model of models) {
      const info = isObject(model['info']) ? { ...model['info'] } : undefined;
      const meta = info && isObject(info['meta']) ? { ...info['meta'] } : undefined;
      if (info && meta) {
        delete meta['profile_image_url'];
        info['meta'] = meta;
        model['info'] = info;
      }
      const names = [...tagNames(meta?.['tags']), ...tagNames(model['tags'])];
      model['tags'] = [...new Set(names)].map((name) => ({ name }));
    }
    const order = this.config.get('MODEL_ORDER_LIST');
    if (order.length > 0) {
      const rank = new Map(order.map((id, i) => [id, i]));
      models.sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || (a.name || '').localeCompare(b.name || ''));
    }
    return this.filterFor(user, models);
  }

  /** A model by id, as the catalogue has it (records applied). */
  async find(id: string): Promise<CatalogueModel | undefined> {
    return (await this.all()).find((m) => m.id === id);
  }

  /**
   * Whether the user may use the model: admins always; with BYPASS_MODEL_ACCESS_CONTROL everyone;
   * otherwise a workspace record must exist and the user own it or have read access.
   */
  async mayUse(user: UserModel, modelId: string): Promise<boolean> {
    if (user.role === 'admin' || this.settings.bypassModelAccessControl) return true;
    const record = await this.records.getById(modelId);
    return record !== null && (record.user_id === user.id || (await this.access.can(user, 'read', record)));
  }

  /**
   * 403 `Model not found` unless the user may use one of `ids` (the name as sent, its `:latest`
   * form…). No request flag skips this (Open WebUI's `bypass_filter` could).
   */
  async assertMayUse(user: UserModel, ...ids: string[]): Promise<void> {
    for (const id of new Set(ids)) if (await this.mayUse(user, id)) return;
    throw new HTTPException(403, MODEL_NOT_FOUND);
  }

  private async filterFor(user: UserModel, models: CatalogueModel[]): Promise<CatalogueModel[]> {
    if (this.settings.bypassModelAccessControl) return models;
    if (user.role === 'admin' && this.settings.bypassAdminAccessControl) return models;
    const records = new Map((await this.records.getByIds(models.filter((m) => !m['arena']).map((m) => m.id))).map((r) => [r.id, r]));
    const groupIds = await this.access.groupIdsOf(user.id);
    return models.filter((model) => {
      if (model['arena']) {
        const meta = isObject(model['info']) && isObject(model['info']['meta']) ? model['info']['meta'] : {};
        // Open WebUI reads a missing access_control here as `{}`: nobody but bypassing admins.
        return hasAccess(user.id, groupIds, 'read', parseAccessControl(meta['access_control'] ?? {}));
      }
      const record = records.get(model.id);
      return record !== undefined && (record.user_id === user.id || hasAccess(user.id, groupIds, 'read', parseAccessControl(record.access_control)));
    });
  }

  private arenaModels(): CatalogueModel[] {
    const configured = this.config.get('EVALUATION_ARENA_MODELS').filter(isObject);
    const arenas = configured.length > 0 ? configured : [DEFAULT_ARENA_MODEL];
    return arenas.map((a) => ({ id: String(a['id']), name: String(a['name']), info: { meta: a['meta'] }, object: 'model', created: epochSeconds(), owned_by: 'arena', arena: true }));
  }
}

function tagNames(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  return tags.map((t) => (isObject(t) ? t['name'] : t)).filter((n): n is string => typeof n === 'string');
}
