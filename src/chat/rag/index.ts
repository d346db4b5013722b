// Retrieval for one chat request (Open WebUI's chat_memory_handler, chat_web_search_handler and
// chat_completion_files_handler, api-rest.md §5.5): the user's matching memories when the memory
// feature is on, a web search when that feature is on, then the items to read, search queries from
// the task model (status `queries_generated`), one source per item (status `sources_retrieved`),
// and the RAG template with the sources' text before the last user message. With none of these,
// the request is left as it is.
import type { FastifyRequest } from 'fastify';
import { DEFAULT_RAG_TEMPLATE } from '../../config/registry/prompt-templates.ts';
import { isObject } from '../../lib/json.ts';
import { memoryContext, withMemoryContext } from '../../retrieval/memory-context.ts';
import { ChunkSearch, queryOptionsFromConfig } from '../../retrieval/search.ts';
import { NoWebResults, runWebSearch } from '../../retrieval/web-search-run.ts';
import type { Services } from '../../services.ts';
import { FilesStore } from '../../stores/files.ts';
import type { ModelsStore } from '../../stores/models.ts';
import type { UserModel } from '../../stores/users.ts';
import { nonEmptyStrings, objectIn, taskAsker } from '../task-ask.ts';
import { renderTaskPrompt, taskTemplate, textOf } from '../task-prompts.ts';
import { contextOf, fillRagTemplate, prependToLastUser } from './context.ts';
import { gatherItems, type RagItem } from './items.ts';
import { SourceResolver, type Source } from './sources.ts';

type Message = Record<string, unknown>;

export interface ChatRetrievalJob {
  services: Services;
  records: ModelsStore;
  request: FastifyRequest;
  user: UserModel;
  /** The chat's model as the client named it. */
  model: string;
  chatId: string | undefined;
  messages: Message[];
  /** The request's `files`. */
  files: unknown;
  /** `features.memory`: the user's memories that match the question join the system message. */
  memory: boolean;
  /** `features.web_search`: the web is searched and its pages become one more item. */
  webSearch: boolean;
  /** A `status` event for the web UI (no-op for API clients). */
  status(data: Record<string, unknown>): void;
}

export interface ChatRetrieval {
  messages: Message[];
  sources: Source[];
}

/** The task model's queries ('retrieval' or 'web_search') for the conversation; the last user message when it gives none. */
async function generatedQueries(job: ChatRetrievalJob, type: 'retrieval' | 'web_search', signal: AbortSignal): Promise<string[]> {
  const lastUser = textOf([...job.messages].reverse().find((m) => m['role'] === 'user'));
  const { services, user } = job;
  const enabled = type === 'retrieval' ? services.config.get('ENABLE_RETRIEVAL_QUERY_GENERATION') : services.config.get('ENABLE_SEARCH_QUERY_GENERATION');
  if (!enabled) return [lastUser];
  try {
    const ask = await taskAsker(services, job.records, job.request, user, job.model, job.chatId);
    const prompt = renderTaskPrompt(taskTemplate(services.config, 'queries'), { messages: job.messages, type }, user);
    const queries = nonEmptyStrings(objectIn(await ask(prompt, signal))?.['queries']);
    return queries.length > 0 ? queries : [lastUser];
  } catch {
    return [lastUser];
  }
}

/** Searches the web for the conversation (statuses as upstream); the results as an item, or null. */
async function webSearchItem(job: ChatRetrievalJob, signal: AbortSignal): Promise<RagItem | null> {
  job.status({ action: 'web_search', description: 'Searching the web', done: false });
  const queries = await generatedQueries(job, 'web_search', signal);
  job.status({ action: 'web_search_queries_generated', queries, done: false });
  try {
    const found = await runWebSearch(job.services.retrieval, job.services.config, queries);
    job.status({ action: 'web_search', description: 'Searched {{count}} sites', urls: found.filenames, items: found.items, done: true });
    const where = found.docs ? { docs: found.docs } : { collection_names: found.collection_names };
    return { type: 'web_search', name: queries.join(', '), urls: found.filenames, queries, ...where };
  } catch (error) {
    const description = error instanceof NoWebResults ? 'No search results found' : 'An error occurred while searching the web';
    job.status({ action: 'web_search', description, done: true, error: true });
    return null;
  }
}

function citedDocuments(sources: readonly Source[]): number {
  const ids = new Set<string>();
  for (const s of sources) s.metadata.forEach((m) => ids.add(String(m['source'] || s.source['id'] || 'N/A')));
  return ids.size;
}

export async function retrieveForChat(job: ChatRetrievalJob, signal: AbortSignal): Promise<ChatRetrieval | null> {
  const { services, user } = job;
  const { config } = services;
  let messages = job.messages;
  if (job.memory) {
    const remembered = await memoryContext(services, user, messages);
    if (remembered) messages = withMemoryContext(messages, remembered) as Message[];
  }
  const items: RagItem[] = await gatherItems(services, job.records, user.id, job.model, job.chatId, job.files);
  if (job.webSearch && config.get('ENABLE_WEB_SEARCH')) {
    const found = await webSearchItem(job, signal);
    if (found) items.push(found);
  }
  if (items.length === 0) return messages === job.messages ? null : { messages, sources: [] };

  const fullContext = config.get('RAG_FULL_CONTEXT') || config.get('BYPASS_EMBEDDING_AND_RETRIEVAL');
  let queries: string[] = [];
  if (!(fullContext || items.every((i) => i['context'] === 'full'))) {
    queries = await generatedQueries(job, 'retrieval', signal);
    job.status({ action: 'queries_generated', queries, done: false });
  }
  const resolver = new SourceResolver({
    services,
    files: new FilesStore(services.database),
    search: new ChunkSearch(services.retrieval, config),
    user,
    queries,
    options: queryOptionsFromConfig(config),
    fullContext,
  });
  const sources: Source[] = [];
  for (const item of items) {
    const source = await resolver.resolve(item).catch(() => null);
    if (source) sources.push(source);
  }
  job.status({ action: 'sources_retrieved', count: citedDocuments(sources), done: true });
  const context = contextOf(sources);
  if (context === '') return { messages, sources };
  const query = textOf([...messages].reverse().find((m) => isObject(m) && m['role'] === 'user'));
  return { messages: prependToLastUser(messages, fillRagTemplate(config.get('RAG_TEMPLATE') || DEFAULT_RAG_TEMPLATE, context, query)), sources };
}
