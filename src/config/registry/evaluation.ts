// PersistentConfig entries under `evaluation.*`: the arena (blind A/B model comparison).
import { bool, isArray, json } from '../entry.ts';

export const EVALUATION_CONFIG = {
  ENABLE_EVALUATION_ARENA_MODELS: bool('ENABLE_EVALUATION_ARENA_MODELS', 'evaluation.arena.enable', true),
  // Upstream never reads this from the environment; a JSON array here is accepted as a convenience.
  EVALUATION_ARENA_MODELS: json('EVALUATION_ARENA_MODELS', 'evaluation.arena.models', (): unknown[] => [], isArray),
} as const;
