// PersistentConfig entries under `models.*`.
import { bool } from '../entry.ts';

export const MODELS_CONFIG = {
  ENABLE_BASE_MODELS_CACHE: bool('ENABLE_BASE_MODELS_CACHE', 'models.base_models_cache', false),
} as const;
