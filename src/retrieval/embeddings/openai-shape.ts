// The OpenAI embeddings response, shared by OpenAI-compatible servers and Azure OpenAI:
// {data: [{index, embedding}, ...]}, put back in input order by `index` when every item has one.
import { isRecord, UpstreamError } from '../upstream.ts';
import { checkVectors } from './http-embedder.ts';

export function openAIVectors(label: string, body: unknown, expected: number): number[][] {
  const data = isRecord(body) ? body['data'] : undefined;
  if (!Array.isArray(data)) throw new UpstreamError(`${label}: the response has no data`);
  const items = data.filter(isRecord);
  const indexed = items.length === data.length && items.every((item) => Number.isInteger(item['index']));
  const ordered = indexed ? [...items].sort((a, b) => (a['index'] as number) - (b['index'] as number)) : data.map((item) => (isRecord(item) ? item : {}));
  return checkVectors(label, ordered.map((item) => item['embedding']), expected);
}
