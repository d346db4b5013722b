// Placeholders of the background-task prompt templates, as Open WebUI fills them: the conversation
// as `ROLE: text` lines ({{MESSAGES}}, {{MESSAGES:START:n}}, {{MESSAGES:END:n}},
// {{MESSAGES:MIDDLETRUNCATE:n}}), the last user message ({{prompt}}, also :start:n, :end:n,
// :middletruncate:n), then the user and date variables.
import { isObject } from '../lib/json.ts';
import { fillPromptVariables, type PromptUser } from '../providers/model-params.ts';

/** A message's text: its string content, or the text parts of a multi-part one. */
export function textOf(message: unknown): string {
  const content = isObject(message) ? message['content'] : undefined;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.filter((part) => isObject(part) && part['type'] === 'text').map((part) => String((part as Record<string, unknown>)['text'] ?? '')).join(' ');
}

const roleOf = (message: unknown) => (isObject(message) && typeof message['role'] === 'string' ? message['role'] : 'user');
const asLines = (messages: unknown[]) => messages.map((m) => `${roleOf(m).toUpperCase()}: ${textOf(m)}`).join('\n');

function middleTruncate(text: string, n: number): string {
  if (text.length <= n) return text;
  const half = Math.floor(n / 2);
  return `${text.slice(0, half)}...${text.slice(text.length - half)}`;
}

export function renderTaskPrompt(template: string, messages: unknown[], user: PromptUser): string {
  const lastUser = [...messages].reverse().find((m) => roleOf(m) === 'user');
  const prompt = lastUser === undefined ? '' : textOf(lastUser);
  const text = template
    .replace(/\{\{MESSAGES(?::(START|END|MIDDLETRUNCATE):(\d+))?\}\}/g, (_, how: string | undefined, count: string | undefined) => {
      const n = Number(count);
      if (how === 'START') return asLines(messages.slice(0, n));
      if (how === 'END') return asLines(messages.slice(-n));
      if (how === 'MIDDLETRUNCATE') return messages.length <= n ? asLines(messages) : asLines([...messages.slice(0, Math.ceil(n / 2)), ...messages.slice(messages.length - Math.floor(n / 2))]);
      return asLines(messages);
    })
    .replace(/\{\{(?:prompt|PROMPT)(?::(start|end|middletruncate):(\d+))?\}\}/g, (_, how: string | undefined, count: string | undefined) => {
      const n = Number(count);
      if (how === 'start') return prompt.slice(0, n);
      if (how === 'end') return prompt.slice(-n);
      if (how === 'middletruncate') return middleTruncate(prompt, n);
      return prompt;
    });
  return fillPromptVariables(text, user);
}
