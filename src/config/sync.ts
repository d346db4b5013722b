// Keeping instances in step: a saved setting or /api/system/reload on one instance makes every
// instance re-read the config table (Redis pub/sub). Without Redis there is only this instance.
import { randomUUID } from 'node:crypto';
import type { Services } from '../services.ts';

const CHANNEL = 'config:reload';

export async function installConfigSync(services: Services): Promise<void> {
  const { redis, config } = services;
  if (!redis) return;
  const instance = randomUUID();
  await redis.subscribe(CHANNEL, (message) => {
    if (message === instance) return;
    config.reload().catch(() => undefined);
  });
  config.onSaved(() => {
    redis.publish(CHANNEL, instance).catch(() => undefined);
  });
}

/** Reload here and tell every other instance to reload too. */
export async function reloadEverywhere(services: Services): Promise<void> {
  await services.config.reload();
  await services.redis?.publish(CHANNEL, 'reload');
}
