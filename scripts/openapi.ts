// Writes docs/openapi.json, the OpenAPI document the running server serves with ENV=dev
// (`npm run openapi`); test/docs/openapi.test.ts fails when the committed file is stale, so an API
// change shows up in review as a diff of this file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';

export const OPENAPI_DOC = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

export async function openapiDocument(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'owui-openapi-'));
  try {
    const built = await buildApp({ ENV: 'dev', DATA_DIR: dir, WEBUI_SECRET_KEY: 'openapi', LOG_LEVEL: 'silent', FRONTEND_BUILD_DIR: join(dir, 'none') });
    try {
      await built.app.ready();
      return `${JSON.stringify(built.app.swagger(), null, 2)}\n`;
    } finally {
      await built.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_DOC, await openapiDocument());
  console.log(`wrote ${OPENAPI_DOC}`);
}
