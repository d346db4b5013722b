import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OPENAPI_DOC, openapiDocument } from '../../scripts/openapi.ts';

test('docs/openapi.json is the API the server serves (run `npm run openapi` after changing routes)', async () => {
  assert.equal(readFileSync(OPENAPI_DOC, 'utf8'), await openapiDocument());
});
