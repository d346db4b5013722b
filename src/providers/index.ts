// Everything that talks to model servers, built once per app: the HTTP pool, node health, the
// Ollama and OpenAI-compatible model lists and the merged model catalogue.
import type { PersistentConfig } from '../config/persistent.ts';
import type { Settings } from '../config/settings.ts';
import type { AccessChecker } from '../auth/access-control.ts';
import type { ModelsStore } from '../stores/models.ts';
import { NodeBalancer } from './balancer.ts';
import { ModelCatalogue } from './catalogue.ts';
import type { OllamaConnection } from './connections.ts';
import { ollamaAuthHeaders, OllamaModels, type OllamaModel } from './ollama-models.ts';
import { openaiAuthHeaders, OpenAIModels } from './openai-models.ts';
import { joinUrl, Upstream, UpstreamHttpError, UpstreamUnreachable } from './upstream.ts';

export class Providers {
  readonly upstream = new Upstream();
  readonly balancer = new NodeBalancer();
  readonly ollama: OllamaModels;
  readonly openai: OpenAIModels;
  readonly catalogue: ModelCatalogue;
  /** Where background failures (a dead node's model list) are reported; set once the app logs. */
  log: (message: string) => void = () => {};

  constructor(
    private readonly settings: Settings,
    config: PersistentConfig,
    records: ModelsStore,
    access: AccessChecker,
  ) {
    const log = (message: string) => this.log(message);
    this.ollama = new OllamaModels(this.upstream, this.balancer, settings, config, log);
    this.openai = new OpenAIModels(this.upstream, this.balancer, settings, config, log);
    this.catalogue = new ModelCatalogue(this.ollama, this.openai, records, access, settings, config);
  }

  /** The enabled Ollama connections serving a model, best first (see NodeBalancer). */
  ollamaNodes(model: OllamaModel): OllamaConnection[] {
    const connections = this.ollama.connections();
    const nodes = model.urls.map((idx) => connections[idx]).filter((c): c is OllamaConnection => c !== undefined && c.enable);
    return this.balancer.order(nodes);
  }

  /**
   * Runs `attempt` on the first node, and on the next ones while a node cannot be reached or answers
   * 5xx before any of its answer was passed on (the attempt returns once the headers are in). A
   * failing node sits out a cool-down. The last failure is rethrown.
   */
  async withFailover<T, N extends { url: string }>(nodes: readonly N[], attempt: (node: N) => Promise<T>): Promise<T> {
    let lastError: unknown = new UpstreamUnreachable('no node serves this model');
    for (const node of nodes) {
      const done = this.balancer.begin(node.url);
      try {
        const result = await attempt(node);
        this.balancer.succeeded(node.url);
        return result;
      } catch (error) {
        lastError = error;
        const retryable = error instanceof UpstreamUnreachable || (error instanceof UpstreamHttpError && error.status >= 500);
        if (!retryable) throw error;
        this.balancer.failed(node.url);
      } finally {
        done();
      }
    }
    throw lastError;
  }

  /** Every enabled connection, asked now whether it answers (Ollama `/api/version`, OpenAI `/models`). */
  async probe(): Promise<{ url: string; ok: boolean }[]> {
    const timeoutMs = this.settings.modelListTimeoutMs;
    const checks = [
      ...(this.ollama.enabled ? this.ollama.connections().filter((c) => c.enable).map((c) => ({ url: c.url, check: joinUrl(c.url, '/api/version'), headers: ollamaAuthHeaders(c) })) : []),
      ...(this.openai.enabled ? this.openai.connections().filter((c) => c.enable).map((c) => ({ url: c.url, check: joinUrl(c.url, '/models'), headers: openaiAuthHeaders(c) })) : []),
    ];
    return Promise.all(
      checks.map(async ({ url, check, headers }) => ({
        url,
        ok: await this.upstream.json(check, { headers, timeoutMs }).then(() => true, () => false),
      })),
    );
  }

  async close(): Promise<void> {
    await this.upstream.close();
  }
}
