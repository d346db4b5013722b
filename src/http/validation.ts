// Request validation with zod, answered the way FastAPI (pydantic v2) answers it:
// 422 {"detail": [{"type", "loc", "msg", "input"}]} with loc starting at body/query/path.
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { isBoolParsingIssue } from './query.ts';

export interface FastApiErrorItem {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export class RequestValidationError extends Error {
  readonly statusCode = 422;
  constructor(readonly detail: FastApiErrorItem[]) {
    super('Request validation failed');
    this.name = 'RequestValidationError';
  }
}

const PART: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

type Issue = z.core.$ZodIssue;

function inputAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['string_type', 'Input should be a valid string'],
  number: ['float_type', 'Input should be a valid number'],
  int: ['int_type', 'Input should be a valid integer'],
  boolean: ['bool_type', 'Input should be a valid boolean'],
  array: ['list_type', 'Input should be a valid list'],
  object: ['dict_type', 'Input should be a valid dictionary'],
  record: ['dict_type', 'Input should be a valid dictionary'],
  date: ['date_type', 'Input should be a valid date'],
};

function describe(issue: Issue, input: unknown, atRoot: boolean): Pick<FastApiErrorItem, 'type' | 'msg'> & { ctx?: Record<string, unknown> } {
  switch (issue.code) {
    case 'invalid_type': {
      // FastAPI treats a JSON `null` body like no body at all.
      if (input === undefined || (atRoot && input === null)) return { type: 'missing', msg: 'Field required' };
      if (atRoot && issue.expected === 'object') {
        return { type: 'model_attributes_type', msg: 'Input should be a valid dictionary or object to extract fields from' };
      }
      const [type, msg] = TYPE_NAMES[issue.expected] ?? ['type_error', `Input should be a valid ${issue.expected}`];
      return { type, msg };
    }
    case 'too_big':
      if (issue.origin === 'string') return { type: 'string_too_long', msg: `String should have at most ${issue.maximum} characters`, ctx: { max_length: issue.maximum } };
      if (issue.origin === 'array') return { type: 'too_long', msg: `List should have at most ${issue.maximum} items`, ctx: { max_length: issue.maximum } };
      return { type: 'less_than_equal', msg: `Input should be less than or equal to ${issue.maximum}`, ctx: { le: issue.maximum } };
    case 'too_small':
      if (issue.origin === 'string') return { type: 'string_too_short', msg: `String should have at least ${issue.minimum} characters`, ctx: { min_length: issue.minimum } };
      if (issue.origin === 'array') return { type: 'too_short', msg: `List should have at least ${issue.minimum} items`, ctx: { min_length: issue.minimum } };
      return { type: 'greater_than_equal', msg: `Input should be greater than or equal to ${issue.minimum}`, ctx: { ge: issue.minimum } };
    case 'invalid_value': {
      if (isBoolParsingIssue(issue.values)) return { type: 'bool_parsing', msg: 'Input should be a valid boolean, unable to interpret input' };
      const options = issue.values.map((v) => `'${String(v)}'`);
      const text = options.length > 1 ? `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}` : options[0];
      return { type: 'literal_error', msg: `Input should be ${text}` };
    }
    case 'invalid_format':
      return { type: 'value_error', msg: `Value error, invalid ${issue.format}` };
    default:
      return { type: 'value_error', msg: `Value error, ${issue.message}` };
  }
}

export function toFastApiErrors(issues: readonly Issue[], data: unknown, part: string): FastApiErrorItem[] {
  return issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    const input = inputAt(data, path);
    const { type, msg, ctx } = describe(issue, input, path.length === 0);
    const item: FastApiErrorItem = {
      type,
      loc: [part, ...path.map((p) => (typeof p === 'number' ? p : String(p)))],
      msg,
      input: input === undefined ? (path.length === 0 ? null : (inputAt(data, path.slice(0, -1)) ?? null)) : input,
    };
    if (ctx) item.ctx = ctx;
    return item;
  });
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(toFastApiErrors(result.error.issues, data, PART[httpPart ?? 'body'] ?? 'body')) };
  };
