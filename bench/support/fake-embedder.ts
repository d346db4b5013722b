// A stand-in for Ollama's embedding API on its own thread: POST /api/embed {model, input: [...]} →
// {embeddings: [[...]]}. Each word adds ±1 to two of DIMS dimensions chosen by its hash (feature
// hashing), so texts that share words are near each other; vectors are normalised. Deterministic and
// fast (a few µs a text), so the benchmark measures the server, not the embedder.
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';

export const DIMS = 384;

function fnv1a(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function embed(text: string): number[] {
  const v = new Float64Array(DIMS);
  // A constant component keeps every vector non-zero (a text without words included).
  v[0] = 0.1;
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    for (const seed of [0, 0x9e3779b9]) {
      const h = fnv1a(word, seed);
      v[h % DIMS] = (v[h % DIMS] as number) + (h & 0x80000000 ? 1 : -1);
    }
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return Array.from(v, (x) => Math.round((x / norm) * 1e4) / 1e4);
}

if (parentPort) {
  const port = parentPort;
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/api/embed') {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { input?: unknown };
        const input = Array.isArray(body.input) ? body.input : [body.input];
        const embeddings = input.map((text) => embed(String(text)));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ model: 'fake', embeddings }));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    port.postMessage({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  });
  port.on('message', (message: { op: string }) => {
    if (message.op === 'close') server.close(() => port.postMessage('closed'));
  });
}
