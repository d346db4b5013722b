// The load loop both benchmark clients share: `streams` requests, `concurrency` at a time, the slots
// starting spread over `rampMs` as users arrive; each request's time to first token and its tokens.

export interface StreamResult {
  ttftMs: number[];
  tokens: number;
  failures: number;
  wallMs: number;
}

const TOKEN = /tok\d+ /g;

/** Runs the load; `one(slot)` makes one request from that slot and gives its time to first token and its text. */
export async function loadLoop(concurrency: number, streams: number, rampMs: number, one: (slot: number) => Promise<{ ttftMs: number; text: string }>): Promise<StreamResult> {
  const result: StreamResult = { ttftMs: [], tokens: 0, failures: 0, wallMs: 0 };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, slot) => {
      if (rampMs > 0) await new Promise((resolve) => setTimeout(resolve, (slot * rampMs) / concurrency));
      while (next < streams) {
        next++;
        try {
          const { ttftMs, text } = await one(slot);
          result.ttftMs.push(ttftMs);
          result.tokens += text.match(TOKEN)?.length ?? 0;
        } catch (error) {
          if (process.env['DEBUG_CLIENT']) console.error(error);
          result.failures++;
        }
      }
    }),
  );
  result.wallMs = performance.now() - started;
  return result;
}
