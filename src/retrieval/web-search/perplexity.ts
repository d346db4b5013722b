// Perplexity (chat): POST chat/completions with a sonar model; the answer's citations are the
// results ("Source N"), the first carrying the answer text as its snippet. Titles come from
// `search_results` when the answer has them.
import { engineJson } from './engine-http.ts';
import { dig, hit, hits, records, type EngineRequest, type SearchResult } from './types.ts';

export const PERPLEXITY_CHAT_ENDPOINT = 'https://api.perplexity.ai/chat/completions';

export interface PerplexityOptions {
  apiKey: string;
  /** PERPLEXITY_MODEL */
  model: string;
  /** PERPLEXITY_SEARCH_CONTEXT_USAGE: low, medium or high. */
  searchContextUsage: string;
}

const SYSTEM_PROMPT = 'Act as a web search assistant: answer with facts and cite your sources.';

export async function searchPerplexity(req: EngineRequest, o: PerplexityOptions): Promise<SearchResult[]> {
  const body = await engineJson('perplexity', req, req.endpoint ?? PERPLEXITY_CHAT_ENDPOINT, {
    headers: { Authorization: `Bearer ${o.apiKey}` },
    json: {
      model: o.model || 'sonar',
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: req.query },
      ],
      temperature: 0.2,
      stream: false,
      // Perplexity's name for it; Open WebUI sends `search_context_usage`, which the API ignores.
      web_search_options: { search_context_size: o.searchContextUsage || 'medium' },
    },
  });
  const citations = dig(body, 'citations');
  const answer = dig(records(dig(body, 'choices'))[0], 'message', 'content');
  const titles = new Map<string, string>();
  for (const r of records(dig(body, 'search_results'))) if (typeof r['url'] === 'string' && typeof r['title'] === 'string') titles.set(r['url'], r['title']);
  const links = Array.isArray(citations) ? citations.filter((c): c is string => typeof c === 'string') : [];
  return hits(links.slice(0, req.count).map((link, i) => hit(link, titles.get(link) ?? `Source ${i + 1}`, i === 0 && typeof answer === 'string' ? answer : '')));
}
