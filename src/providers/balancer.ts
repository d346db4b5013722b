// Choosing among the nodes that serve a model (beyond Open WebUI, which picks at random and keeps
// sending to a dead node): the healthy node with the fewest requests in flight goes first; a node
// whose request failed sits out a cool-down, and callers retry on the next node in the order.
const COOL_DOWN_MS = 30_000;

export class NodeBalancer {
  private readonly inFlight = new Map<string, number>();
  private readonly downUntil = new Map<string, number>();
  private turn = 0;

  constructor(private readonly coolDownMs = COOL_DOWN_MS) {}

  /** Nodes to try, best first: healthy by fewest in flight (ties taken in turn), cooling-down last. */
  order<T extends { url: string }>(nodes: readonly T[]): T[] {
    const now = Date.now();
    const start = this.turn++ % Math.max(nodes.length, 1);
    const rotated = [...nodes.slice(start), ...nodes.slice(0, start)];
    const load = (n: T) => this.inFlight.get(n.url) ?? 0;
    const down = (n: T) => (this.downUntil.get(n.url) ?? 0) > now;
    return rotated.sort((a, b) => Number(down(a)) - Number(down(b)) || load(a) - load(b));
  }

  isDown(url: string): boolean {
    return (this.downUntil.get(url) ?? 0) > Date.now();
  }

  /** Counts a request in flight; call the returned function when it ends. */
  begin(url: string): () => void {
    this.inFlight.set(url, (this.inFlight.get(url) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight.set(url, Math.max((this.inFlight.get(url) ?? 1) - 1, 0));
    };
  }

  failed(url: string): void {
    this.downUntil.set(url, Date.now() + this.coolDownMs);
  }

  succeeded(url: string): void {
    this.downUntil.delete(url);
  }
}
