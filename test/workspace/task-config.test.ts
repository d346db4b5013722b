// /api/v1/tasks/config: read by any signed-in user, changed by an admin; the background tasks use it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';

const KEYS = ['TASK_MODEL', 'TASK_MODEL_EXTERNAL', 'TITLE_GENERATION_PROMPT_TEMPLATE', 'IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE', 'ENABLE_AUTOCOMPLETE_GENERATION', 'AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH', 'TAGS_GENERATION_PROMPT_TEMPLATE', 'FOLLOW_UP_GENERATION_PROMPT_TEMPLATE', 'ENABLE_FOLLOW_UP_GENERATION', 'ENABLE_TAGS_GENERATION', 'ENABLE_TITLE_GENERATION', 'ENABLE_SEARCH_QUERY_GENERATION', 'ENABLE_RETRIEVAL_QUERY_GENERATION', 'QUERY_GENERATION_PROMPT_TEMPLATE', 'TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE', 'VOICE_MODE_PROMPT_TEMPLATE'];

describe('/api/v1/tasks/config', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;

  before(async () => {
    server = await startServer({ TASK_MODEL: 'llama3.2:3b' });
    ({ admin, user } = await adminAndUser(server));
  });
  after(() => server.close());

  it('any signed-in user reads it, in Open WebUI\'s keys and defaults; 401 without credentials', async () => {
    const res = await server.request('GET', '/api/v1/tasks/config', { token: user.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body), KEYS);
    assert.equal(res.body.TASK_MODEL, 'llama3.2:3b');
    assert.equal(res.body.ENABLE_TITLE_GENERATION, true);
    assert.equal(res.body.ENABLE_AUTOCOMPLETE_GENERATION, false);
    assert.equal(res.body.AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH, -1);
    assert.equal((await server.request('GET', '/api/v1/tasks/config')).status, 401);
  });

  it('an admin updates it (a null model means none); a user gets 401; a bad form 422 and nothing changes', async () => {
    const current = (await server.request('GET', '/api/v1/tasks/config', { token: admin.token })).body;
    const form = { ...current, TASK_MODEL: null, TASK_MODEL_EXTERNAL: 'gpt-4o', ENABLE_TAGS_GENERATION: false, TITLE_GENERATION_PROMPT_TEMPLATE: 'Title for {{MESSAGES:END:2}}' };
    assert.equal((await server.request('POST', '/api/v1/tasks/config/update', { token: user.token, body: form })).status, 401);
    const bad = await server.request('POST', '/api/v1/tasks/config/update', { token: admin.token, body: { ...form, ENABLE_TITLE_GENERATION: 'maybe' } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.detail[0].loc, ['body', 'ENABLE_TITLE_GENERATION']);
    assert.deepEqual((await server.request('GET', '/api/v1/tasks/config', { token: admin.token })).body, current);
    const res = await server.request('POST', '/api/v1/tasks/config/update', { token: admin.token, body: form });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { ...form, TASK_MODEL: '' });
    assert.equal(server.services.config.get('ENABLE_TAGS_GENERATION'), false);
  });
});
