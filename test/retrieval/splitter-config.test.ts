// The splitter the retrieval settings name: the character splitter by default, `token`, or
// `markdown_header`, at CHUNK_SIZE / CHUNK_OVERLAP; an unsupported token encoding is refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { splitterFor } from '../../src/retrieval/split/index.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('splitter from the retrieval settings', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ CHUNK_SIZE: '20', CHUNK_OVERLAP: '0' });
  });
  after(() => server.close());

  it('character (default), token and markdown_header, at the configured size', async () => {
    const text = '# Heading\nSome words that make the text longer than twenty.';
    const { config } = server.services;
    assert.deepEqual(splitterFor(config).split(text)[0], { text: '# Heading', startIndex: 0 });
    await config.set({ TEXT_SPLITTER: 'token', CHUNK_SIZE: 3 });
    assert.deepEqual(splitterFor(config).split(text)[0], { text: '# Heading\n', startIndex: 0 });
    await config.set({ TEXT_SPLITTER: 'markdown_header', CHUNK_SIZE: 100 });
    assert.deepEqual(splitterFor(config).split(text), [{ text: '# Heading\nSome words that make the text longer than twenty.', headings: ['Heading'] }]);
    await config.set({ TEXT_SPLITTER: 'token', TIKTOKEN_ENCODING_NAME: 'gpt2' });
    assert.throws(() => splitterFor(config), /not supported/);
  });
});
