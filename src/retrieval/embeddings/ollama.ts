// Ollama: POST {url}/api/embed {model, input: [...]} → {embeddings: [[...], ...]}.
import { isRecord, requestJson, trimSlash } from '../upstream.ts';
import { checkVectors, HttpEmbedder, type EmbeddingBatch, type HttpEmbedderOptions } from './http-embedder.ts';

export class OllamaEmbedder extends HttpEmbedder {
  readonly engine = 'ollama';

  protected authHeaders(): Record<string, string> {
    return this.options.key ? { Authorization: `Bearer ${this.options.key}` } : {};
  }

  protected async embedBatch(batch: EmbeddingBatch): Promise<number[][]> {
    const data = await requestJson(this.label, `${trimSlash(this.options.url)}/api/embed`, {
      headers: batch.headers,
      json: { ...batch.extraBody, model: this.model, input: batch.input },
      timeoutMs: batch.timeoutMs,
      fetch: batch.fetch,
    });
    return checkVectors(this.label, isRecord(data) ? data['embeddings'] : undefined, batch.input.length);
  }
}

export const ollamaEmbedder = (options: HttpEmbedderOptions): OllamaEmbedder => new OllamaEmbedder(options);
