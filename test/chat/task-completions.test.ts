// /api/v1/tasks/*/completions: the helper completions (title, follow-ups, tags, image prompt,
// queries, autocomplete, emoji, MoA). The task model is asked with the filled template, whether or
// not the user may use it; the named model must be one the user may use; disabled tasks, refusals,
// bad input and upstream failures answer as Open WebUI does, with nothing sent upstream when refused.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { createPreset, joinedContent, lastRequest, mockEnv, MODEL_NOT_FOUND, sseData } from '../openai/support.ts';

type Json = Record<string, any>;

const CONVERSATION = [
  { role: 'user', content: 'hello world' },
  { role: 'assistant', content: 'hi there!' },
];
const INTERNAL = 'An internal error has occurred.';

const BODIES: Record<string, Json> = {
  title: { model: 'gpt-4o', messages: CONVERSATION, chat_id: 'c1' },
  follow_up: { model: 'gpt-4o', messages: CONVERSATION },
  tags: { model: 'gpt-4o', messages: CONVERSATION },
  image_prompt: { model: 'gpt-4o', messages: CONVERSATION },
  queries: { model: 'gpt-4o', messages: CONVERSATION, type: 'retrieval' },
  auto: { model: 'gpt-4o', prompt: 'cheap flights to', messages: CONVERSATION, type: 'search query' },
  emoji: { model: 'gpt-4o', prompt: 'I am so happy today' },
  moa: { model: 'gpt-4o', prompt: 'What is 2+2?', responses: ['4', 'four'] },
};
const TASKS = Object.keys(BODIES);

describe('/api/v1/tasks/*/completions', () => {
  let mock: MockUpstream;
  let server: TestServer;
  let admin: Account;
  let user: Account;
  const ask = (task: string, body: Json, account: Account | null = user) => server.request('POST', `/api/v1/tasks/${task}/completions`, { token: account?.token, body });
  const chatRequests = () => mock.requests.filter((r) => r.path === '/v1/chat/completions' || r.path === '/api/chat');
  /** The prompt the task model was sent. */
  const sentPrompt = (path: string) => String((lastRequest(mock, 'POST', path).body as Json)['messages'][0].content);

  before(async () => {
    mock = await startMockUpstream();
    server = await startServer(mockEnv(mock, true, { TASK_MODEL: 'qwen2.5:7b', TASK_MODEL_EXTERNAL: 'gpt-4o-mini' }));
    ({ admin, user } = await adminAndUser(server));
    // The user may use gpt-4o and llama3.2:3b (public records), not the task models.
    await createPreset(server, admin, { id: 'gpt-4o' });
    await createPreset(server, admin, { id: 'llama3.2:3b' });
  });
  afterEach(async () => {
    mock.reset();
    await server.services.config.set({ ENABLE_AUTOCOMPLETE_GENERATION: false, AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: -1, ENABLE_TITLE_GENERATION: true, ENABLE_FOLLOW_UP_GENERATION: true, ENABLE_TAGS_GENERATION: true, ENABLE_SEARCH_QUERY_GENERATION: true, ENABLE_RETRIEVAL_QUERY_GENERATION: true });
  });
  after(async () => {
    await server.close();
    await mock.close();
  });

  it('title on an external model: TASK_MODEL_EXTERNAL gets the conversation in the template, 1,000 tokens at most; the answer is a chat completion', async () => {
    mock.script.replies = [{ when: '"title"', text: '{"title": "Greetings"}' }];
    const res = await ask('title', BODIES['title'] as Json);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.object, 'chat.completion');
    assert.equal(res.body.choices[0].message.content, '{"title": "Greetings"}');
    const sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as Json;
    assert.equal(sent['model'], 'gpt-4o-mini');
    assert.equal(sent['stream'], false);
    assert.equal(sent['max_tokens'], 1000, 'max_completion_tokens, renamed for a host other than api.openai.com');
    assert.equal(sent['messages'].length, 1);
    assert.match(sent['messages'][0].content, /USER: hello world\nASSISTANT: hi there!/);
    for (const field of ['chat_id', 'metadata']) assert.equal(field in sent, false, field);
  });

  it('title on an Ollama model: TASK_MODEL asked through Ollama\'s chat (num_predict), answered in OpenAI\'s format', async () => {
    mock.script.replies = [{ when: '"title"', text: '{"title": "Local hello"}' }];
    const res = await ask('title', { ...BODIES['title'], model: 'llama3.2:3b' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.choices[0].message.content, '{"title": "Local hello"}');
    const sent = lastRequest(mock, 'POST', '/api/chat').body as Json;
    assert.equal(sent['model'], 'qwen2.5:7b');
    assert.equal(sent['stream'], false);
    assert.equal(sent['options'].num_predict, 1000);
  });

  it('a workspace max_tokens on the task model bounds the title', async () => {
    await createPreset(server, admin, { id: 'gpt-4o-mini', params: { max_tokens: 50 }, access_control: {} });
    try {
      assert.equal((await ask('title', BODIES['title'] as Json)).status, 200);
      assert.equal((lastRequest(mock, 'POST', '/v1/chat/completions').body as Json)['max_tokens'], 50);
    } finally {
      assert.equal((await server.request('POST', '/api/v1/models/model/delete', { token: admin.token, body: { id: 'gpt-4o-mini' } })).status, 200);
    }
  });

  it('follow-ups, tags, image prompt and queries fill their templates with the conversation; no token limit', async () => {
    for (const [task, marker] of [['follow_up', '"follow_ups"'], ['tags', '"tags"'], ['image_prompt', 'image'], ['queries', '"queries"']] as const) {
      const res = await ask(task, BODIES[task] as Json);
      assert.equal(res.status, 200, `${task}: ${res.text}`);
      const sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as Json;
      assert.equal(sent['model'], 'gpt-4o-mini', task);
      assert.equal('max_tokens' in sent, false, task);
      const prompt = sentPrompt('/v1/chat/completions');
      assert.ok(prompt.includes(marker), `${task} template`);
      assert.ok(prompt.includes('hello world'), `${task} conversation`);
    }
  });

  it('disabled: title, follow-ups and tags say so with 200; queries 400 by type; nothing is sent upstream', async () => {
    await server.services.config.set({ ENABLE_TITLE_GENERATION: false, ENABLE_FOLLOW_UP_GENERATION: false, ENABLE_TAGS_GENERATION: false, ENABLE_SEARCH_QUERY_GENERATION: false, ENABLE_RETRIEVAL_QUERY_GENERATION: false });
    const expected: [string, Json, number, string][] = [
      ['title', BODIES['title'] as Json, 200, 'Title generation is disabled'],
      ['follow_up', BODIES['follow_up'] as Json, 200, 'Follow-up generation is disabled'],
      ['tags', BODIES['tags'] as Json, 200, 'Tags generation is disabled'],
      ['queries', { ...BODIES['queries'], type: 'web_search' }, 400, 'Search query generation is disabled'],
      ['queries', BODIES['queries'] as Json, 400, 'Query generation is disabled'],
    ];
    for (const [task, body, status, detail] of expected) {
      const res = await ask(task, body);
      assert.equal(res.status, status, task);
      assert.deepEqual(res.body, { detail });
    }
    assert.equal(chatRequests().length, 0);
  });

  it('autocomplete: off by default (400), the input length limit, then the type and text in the prompt', async () => {
    const off = await ask('auto', BODIES['auto'] as Json);
    assert.equal(off.status, 400);
    assert.equal(off.body.detail, 'Autocompletion generation is disabled');
    await server.services.config.set({ ENABLE_AUTOCOMPLETE_GENERATION: true, AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: 10 });
    const long = await ask('auto', BODIES['auto'] as Json);
    assert.equal(long.status, 400);
    assert.equal(long.body.detail, 'Input prompt exceeds maximum length of 10');
    assert.equal(chatRequests().length, 0);
    await server.services.config.set({ AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: -1 });
    const res = await ask('auto', { ...BODIES['auto'], stream: true });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.object, 'chat.completion', 'never streamed');
    const prompt = sentPrompt('/v1/chat/completions');
    assert.ok(prompt.includes('<type>search query</type>'), prompt);
    assert.ok(prompt.includes('<text>cheap flights to</text>'), prompt);
    assert.ok(prompt.includes('USER: hello world'), prompt);
  });

  it('emoji: the message in the prompt, 4 tokens at most, on the task model', async () => {
    const res = await ask('emoji', BODIES['emoji'] as Json);
    assert.equal(res.status, 200, res.text);
    const sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as Json;
    assert.equal(sent['model'], 'gpt-4o-mini');
    assert.equal(sent['max_tokens'], 4);
    assert.ok(sentPrompt('/v1/chat/completions').includes('"""I am so happy today"""'));
  });

  it('MoA: the named model merges the answers, streamed as SSE when asked, JSON otherwise; a model the user may not use is refused', async () => {
    const streamed = await ask('moa', { ...BODIES['moa'], stream: true });
    assert.equal(streamed.status, 200, streamed.text);
    assert.match(String(streamed.headers.get('content-type')), /text\/event-stream/);
    const events = sseData(streamed.text);
    assert.equal(events.at(-1), '[DONE]');
    assert.ok(joinedContent(events).startsWith('tok0'));
    const sent = lastRequest(mock, 'POST', '/v1/chat/completions').body as Json;
    assert.equal(sent['model'], 'gpt-4o', 'not the task model');
    const prompt = String(sent['messages'][0].content);
    assert.ok(prompt.includes('"What is 2+2?"'), prompt);
    assert.ok(prompt.includes('"""4"""\n\n"""four"""'), prompt);

    const json = await ask('moa', BODIES['moa'] as Json);
    assert.equal(json.status, 200, json.text);
    assert.equal(json.body.object, 'chat.completion');

    mock.reset();
    const denied = await ask('moa', { ...BODIES['moa'], model: 'gpt-4o-mini' });
    assert.equal(denied.status, 404);
    assert.equal(denied.body.detail, MODEL_NOT_FOUND);
    assert.equal(chatRequests().length, 0);
  });

  it('every task: 401 without credentials, 404 for an unknown model or one the user may not use; nothing sent upstream', async () => {
    await server.services.config.set({ ENABLE_AUTOCOMPLETE_GENERATION: true });
    for (const task of TASKS) {
      assert.equal((await ask(task, BODIES[task] as Json, null)).status, 401, task);
      for (const model of ['no-such-model', 'gpt-4o-mini']) {
        const res = await ask(task, { ...BODIES[task], model });
        assert.equal(res.status, 404, `${task} ${model}`);
        assert.equal(res.body.detail, MODEL_NOT_FOUND);
      }
    }
    assert.equal(chatRequests().length, 0);
  });

  it('bad input: 422 naming the missing or wrong field, nothing sent upstream', async () => {
    const bad: [string, Json, string][] = [
      ['title', { messages: CONVERSATION }, 'model'],
      ['tags', { model: 'gpt-4o' }, 'messages'],
      ['follow_up', { model: 'gpt-4o', messages: 'hello' }, 'messages'],
      ['emoji', { model: 'gpt-4o' }, 'prompt'],
      ['moa', { model: 'gpt-4o', prompt: 'p', responses: [1, 2] }, 'responses'],
    ];
    for (const [task, body, field] of bad) {
      const res = await ask(task, body);
      assert.equal(res.status, 422, task);
      assert.equal(res.body.detail[0].loc[1], field, task);
    }
    assert.equal(chatRequests().length, 0);
  });

  it('an upstream failure: Open WebUI\'s fixed text (title 400, tags 500) or the error itself (emoji 400)', async () => {
    assert.equal((await ask('title', { ...BODIES['title'], model: 'llama3.2:3b' })).status, 200, 'models listed before the failure');
    mock.script.failWith = { status: 500, body: { error: 'the model crashed' } };
    const body = { ...BODIES['title'], model: 'llama3.2:3b' };
    const title = await ask('title', body);
    assert.deepEqual([title.status, title.body], [400, { detail: INTERNAL }]);
    const tags = await ask('tags', body);
    assert.deepEqual([tags.status, tags.body], [500, { detail: INTERNAL }]);
    const emoji = await ask('emoji', { ...BODIES['emoji'], model: 'llama3.2:3b' });
    assert.equal(emoji.status, 400);
    assert.equal(emoji.body.detail, '500: the model crashed');
  });
});
