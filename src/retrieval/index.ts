// Builds services.retrieval: the chunk store the settings name, the extraction workers (started on
// first use) and an embedder that follows the configuration as the admin changes it.
import type { PersistentConfig } from '../config/persistent.ts';
import type { RetrievalSettings } from '../config/retrieval-settings.ts';
import type { Database } from '../db/connection.ts';
import { embedderFromConfig } from './embeddings/index.ts';
import { SafeFetcher } from '../net/safe-fetch.ts';
import { Extractor } from './loaders/index.ts';
import type { Retrieval } from './service.ts';
import { openVectorStore } from './vector/index.ts';

export interface OpenRetrieval extends Retrieval {
  close(): Promise<void>;
}

export async function openRetrieval(settings: RetrievalSettings, config: PersistentConfig, database: Database): Promise<OpenRetrieval> {
  const store = await openVectorStore(settings, database);
  const extractor = new Extractor();
  const fetcher = new SafeFetcher({ allowPrivate: settings.allowPrivateFetch, filterList: settings.fetchFilterList });
  return {
    store,
    extractor,
    fetcher,
    embedder: () => embedderFromConfig(config, settings),
    async close() {
      await extractor.close();
      await fetcher.close();
      await store.close();
    },
  };
}
