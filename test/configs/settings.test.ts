// Configs router: who may call what, the stored settings forms, validation, persistence over a restart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, adminAndUser, startServer, testEnv, type Account, type TestServer } from '../helpers/server.ts';
import { ACCESS_PROHIBITED, BANNER, CODE_EXECUTION, TOOL_SERVER, read } from './support.ts';

const ADMIN_ROUTES: [string, string][] = [
  ['POST', '/import'],
  ['GET', '/export'],
  ['GET', '/connections'],
  ['POST', '/connections'],
  ['POST', '/oauth/clients/register'],
  ['GET', '/tool_servers'],
  ['POST', '/tool_servers'],
  ['POST', '/tool_servers/verify'],
  ['GET', '/code_execution'],
  ['POST', '/code_execution'],
  ['GET', '/models'],
  ['POST', '/models'],
  ['POST', '/suggestions'],
  ['POST', '/banners'],
];

describe('configs: access and forms', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  let pending: Account;

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    pending = await addUser(server, admin, 'Pete Pending', 'pending@example.com', 'pending');
  });
  after(async () => {
    await server.close();
  });

  it('answers 401 without credentials on every route, also under /api/configs', async () => {
    for (const [method, path] of [...ADMIN_ROUTES, ['GET', '/banners'] as [string, string]]) {
      for (const prefix of ['/api/v1/configs', '/api/configs']) {
        const res = await server.request(method, prefix + path, { body: method === 'POST' ? {} : undefined });
        assert.equal(res.status, 401, `${method} ${prefix}${path}`);
        assert.equal(res.body.detail, 'Not authenticated');
      }
    }
  });

  it('answers 401 ACCESS_PROHIBITED to users and pending users on admin routes', async () => {
    for (const account of [user, pending]) {
      for (const [method, path] of ADMIN_ROUTES) {
        const res = await server.request(method, `/api/v1/configs${path}`, { token: account.token, body: method === 'POST' ? {} : undefined });
        assert.equal(res.status, 401, `${account.role} ${method} ${path}`);
        assert.equal(res.body.detail, ACCESS_PROHIBITED);
      }
    }
  });

  it('banners: admin sets, every verified user reads an array; pending users may not', async () => {
    assert.deepEqual(await read(server, user.token, '/banners'), []);
    const second = { id: 'b2', type: 'info', content: 'Hello', dismissible: false, timestamp: 1_700_000_100, extra: 'dropped' };
    const set = await server.request('POST', '/api/v1/configs/banners', { token: admin.token, body: { banners: [BANNER, second] } });
    assert.equal(set.status, 200, set.text);
    const expected = [BANNER, { id: 'b2', type: 'info', title: null, content: 'Hello', dismissible: false, timestamp: 1_700_000_100 }];
    assert.deepEqual(set.body, expected);
    assert.deepEqual(await read(server, user.token, '/banners'), expected);
    assert.deepEqual(await read(server, admin.token, '/banners'), expected);
    const denied = await server.request('GET', '/api/v1/configs/banners', { token: pending.token });
    assert.equal(denied.status, 401);
    assert.equal(denied.body.detail, ACCESS_PROHIBITED);
  });

  it('banners: a malformed banner is 422 and nothing is stored', async () => {
    const before = await read(server, admin.token, '/banners');
    for (const banners of [[{ ...BANNER, dismissible: 'yes' }], [{ ...BANNER, timestamp: 1.5 }], [{ id: 'x', content: 'no type', dismissible: true, timestamp: 1 }], 'nope']) {
      const res = await server.request('POST', '/api/v1/configs/banners', { token: admin.token, body: { banners } });
      assert.equal(res.status, 422, JSON.stringify(banners));
      assert.ok(Array.isArray(res.body.detail));
    }
    const missingType = await server.request('POST', '/api/v1/configs/banners', { token: admin.token, body: { banners: [{ id: 'x', content: 'c', dismissible: true, timestamp: 1 }] } });
    assert.deepEqual(missingType.body.detail[0].loc, ['body', 'banners', 0, 'type']);
    assert.equal(missingType.body.detail[0].type, 'missing');
    assert.deepEqual(await read(server, admin.token, '/banners'), before);
  });

  it('connections: defaults, update, 422 on a missing key', async () => {
    assert.deepEqual(await read(server, admin.token, '/connections'), { ENABLE_DIRECT_CONNECTIONS: false, ENABLE_BASE_MODELS_CACHE: false });
    const body = { ENABLE_DIRECT_CONNECTIONS: true, ENABLE_BASE_MODELS_CACHE: true };
    const set = await server.request('POST', '/api/v1/configs/connections', { token: admin.token, body });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.body, body);
    const bad = await server.request('POST', '/api/v1/configs/connections', { token: admin.token, body: { ENABLE_DIRECT_CONNECTIONS: false } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.detail[0].loc, ['body', 'ENABLE_BASE_MODELS_CACHE']);
    assert.deepEqual(await read(server, admin.token, '/connections'), body, 'the rejected form changed nothing');
  });

  it('code execution: defaults, update, nullable keys, 422 when a key is missing', async () => {
    const defaults = await read(server, admin.token, '/code_execution');
    assert.equal(defaults.ENABLE_CODE_EXECUTION, true);
    assert.equal(defaults.CODE_EXECUTION_ENGINE, 'pyodide');
    assert.equal(defaults.CODE_INTERPRETER_JUPYTER_TIMEOUT, 60);
    const set = await server.request('POST', '/api/v1/configs/code_execution', { token: admin.token, body: CODE_EXECUTION });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.body, CODE_EXECUTION);
    assert.deepEqual(await read(server, admin.token, '/code_execution'), CODE_EXECUTION);

    const { CODE_INTERPRETER_JUPYTER_URL: _omitted, ...missing } = CODE_EXECUTION;
    const bad = await server.request('POST', '/api/v1/configs/code_execution', { token: admin.token, body: { ...missing, ENABLE_CODE_EXECUTION: true } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.detail[0].loc, ['body', 'CODE_INTERPRETER_JUPYTER_URL']);
    const wrongType = await server.request('POST', '/api/v1/configs/code_execution', { token: admin.token, body: { ...CODE_EXECUTION, CODE_EXECUTION_JUPYTER_TIMEOUT: 'soon' } });
    assert.equal(wrongType.status, 422);
    assert.deepEqual(await read(server, admin.token, '/code_execution'), CODE_EXECUTION, 'rejected forms changed nothing');

    const nulls = await server.request('POST', '/api/v1/configs/code_execution', {
      token: admin.token,
      body: { ...CODE_EXECUTION, CODE_EXECUTION_JUPYTER_AUTH_TOKEN: null, CODE_EXECUTION_JUPYTER_TIMEOUT: null },
    });
    assert.equal(nulls.status, 200, nulls.text);
    assert.equal(nulls.body.CODE_EXECUTION_JUPYTER_AUTH_TOKEN, '');
    assert.equal(nulls.body.CODE_EXECUTION_JUPYTER_TIMEOUT, 120, 'a null timeout keeps the current one');
  });

  it('models: update, nullable keys, 422 on a missing key', async () => {
    assert.deepEqual(await read(server, admin.token, '/models'), { DEFAULT_MODELS: null, DEFAULT_PINNED_MODELS: null, MODEL_ORDER_LIST: [] });
    const body = { DEFAULT_MODELS: 'llama3,gpt-4o', DEFAULT_PINNED_MODELS: 'gpt-4o', MODEL_ORDER_LIST: ['gpt-4o', 'llama3'] };
    const set = await server.request('POST', '/api/v1/configs/models', { token: admin.token, body });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.body, body);
    const bad = await server.request('POST', '/api/v1/configs/models', { token: admin.token, body: { DEFAULT_MODELS: 'x', MODEL_ORDER_LIST: [] } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.detail[0].loc, ['body', 'DEFAULT_PINNED_MODELS']);
    const badList = await server.request('POST', '/api/v1/configs/models', { token: admin.token, body: { ...body, MODEL_ORDER_LIST: [1] } });
    assert.equal(badList.status, 422);
    assert.deepEqual(await read(server, admin.token, '/models'), body);
    const cleared = await server.request('POST', '/api/v1/configs/models', { token: admin.token, body: { DEFAULT_MODELS: null, DEFAULT_PINNED_MODELS: null, MODEL_ORDER_LIST: null } });
    assert.deepEqual(cleared.body, { DEFAULT_MODELS: null, DEFAULT_PINNED_MODELS: null, MODEL_ORDER_LIST: [] });
  });

  it('suggestions: stored and shown in /api/config; 422 on a bad title', async () => {
    const suggestions = [{ title: ['Plan a trip', 'to Lisbon'], content: 'Plan three days in Lisbon.' }];
    const set = await server.request('POST', '/api/v1/configs/suggestions', { token: admin.token, body: { suggestions: suggestions.map((s) => ({ ...s, extra: 1 })) } });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.body, suggestions);
    const bad = await server.request('POST', '/api/v1/configs/suggestions', { token: admin.token, body: { suggestions: [{ title: 'one string', content: 'c' }] } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.detail[0].loc, ['body', 'suggestions', 0, 'title']);
    const config = await server.request('GET', '/api/config', { token: user.token });
    assert.deepEqual(config.body.default_prompt_suggestions, suggestions);
  });
});

describe('configs: persistence', () => {
  it('every form survives a restart on the same data', async () => {
    const env = testEnv();
    const first = await startServer(env, { keepData: true });
    let admin: Account;
    try {
      ({ admin } = await adminAndUser(first));
      const posts: [string, unknown][] = [
        ['/connections', { ENABLE_DIRECT_CONNECTIONS: true, ENABLE_BASE_MODELS_CACHE: false }],
        ['/code_execution', CODE_EXECUTION],
        ['/models', { DEFAULT_MODELS: 'm1', DEFAULT_PINNED_MODELS: null, MODEL_ORDER_LIST: ['m2', 'm1'] }],
        ['/suggestions', { suggestions: [{ title: ['a', 'b'], content: 'c' }] }],
        ['/banners', { banners: [BANNER] }],
        ['/tool_servers', { TOOL_SERVER_CONNECTIONS: [TOOL_SERVER] }],
      ];
      for (const [path, body] of posts) {
        const res = await first.request('POST', `/api/v1/configs${path}`, { token: admin.token, body });
        assert.equal(res.status, 200, `${path}: ${res.text}`);
      }
    } finally {
      await first.close();
    }

    const second = await startServer(env);
    try {
      const token = admin.token;
      assert.deepEqual(await read(second, token, '/connections'), { ENABLE_DIRECT_CONNECTIONS: true, ENABLE_BASE_MODELS_CACHE: false });
      assert.deepEqual(await read(second, token, '/code_execution'), CODE_EXECUTION);
      assert.deepEqual(await read(second, token, '/models'), { DEFAULT_MODELS: 'm1', DEFAULT_PINNED_MODELS: null, MODEL_ORDER_LIST: ['m2', 'm1'] });
      assert.deepEqual(await read(second, token, '/banners'), [BANNER]);
      assert.deepEqual(await read(second, token, '/tool_servers'), { TOOL_SERVER_CONNECTIONS: [TOOL_SERVER] });
      const config = await second.request('GET', '/api/config', { token });
      assert.deepEqual(config.body.default_prompt_suggestions, [{ title: ['a', 'b'], content: 'c' }]);
    } finally {
      await second.close();
    }
  });
});
