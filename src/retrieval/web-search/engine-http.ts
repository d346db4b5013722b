// One request to a search engine, with the search's fetch, time limit and abort signal.
import { requestJson, type JsonRequest } from '../upstream.ts';
import { engineLabel, type EngineRequest } from './types.ts';

export type EngineCall = Pick<JsonRequest, 'method' | 'headers' | 'json' | 'body'>;

export function engineJson(engine: string, req: EngineRequest, url: string | URL, call: EngineCall = {}): Promise<unknown> {
  return requestJson(engineLabel(engine), url, {
    ...call,
    timeoutMs: req.timeoutMs,
    fetch: req.fetch,
    ...(req.signal ? { signal: req.signal } : {}),
  });
}

/** `base` with these query parameters set (kept: any the base already has). */
export function withParams(base: string, params: Record<string, string | number | undefined>): URL {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}
