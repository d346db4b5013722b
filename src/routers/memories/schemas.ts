// Request shapes of the memories router (api-rest.md §2.5).
import { z } from 'zod';

/** Longest memory accepted (upstream has no limit; a memory is a short fact injected into prompts). */
export const MEMORY_MAX_CHARS = 100_000;

/** Most memories one query may return. */
export const QUERY_MAX_K = 1_000;

export const AddMemoryForm = z.object({ content: z.string().max(MEMORY_MAX_CHARS) });

/** Content may be absent or null: the memory is then answered unchanged. */
export const MemoryUpdateModel = z.object({ content: z.string().max(MEMORY_MAX_CHARS).nullish() });

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

/** k as pydantic's lax mode reads an int: a whole JSON number or a string of digits; at least 1. */
const QueryK = z.preprocess((v, ctx) => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && INTEGER_TEXT.test(v)) return Number(v);
  ctx.addIssue({ code: 'invalid_type', expected: 'int', input: v });
  return z.NEVER;
}, z.int().min(1).max(QUERY_MAX_K)).nullish();

/** k defaults to 1 (also when null), as upstream. */
export const QueryMemoryForm = z.object({ content: z.string().max(MEMORY_MAX_CHARS), k: QueryK });

export const MemoryIdParams = z.object({ memory_id: z.string().max(255) });
