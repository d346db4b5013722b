// Azure OpenAI: POST {url}/openai/deployments/{model}/embeddings?api-version={version} {input: [...]}
// with an `api-key` header; the model is the deployment name, so the body carries none.
import { requestJson, trimSlash } from '../upstream.ts';
import { HttpEmbedder, type EmbeddingBatch, type HttpEmbedderOptions } from './http-embedder.ts';
import { openAIVectors } from './openai-shape.ts';

export interface AzureOpenAIEmbedderOptions extends HttpEmbedderOptions {
  /** RAG_AZURE_OPENAI_API_VERSION */
  apiVersion: string;
}

export class AzureOpenAIEmbedder extends HttpEmbedder {
  readonly engine = 'azure_openai';
  private readonly apiVersion: string;

  constructor(options: AzureOpenAIEmbedderOptions) {
    super(options);
    this.apiVersion = options.apiVersion;
  }

  protected authHeaders(): Record<string, string> {
    return this.options.key ? { 'api-key': this.options.key } : {};
  }

  protected async embedBatch(batch: EmbeddingBatch): Promise<number[][]> {
    const url = `${trimSlash(this.options.url)}/openai/deployments/${encodeURIComponent(this.model)}/embeddings?api-version=${encodeURIComponent(this.apiVersion)}`;
    const body = await requestJson(this.label, url, {
      headers: batch.headers,
      json: { ...batch.extraBody, input: batch.input },
      timeoutMs: batch.timeoutMs,
      fetch: batch.fetch,
    });
    return openAIVectors(this.label, body, batch.input.length);
  }
}

export const azureOpenAIEmbedder = (options: AzureOpenAIEmbedderOptions): AzureOpenAIEmbedder => new AzureOpenAIEmbedder(options);
