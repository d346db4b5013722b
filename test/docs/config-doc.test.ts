import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CONFIGURATION_DOC, configurationMarkdown } from '../../scripts/config-doc.ts';

test('docs/CONFIGURATION.md matches the registry (run `npm run config-doc` after changing settings)', () => {
  assert.equal(readFileSync(CONFIGURATION_DOC, 'utf8'), configurationMarkdown());
});
