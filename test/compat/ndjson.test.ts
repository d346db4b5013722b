// Unit tests of the Ollama → OpenAI conversion (src/providers/ndjson-to-openai.ts) and of the
// OpenAI → Ollama request conversion.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NdjsonToOpenAI, ollamaToOpenAICompletion } from '../../src/providers/ndjson-to-openai.ts';
import { openaiToOllamaChat } from '../../src/routers/compat/ollama-request.ts';
import { sseData } from '../openai/support.ts';

const identity = { id: 'chatcmpl-1', model: 'llama3.2:3b', created: 1700000000 };
const line = (o: unknown) => `${JSON.stringify(o)}\n`;
const final = { model: 'llama3.2:3b', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 12, eval_count: 3 };

describe('NdjsonToOpenAI', () => {
  it('role first, content deltas, finish_reason, usage when asked, [DONE]; lines split anywhere', () => {
    const converter = new NdjsonToOpenAI(identity, true);
    const text = line({ message: { role: 'assistant', content: 'Hel' }, done: false }) + line({ message: { content: 'lo' }, done: false }) + line(final);
    let out = '';
    for (let i = 0; i < text.length; i += 7) out += converter.push(Buffer.from(text.slice(i, i + 7)));
    out += converter.end();
    const events = sseData(out) as Record<string, any>[];
    assert.deepEqual(events[0]?.choices[0].delta, { role: 'assistant', content: '' });
    assert.equal(events[0]?.object, 'chat.completion.chunk');
    assert.equal(events[0]?.id, 'chatcmpl-1');
    assert.deepEqual(events.slice(1, 3).map((e) => e.choices[0].delta.content), ['Hel', 'lo']);
    assert.deepEqual(events[3]?.choices[0], { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
    assert.deepEqual(events[4]?.choices, []);
    assert.deepEqual(events[4]?.usage, { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
    assert.equal(events[5], '[DONE]');
    assert.equal(events.length, 6);
  });

  it('no usage chunk unless asked; length and tool calls as finish reasons; thinking as reasoning_content', () => {
    const converter = new NdjsonToOpenAI(identity);
    const out =
      converter.push(line({ message: { thinking: 'hmm' }, done: false })) +
      converter.push(line({ message: { content: '', tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] }, done: false })) +
      converter.push(line({ ...final, done_reason: 'length' })) +
      converter.end();
    const events = sseData(out) as Record<string, any>[];
    assert.equal(events[1]?.choices[0].delta.reasoning_content, 'hmm');
    const call = events[2]?.choices[0].delta.tool_calls[0];
    assert.deepEqual([call.type, call.function, call.index], ['function', { name: 'f', arguments: '{"a":1}' }, 0]);
    assert.equal(events[3]?.choices[0].finish_reason, 'tool_calls');
    assert.equal(events.at(-1), '[DONE]');
    assert.equal(events.some((e) => typeof e === 'object' && 'usage' in e), false);

    const cut = new NdjsonToOpenAI(identity);
    const lengthOut = sseData(cut.push(line({ ...final, done_reason: 'length' }))) as Record<string, any>[];
    assert.equal(lengthOut[1]?.choices[0].finish_reason, 'length');
  });

  it('an Ollama error line or a cut stream ends with an error event and [DONE]', () => {
    const failing = new NdjsonToOpenAI(identity);
    const events = sseData(failing.push(line({ error: 'model crashed' })) + failing.end()) as Record<string, any>[];
    assert.equal(events[0]?.error.message, 'model crashed');
    assert.equal(events.at(-1), '[DONE]');
    const cut = new NdjsonToOpenAI(identity);
    const cutEvents = sseData(cut.push(line({ message: { content: 'a' }, done: false })) + cut.end()) as Record<string, any>[];
    assert.match(cutEvents.at(-2)?.error.message, /ended before/);
    assert.equal(cutEvents.at(-1), '[DONE]');
  });
});

describe('ollamaToOpenAICompletion', () => {
  it('a chat.completion with usage from prompt_eval_count/eval_count', () => {
    const out = ollamaToOpenAICompletion({ ...final, message: { role: 'assistant', content: 'Hi!' } }, identity);
    assert.deepEqual(out, {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'llama3.2:3b',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!' }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
    });
  });
});

describe('openaiToOllamaChat', () => {
  it('maps messages, sampling options, stop, response_format and stream', () => {
    const body = openaiToOllamaChat({
      model: 'm',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'look ' }, { type: 'text', text: 'here' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"x":2}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'ok' },
      ],
      temperature: 0.2,
      max_tokens: 9,
      stop: 'END',
      response_format: { type: 'json_object' },
    });
    assert.deepEqual(body, {
      model: 'm',
      messages: [
        { role: 'user', content: 'look here', images: ['AAAA'] },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: { x: 2 } } }] },
        { role: 'tool', content: 'ok', tool_call_id: 'c' },
      ],
      stream: false,
      options: { temperature: 0.2, num_predict: 9, stop: ['END'] },
      format: 'json',
    });
    assert.equal(openaiToOllamaChat({ model: 'm', messages: [], stream: true })['stream'], true);
  });
});
