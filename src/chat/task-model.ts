// The model a helper task (title, tags, follow-ups, queries, autocomplete, image prompt, emoji) runs
// on, as Open WebUI picks it: TASK_MODEL for a chat on a local model, TASK_MODEL_EXTERNAL for one on
// an external model, when that setting names an available model; otherwise the chat's own model.
import type { CatalogueModel } from '../providers/catalogue.ts';
import type { Services } from '../services.ts';

export async function taskModelFor(services: Services, chatModel: CatalogueModel): Promise<CatalogueModel> {
  const configured = services.config.get(chatModel['connection_type'] === 'local' ? 'TASK_MODEL' : 'TASK_MODEL_EXTERNAL');
  return (configured && (await services.providers.catalogue.find(configured))) || chatModel;
}
