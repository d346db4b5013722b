// The prompts of the background and helper tasks (titles, tags, follow-ups, queries, autocomplete,
// image prompts, emoji, merged answers), filled as Open WebUI fills them: the conversation as
// `ROLE: text` lines ({{MESSAGES}}, {{MESSAGES:START:n}}, {{MESSAGES:END:n}},
// {{MESSAGES:MIDDLETRUNCATE:n}}), the prompt ({{prompt}}, also :start:n, :end:n, :middletruncate:n;
// the last user message unless given), {{TYPE}}, {{responses}}, then the user and date variables.
import type { PersistentConfig } from '../config/persistent.ts';
import {
  DEFAULT_AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE,
  DEFAULT_EMOJI_GENERATION_PROMPT_TEMPLATE,
  DEFAULT_FOLLOW_UP_GENERATION_PROMPT_TEMPLATE,
  DEFAULT_IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE,
  DEFAULT_MOA_GENERATION_PROMPT_TEMPLATE,
  DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE,
  DEFAULT_TAGS_GENERATION_PROMPT_TEMPLATE,
  DEFAULT_TITLE_GENERATION_PROMPT_TEMPLATE,
} from '../config/registry/prompt-templates.ts';
import { isObject } from '../lib/json.ts';
import { fillPromptVariables, type PromptUser } from '../providers/model-params.ts';

/** Each task's template: the configured one when set, else the built-in one (emoji and MoA are not configurable). */
const TEMPLATES = {
  title: ['TITLE_GENERATION_PROMPT_TEMPLATE', DEFAULT_TITLE_GENERATION_PROMPT_TEMPLATE],
  tags: ['TAGS_GENERATION_PROMPT_TEMPLATE', DEFAULT_TAGS_GENERATION_PROMPT_TEMPLATE],
  follow_up: ['FOLLOW_UP_GENERATION_PROMPT_TEMPLATE', DEFAULT_FOLLOW_UP_GENERATION_PROMPT_TEMPLATE],
  image_prompt: ['IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE', DEFAULT_IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE],
  queries: ['QUERY_GENERATION_PROMPT_TEMPLATE', DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE],
  auto: ['AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE', DEFAULT_AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE],
  emoji: [null, DEFAULT_EMOJI_GENERATION_PROMPT_TEMPLATE],
  moa: [null, DEFAULT_MOA_GENERATION_PROMPT_TEMPLATE],
} as const;

export type TaskKind = keyof typeof TEMPLATES;

export function taskTemplate(config: PersistentConfig, kind: TaskKind): string {
  const [key, builtIn] = TEMPLATES[kind];
  const configured = key === null ? '' : config.get(key);
  return configured.trim() ? configured : builtIn;
}

/** A message's text: its string content, or the text parts of a multi-part one. */
export function textOf(message: unknown): string {
  const content = isObject(message) ? message['content'] : undefined;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.filter((part) => isObject(part) && part['type'] === 'text').map((part) => String((part as Record<string, unknown>)['text'] ?? '')).join(' ');
}

const roleOf = (message: unknown) => (isObject(message) && typeof message['role'] === 'string' ? message['role'] : 'user');
const asLines = (messages: unknown[]) => messages.map((m) => `${roleOf(m).toUpperCase()}: ${textOf(m)}`).join('\n');

function messagesText(messages: unknown[], how: string | undefined, n: number): string {
  if (how === 'START') return asLines(messages.slice(0, n));
  if (how === 'END') return asLines(messages.slice(-n));
  if (how === 'MIDDLETRUNCATE' && messages.length > n) {
    const head = Math.floor(n / 2);
    return asLines([...messages.slice(0, head), ...messages.slice(messages.length - (n - head))]);
  }
  return asLines(messages);
}

function promptText(prompt: string, how: string | undefined, n: number): string {
  if (how === 'start') return prompt.slice(0, n);
  if (how === 'end') return prompt.slice(-n);
  if (how === 'middletruncate' && prompt.length > n) return `${prompt.slice(0, Math.ceil(n / 2))}...${prompt.slice(prompt.length - Math.floor(n / 2))}`;
  return prompt;
}

export interface TaskPromptInput {
  /** The conversation; none for the tasks that see a single text. */
  messages?: unknown[];
  /** {{prompt}}: this text, or else the last user message's. */
  prompt?: string;
  /** {{TYPE}}, the kind of autocompletion. */
  type?: string;
  /** {{responses}}, the answers a merged answer is made from. */
  responses?: string[];
}

// {{prompt…}} in any case, as upstream; {{MESSAGES…}}, {{TYPE}} and {{responses}} exactly as written.
const PLACEHOLDER = /\{\{(MESSAGES)(?::(START|END|MIDDLETRUNCATE):(\d+))?\}\}|\{\{prompt(?::(start|end|middletruncate):(\d+))?\}\}|\{\{(TYPE|responses)\}\}/gi;

/** The template filled in; the user and date variables only when a user is given (not for MoA, as upstream). */
export function renderTaskPrompt(template: string, input: TaskPromptInput, user: PromptUser | null): string {
  const messages = input.messages ?? [];
  const lastUser = [...messages].reverse().find((m) => roleOf(m) === 'user');
  const prompt = input.prompt ?? textOf(lastUser);
  const withVariables = user ? fillPromptVariables(template, user) : template;
  // One pass, so that text taken from the conversation is never read as a placeholder itself.
  return withVariables.replace(PLACEHOLDER, (match, messagesWord?: string, messagesHow?: string, messagesCount?: string, promptHow?: string, promptCount?: string, word?: string) => {
    if (messagesWord !== undefined) return messagesWord === 'MESSAGES' && match === match.toUpperCase() ? messagesText(messages, messagesHow, Number(messagesCount)) : match;
    if (word === 'TYPE' && input.type !== undefined) return input.type;
    if (word === 'responses' && input.responses !== undefined) return input.responses.map((response) => `"""${response}"""`).join('\n\n');
    if (word !== undefined) return match;
    return promptText(prompt, promptHow?.toLowerCase(), Number(promptCount));
  });
}
