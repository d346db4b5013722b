// OpenAI-compatible: POST {url}/embeddings {model, input: [...]} with a Bearer key.
import { requestJson, trimSlash } from '../upstream.ts';
import { HttpEmbedder, type EmbeddingBatch, type HttpEmbedderOptions } from './http-embedder.ts';
import { openAIVectors } from './openai-shape.ts';

export class OpenAIEmbedder extends HttpEmbedder {
  readonly engine = 'openai';

  protected authHeaders(): Record<string, string> {
    return this.options.key ? { Authorization: `Bearer ${this.options.key}` } : {};
  }

  protected async embedBatch(batch: EmbeddingBatch): Promise<number[][]> {
    const body = await requestJson(this.label, `${trimSlash(this.options.url)}/embeddings`, {
      headers: batch.headers,
      json: { ...batch.extraBody, model: this.model, input: batch.input },
      timeoutMs: batch.timeoutMs,
      fetch: batch.fetch,
    });
    return openAIVectors(this.label, body, batch.input.length);
  }
}

export const openAIEmbedder = (options: HttpEmbedderOptions): OpenAIEmbedder => new OpenAIEmbedder(options);
