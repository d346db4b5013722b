// The text a chat completion with features.memory adds to its system message (memoryContext), and
// how it is added (withMemoryContext): memories written through the API, read back for a question.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatMemoryContext, lastUserText, memoryContext, withMemoryContext } from '../../src/retrieval/memory-context.ts';
import { addUser, adminAndUser, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { addMemory, FakeEmbedder, insertRow, type Memory } from './support.ts';

const pad = (n: number): string => String(n).padStart(2, '0');
const localDate = (seconds: number): string => {
  const d = new Date(seconds * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

describe('memories: context for a chat (full-text search)', () => {
  let server: TestServer;
  let admin: Account;
  let user: Account;
  const added: Memory[] = [];

  before(async () => {
    server = await startServer();
    ({ admin, user } = await adminAndUser(server));
    for (const content of [
      'I like pizza',
      'My favourite pizza is margherita with extra basil',
      'I live in Lisbon',
      'Tea with lemon every morning',
      'My brother plays chess',
      'The dentist appointment is on Tuesdays',
      'I run marathons',
    ]) {
      added.push(await addMemory(server, user, content));
    }
  });
  after(async () => {
    await server.close();
  });

  it('returns "User Context:" with the 3 best memories, numbered and dated, for the last user question', async () => {
    const messages = [
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'Where do I live?' },
      { role: 'assistant', content: 'Lisbon.' },
      { role: 'user', content: 'Which pizza with basil to order?' },
    ];
    const text = await memoryContext(server.services, user, messages);
    assert.ok(text, 'a context');
    const lines = text.split('\n');
    assert.equal(lines[0], 'User Context:');
    assert.equal(lines.length, 1 + 3 + 2, 'header, 3 memories, then a blank line: ' + JSON.stringify(text));
    assert.ok(text.endsWith('\n\n'));
    const best = added[1] as Memory;
    assert.equal(lines[1], `1. [${localDate(best.created_at)}] ${best.content}`);
    for (const [i, line] of lines.slice(1, 4).entries()) assert.match(line, new RegExp(`^${i + 1}\\. \\[\\d{4}-\\d{2}-\\d{2}\\] `));
    assert.ok(text.includes('] I like pizza\n'), 'the other pizza memory is in');
    assert.ok(!text.includes('Lisbon'), 'the earlier question is not the query');
  });

  it('reads the first text part of a multimodal question, and honours k', async () => {
    const messages = [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }, { type: 'text', text: 'Lisbon weather?' }] }];
    assert.equal(lastUserText(messages), 'Lisbon weather?');
    const lisbon = added[2] as Memory;
    assert.equal(await memoryContext(server.services, user, messages, { k: 1 }), `User Context:\n1. [${localDate(lisbon.created_at)}] I live in Lisbon\n\n`);
  });

  it('returns null for a user without memories, for a question nothing matches, and never shows another user’s memories', async () => {
    const messages = [{ role: 'user', content: 'pizza' }];
    assert.equal(await memoryContext(server.services, admin, messages), null);
    assert.equal(await memoryContext(server.services, user, [{ role: 'user', content: 'quantum chromodynamics' }]), null);
    const other = await addUser(server, admin, 'Otto Other', 'other@example.com', 'user');
    await addMemory(server, other, 'Otto hates mushrooms');
    const text = await memoryContext(server.services, user, [{ role: 'user', content: 'Otto mushrooms pizza' }]);
    assert.ok(text && !text.includes('Otto'), String(text));
  });

  it('writes "Unknown Date" for a memory chunk without created_at', () => {
    assert.equal(formatMemoryContext([{ text: 'fact', metadata: {} }, { text: 'dated', metadata: { created_at: 86_400 * 365 } }]), `User Context:\n1. [Unknown Date] fact\n2. [${localDate(86_400 * 365)}] dated\n\n`);
  });

  it('withMemoryContext appends to the leading system message, or puts a new one first', () => {
    const ctx = 'User Context:\n1. [2024-01-01] x\n\n';
    assert.deepEqual(withMemoryContext([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }], ctx), [
      { role: 'system', content: `Be brief.\n${ctx}` },
      { role: 'user', content: 'hi' },
    ]);
    assert.deepEqual(withMemoryContext([{ role: 'user', content: 'hi' }], ctx), [
      { role: 'system', content: ctx },
      { role: 'user', content: 'hi' },
    ]);
    assert.deepEqual(withMemoryContext([{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }], ctx), [{ role: 'system', content: [{ type: 'text', text: `Be brief.\n${ctx}` }] }]);
    const input = [{ role: 'system', content: 'Be brief.' }];
    withMemoryContext(input, ctx);
    assert.deepEqual(input, [{ role: 'system', content: 'Be brief.' }], 'the input is not changed');
  });
});

describe('memories: context for a chat (vector search)', () => {
  let embedder: FakeEmbedder;
  let server: TestServer;
  let user: Account;

  before(async () => {
    embedder = await new FakeEmbedder().start();
    server = await startServer(embedder.env);
    ({ user } = await adminAndUser(server));
  });
  after(async () => {
    await server.close();
    await embedder.stop();
  });

  it('puts the nearest memory first and returns null (no throw) when the engine fails', async () => {
    await addMemory(server, user, 'I code in typescript');
    await insertRow(server, user.id, 'adopted', 'My kitten is named Miso', 1_650_000_000);
    await addMemory(server, user, 'Sunday dinner is pasta');
    const text = await memoryContext(server.services, user, [{ role: 'user', content: 'What is my pet called?' }]);
    assert.ok(text, 'a context');
    const lines = text.split('\n');
    assert.equal(lines[1], `1. [${localDate(1_650_000_000)}] My kitten is named Miso`);
    assert.equal(lines.length, 1 + 3 + 2, 'k = 3 memories');

    embedder.failing = true;
    const errors: unknown[] = [];
    try {
      assert.equal(await memoryContext(server.services, user, [{ role: 'user', content: 'pet?' }], { onError: (e) => errors.push(e) }), null);
    } finally {
      embedder.failing = false;
    }
    assert.equal(errors.length, 1, 'the failure is reported');
  });
});
