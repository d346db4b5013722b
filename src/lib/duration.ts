// Open WebUI's duration grammar for JWT_EXPIRES_IN: one or more `<number><unit>` pairs, summed.
const PAIR = /(-?\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
const WHOLE = /^(?:-?\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** The admin UI only accepts a single pair (or -1 / 0); this is the check it applies on save. */
export const ADMIN_DURATION_PATTERN = /^(-1|0|(-?\d+(\.\d+)?)(ms|s|m|h|d|w))$/;

export function isDuration(text: string): boolean {
  return text === '-1' || text === '0' || WHOLE.test(text);
}

/** Seconds, or null when tokens never expire (`-1`, `0`, or a sum of zero). */
export function parseDurationSeconds(text: string): number | null {
  if (text === '-1' || text === '0') return null;
  if (!WHOLE.test(text)) throw new Error(`invalid duration "${text}"`);
  let total = 0;
  for (const m of text.matchAll(PAIR)) total += Number(m[1]) * (SECONDS[m[2] ?? 's'] ?? 1);
  return total === 0 ? null : total;
}
