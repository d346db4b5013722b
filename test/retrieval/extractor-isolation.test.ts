// Extraction runs off the event loop: while a worker spends a good fraction of a second in a
// synchronous parse (csv-parse), a timer on the main thread keeps firing on time. Were the parse on
// the main thread, the timer would stall for the whole parse, which the test requires to be
// longer than the allowed gap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Extractor } from '../../src/retrieval/loaders/index.ts';
import { bigCsv, utf8 } from './support/text.ts';

const ALLOWED_GAP_MS = 200;

test('the main thread keeps ticking while a large file is extracted', async () => {
  const extractor = new Extractor({ threads: 1 });
  try {
    await extractor.extract({ bytes: utf8('warm'), filename: 'warm.csv' }); // worker and CSV parser loaded
    const bytes = bigCsv(200_000);
    let last = performance.now();
    let maxGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const { documents } = await extractor.extract({ bytes, filename: 'big.csv' });
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    assert.equal(documents.length, 200_000);
    assert.ok(elapsed > ALLOWED_GAP_MS * 1.5, `the extraction took only ${elapsed.toFixed(0)} ms: too short to prove anything`);
    assert.ok(maxGap < ALLOWED_GAP_MS, `the main thread stalled for ${maxGap.toFixed(0)} ms during a ${elapsed.toFixed(0)} ms extraction`);
  } finally {
    await extractor.close();
  }
});
