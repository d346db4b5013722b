// Narrowing values that came from JSON (request bodies, stored columns, upstream answers).

/** A JSON object: not null, not an array. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
