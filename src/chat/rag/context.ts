// Sources → the text the model reads (api-rest.md §5.5 steps 5–6): every chunk as
// `<source id="N" name="…">chunk</source>`, N numbered per distinct document in order of first
// appearance (what the reply's [N] citations refer to), filled into the RAG template and put before
// the last user message's text.
import { isObject } from '../../lib/json.ts';
import type { Source } from './sources.ts';

type Message = Record<string, unknown>;

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function contextOf(sources: readonly Source[]): string {
  const citation = new Map<string, number>();
  const parts: string[] = [];
  for (const source of sources) {
    const name = typeof source.source['name'] === 'string' && source.source['name'] !== '' ? source.source['name'] : undefined;
    source.document.forEach((text, i) => {
      const meta = source.metadata[i] ?? {};
      const key = String(meta['source'] || source.source['id'] || 'N/A');
      if (!citation.has(key)) citation.set(key, citation.size + 1);
      parts.push(`<source id="${citation.get(key)}"${name ? ` name="${escapeAttribute(name)}"` : ''}>${text}</source>`);
    });
  }
  return parts.join('\n').trim();
}

/**
 * The template with {{CONTEXT}}/[context] and {{QUERY}}/[query] filled in one pass, so a placeholder
 * that appears inside the retrieved text or the question is never replaced in turn.
 */
export function fillRagTemplate(template: string, context: string, query: string): string {
  return template.replace(/\{\{CONTEXT\}\}|\[context\]|\{\{QUERY\}\}|\[query\]/g, (placeholder) => (/context/i.test(placeholder) ? context : query));
}

/** The messages with `prefix` + newline put before the last user message's text (each text part of a multimodal one). */
export function prependToLastUser(messages: readonly Message[], prefix: string): Message[] {
  const index = messages.map((m) => m['role']).lastIndexOf('user');
  if (index === -1) return [...messages, { role: 'user', content: prefix }];
  const message = messages[index] as Message;
  const content = message['content'];
  const updated = Array.isArray(content)
    ? content.map((part) => (isObject(part) && part['type'] === 'text' ? { ...part, text: `${prefix}\n${String(part['text'] ?? '')}` } : part))
    : `${prefix}\n${typeof content === 'string' ? content : ''}`;
  return messages.map((m, i) => (i === index ? { ...message, content: updated } : m));
}
