// The starter prompts shown on an empty chat until an admin sets their own (ui.prompt_suggestions).
export interface PromptSuggestion {
  title: [string, string];
  content: string;
}

export const DEFAULT_PROMPT_SUGGESTIONS: PromptSuggestion[] = [
  {
    title: ['Plan a week of meals', 'on a small budget'],
    content: 'Plan seven simple dinners for two people on a small budget, with one shopping list for the week.',
  },
  {
    title: ['Explain a concept', 'as if I were new to it'],
    content: 'Explain how public-key cryptography works to someone who has never studied it, with one everyday analogy.',
  },
  {
    title: ['Review my writing', 'for clarity and tone'],
    content: 'I will paste a paragraph. Point out anything unclear, suggest a tighter version, and explain each change.',
  },
  {
    title: ['Write a small script', 'to rename files by date'],
    content: 'Write a short Python script that renames the photos in a folder to their capture date, keeping extensions.',
  },
  {
    title: ['Help me prepare', 'for a job interview'],
    content: 'Ask me the five questions an interviewer is most likely to ask for a software engineering role, one at a time.',
  },
  {
    title: ['Summarise a topic', 'in five bullet points'],
    content: 'Give me a five-point summary of the causes of the 2008 financial crisis, each point one sentence.',
  },
];
