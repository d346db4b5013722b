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
