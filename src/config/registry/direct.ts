// PersistentConfig entries under `direct.*`: user-supplied ("direct") model connections.
import { bool } from '../entry.ts';

export const DIRECT_CONFIG = {
  ENABLE_DIRECT_CONNECTIONS: bool('ENABLE_DIRECT_CONNECTIONS', 'direct.enable', false),
} as const;
