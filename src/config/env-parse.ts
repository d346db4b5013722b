// Parsers for environment values. Every failure names the variable, so a bad deployment fails at
// start with one line that says what to fix.

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`invalid environment variable ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function parseBool(name: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

export function parseInteger(name: string, raw: string): number {
  const v = raw.trim();
  if (!/^-?\d+$/.test(v)) throw new ConfigError(name, `expected an integer, got "${raw}"`);
  return Number(v);
}

export function parseNumber(name: string, raw: string): number {
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(n)) throw new ConfigError(name, `expected a number, got "${raw}"`);
  return n;
}

export function parseJson(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(name, 'expected valid JSON');
  }
}

export function parseOneOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  const v = raw.trim() as T;
  if (!allowed.includes(v)) throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${raw}"`);
  return v;
}

/** First of the names that is set and not empty (Open WebUI keeps legacy aliases for some variables). */
export function pick(env: Env, names: string | readonly string[]): { name: string; raw: string } | undefined {
  for (const name of typeof names === 'string' ? [names] : names) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') return { name, raw };
  }
  return undefined;
}

export function envBool(env: Env, names: string | readonly string[], fallback: boolean): boolean {
  const hit = pick(env, names);
  return hit ? parseBool(hit.name, hit.raw) : fallback;
}

export function envInt(env: Env, names: string | readonly string[], fallback: number): number {
  const hit = pick(env, names);
  return hit ? parseInteger(hit.name, hit.raw) : fallback;
}

export function envOptionalInt(env: Env, names: string | readonly string[]): number | undefined {
  const hit = pick(env, names);
  return hit ? parseInteger(hit.name, hit.raw) : undefined;
}

export function envStr(env: Env, names: string | readonly string[], fallback: string): string {
  return pick(env, names)?.raw ?? fallback;
}

export function envOptionalStr(env: Env, names: string | readonly string[]): string | undefined {
  return pick(env, names)?.raw;
}
