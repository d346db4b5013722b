// A local HTTP server standing in for an engine: every request is recorded (method, path with its
// query, headers, body) and answered by the test's handler.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** Path and query string as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
}

export type Handler = (req: Recorded, res: ServerResponse) => void | Promise<void>;

export class FakeHttp {
  readonly requests: Recorded[] = [];
  handler: Handler = (_req, res) => void res.writeHead(404).end('no handler');
  private server: Server;
  private port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = raw === '' ? undefined : JSON.parse(raw);
        } catch {
          json = undefined;
        }
        const u = new URL(req.url ?? '/', 'http://fake');
        const rec: Recorded = { method: req.method ?? '', url: req.url ?? '/', path: u.pathname, query: u.searchParams, headers: req.headers, raw, json };
        this.requests.push(rec);
        Promise.resolve(this.handler(rec, res)).catch((err: unknown) => res.writeHead(500).end(String(err)));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  reset(handler: Handler): void {
    this.requests.length = 0;
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
