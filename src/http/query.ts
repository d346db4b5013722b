// Query-string types parsed the way FastAPI (pydantic) parses them.
import { z } from 'zod';

const TRUTHY = ['true', '1', 'yes', 'on', 'y', 't'];
const FALSY = ['false', '0', 'no', 'off', 'n', 'f'];

/** A boolean query parameter: pydantic's spellings (case-insensitive); others are `bool_parsing`. */
export const QueryBool = z.stringbool({ truthy: TRUTHY, falsy: FALSY, case: 'insensitive' });

/** True for the issue a QueryBool reports, so validation can answer pydantic's `bool_parsing`. */
export function isBoolParsingIssue(values: readonly unknown[]): boolean {
  return values.length === TRUTHY.length + FALSY.length && values.includes('true') && values.includes('false');
}

/** A query-string integer as FastAPI parses one; refused with "Input should be a valid integer". */
export const QueryInt = z
  .string()
  .max(20)
  .transform((raw, ctx) => {
    if (/^\s*[+-]?\d+\s*$/.test(raw)) return Number(raw);
    ctx.addIssue({ code: 'invalid_type', expected: 'int', input: raw });
    return z.NEVER;
  });

/** A page number (beyond 10⁹ the offset would not fit the databases' integers). */
export const QueryPage = QueryInt.pipe(z.number().int().max(1_000_000_000));
