// A minimal Socket.IO v5 client over one WebSocket (Engine.IO v4), for benchmarks that hold
// thousands of connections on one thread: it answers pings, connects to the main namespace, emits
// with an ack, and hands each `42[...]` event frame over as text, unparsed, so the caller can
// skip what it does not need (socket.io-client would JSON-parse every frame, which on a shared
// machine makes the load generator the bottleneck).
import { WebSocket } from 'undici';

export class LeanSocket {
  /** The Socket.IO socket id (what the web UI sends as `session_id`). */
  id = '';
  private readonly ws: WebSocket;
  private nextAck = 0;
  private readonly acks = new Map<number, (args: unknown[]) => void>();

  private constructor(url: string, onEvent: (frame: string) => void, connected: () => void, failed: (error: Error) => void) {
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws/socket.io/?EIO=4&transport=websocket`);
    this.ws.onerror = () => failed(new Error('websocket error'));
    this.ws.onmessage = (message) => {
      const frame = String(message.data);
      if (frame === '2') return this.ws.send('3');
      if (frame.startsWith('0')) return this.ws.send('40');
      if (frame.startsWith('40')) {
        this.id = (JSON.parse(frame.slice(2)) as { sid: string }).sid;
        return connected();
      }
      if (frame.startsWith('42')) return onEvent(frame);
      const ack = /^43(\d+)/.exec(frame);
      if (ack) {
        const id = Number(ack[1]);
        this.acks.get(id)?.(JSON.parse(frame.slice(ack[0].length)) as unknown[]);
        this.acks.delete(id);
      }
    };
  }

  /** A connected socket; `onEvent` gets every event frame (`42["name",…]`) as text. */
  static connect(url: string, onEvent: (frame: string) => void = () => {}): Promise<LeanSocket> {
    return new Promise((resolve, reject) => {
      const socket: LeanSocket = new LeanSocket(url, onEvent, () => resolve(socket), reject);
    });
  }

  /** Emits an event and waits for its ack. */
  call(event: string, data: unknown): Promise<unknown[]> {
    const id = this.nextAck++;
    return new Promise((resolve) => {
      this.acks.set(id, resolve);
      this.ws.send(`42${id}${JSON.stringify([event, data])}`);
    });
  }

  close(): void {
    this.ws.close();
  }
}
