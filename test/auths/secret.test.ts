// The signing secret: WEBUI_SECRET_KEY (or its legacy alias), else the key file Open WebUI's start
// script keeps, created once; sessions survive a restart either way.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signup, startServer, TEST_SECRET } from '../helpers/server.ts';
import { resolveSecretKey } from '../../src/auth/secret.ts';
import { ERROR_MESSAGES, assertDetail, makeJwt, nowSec, restart, uuid, whoami } from './support.ts';

describe('resolveSecretKey', () => {
  test('the environment value wins and no file is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'owui-secret-'));
    try {
      assert.equal(resolveSecretKey('from-env', join(dir, '.webui_secret_key')), 'from-env');
      assert.equal(existsSync(join(dir, '.webui_secret_key')), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without one, a 16-character base64 key (12 random bytes) is created once, private, and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'owui-secret-'));
    try {
      const file = join(dir, 'nested', '.webui_secret_key');
      const key = resolveSecretKey(undefined, file);
      assert.match(key, /^[A-Za-z0-9+/]{16}$/);
      assert.equal(Buffer.from(key, 'base64').length, 12);
      assert.equal(readFileSync(file, 'utf8').trim(), key);
      assert.equal(statSync(file).mode & 0o077, 0, 'key file readable by others');
      assert.equal(resolveSecretKey(undefined, file), key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an existing key file (as Docker writes it, with a trailing newline) is read trimmed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'owui-secret-'));
    try {
      const file = join(dir, '.webui_secret_key');
      writeFileSync(file, 'AbCdEfGhIjKlMnOp\n');
      assert.equal(resolveSecretKey(undefined, file), 'AbCdEfGhIjKlMnOp');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the secret over HTTP', () => {
  test('WEBUI_JWT_SECRET_KEY (legacy alias) signs and verifies tokens', async () => {
    const server = await startServer({ WEBUI_SECRET_KEY: '', WEBUI_JWT_SECRET_KEY: 'legacy-secret' });
    try {
      const admin = await signup(server, 'Ada Admin', 'admin@example.com');
      assert.equal((await whoami(server, makeJwt({ id: admin.id, exp: nowSec() + 60, jti: uuid() }, 'legacy-secret'))).status, 200);
      assertDetail(await whoami(server, makeJwt({ id: admin.id, exp: nowSec() + 60, jti: uuid() }, TEST_SECRET)), 401, ERROR_MESSAGES.INVALID_TOKEN);
    } finally {
      await server.close();
    }
  });

  test('with no secret configured, the generated key file keeps sessions valid across a restart', async () => {
    const first = await startServer({ WEBUI_SECRET_KEY: '' }, { keepData: true });
    const admin = await signup(first, 'Ada Admin', 'admin@example.com');
    const keyFile = join(first.env['DATA_DIR'] as string, '.webui_secret_key');
    const key = readFileSync(keyFile, 'utf8').trim();
    assert.equal((await whoami(first, makeJwt({ id: admin.id, exp: nowSec() + 60 }, key))).status, 200);
    const second = await restart(first);
    try {
      const res = await whoami(second, admin.token);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.id, admin.id);
      // The test secret is not in use.
      assertDetail(await whoami(second, makeJwt({ id: admin.id, exp: nowSec() + 60 }, TEST_SECRET)), 401, ERROR_MESSAGES.INVALID_TOKEN);
    } finally {
      await second.close();
    }
  });
});
