// Built-in prompt templates. RAG_TEMPLATE stores DEFAULT_RAG_TEMPLATE as its default; the task and
// code-interpreter templates are stored as '' (meaning "use the built-in one"), and the code that
// runs those tasks falls back to the constants below. Placeholders such as {{MESSAGES:END:6}} are
// substituted later and must be kept; the JSON answer shapes are what the task parsers expect.

// Written for this project; same placeholders as Open WebUI's default.
export const DEFAULT_RAG_TEMPLATE = `### Task
Answer the user's question with the help of the context below.

### Rules
- When a statement comes from a <source> element that carries an id attribute (for example <source id="2">), cite it inline as [id], e.g. [2].
- Never cite a <source> that has no id attribute, and never invent an id.
- If the context does not contain the answer but you know it, say that the context does not cover it and answer from your own knowledge.
- If you do not know the answer, say so plainly; if the question is ambiguous, ask the user to clarify.
- If the context is garbled or unreadable, tell the user and give the best answer you can.
- Reply in the language of the user's question and do not include XML tags in your reply.

### Example
"The new process cut energy use by a fifth [1]."

<context>
{{CONTEXT}}
</context>
`;

// Written for this project; same placeholders as Open WebUI's default.
export const DEFAULT_TITLE_GENERATION_PROMPT_TEMPLATE = `### Task
Write a short title (3 to 5 words, optionally starting with one fitting emoji) for the conversation below.

### Rules
- The title names the main subject of the conversation; be accurate rather than clever.
- Use the conversation's main language (English if it is mixed).
- No quotation marks or markdown inside the title.
- Reply with one raw JSON object and nothing else: no code fences, no explanation.

### Answer format
{ "title": "the title" }

### Examples
{ "title": "🌱 Starting a Vegetable Garden" }
{ "title": "Debugging a Memory Leak" }
{ "title": "📚 Summer Reading List" }

### Conversation
<chat_history>
{{MESSAGES:END:2}}
</chat_history>`;

// Written for this project; same placeholders as Open WebUI's default.
export const DEFAULT_TAGS_GENERATION_PROMPT_TEMPLATE = `### Task
Label the conversation below with 1 to 3 broad subject tags, followed by 1 to 3 narrower topic tags.

### Rules
- Broad tags are fields such as Science, Technology, Arts, Business, Health, Education, Politics, Sports or Entertainment.
- Add narrower tags only when the conversation dwells on them.
- If the conversation is very short (under three messages) or has no clear theme, answer with ["General"] only.
- Use the conversation's main language (English if it is mixed).

### Answer format
{ "tags": ["tag1", "tag2", "tag3"] }

### Conversation
<chat_history>
{{MESSAGES:END:6}}
</chat_history>`;

// Written for this project; same placeholders as Open WebUI's default.
export const DEFAULT_IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE = `### Task
From the conversation below, write a detailed prompt for an image generator: describe the picture the user wants as if to someone who cannot see it, covering subject, setting, colours, shapes, lighting and style.

### Rules
- Stay with what the conversation asks for; do not add unrelated elements.
- If the request is complex, concentrate on its most important parts.
- Use the conversation's main language (English if it is mixed).

### Answer format
Reply with JSON only:
{
  "prompt": "the image description"
}

### Conversation
<chat_history>
{{MESSAGES:END:6}}
</chat_history>`;

// Written for this project; same placeholders as Open WebUI's default.
export const DEFAULT_FOLLOW_UP_GENERATION_PROMPT_TEMPLATE = `### Task
Suggest 3 to 5 questions the user could plausibly ask the assistant next, to continue or deepen the conversation below.

### Rules
- Phrase every suggestion as the user speaking to the assistant.
- Keep them short, specific to the conversation, and different from what has already been answered.
- For a short or vague conversation, suggest broader but still relevant questions.
- Use the conversation's main language (English if it is mixed).
- Reply with the JSON object only, without any other text or formatting.

### Answer format
{ "follow_ups": ["First question?", "Second question?", "Third question?"] }

### Conversation
<chat_history>
{{MESSAGES:END:6}}
</chat_history>`;

// Written for this project; same placeholders as Open WebUI's default.
export const DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE = `### Task
Decide which search queries would help answer the latest message in the conversation below, in the conversation's language. Prefer to propose 1 to 3 broad, useful queries whenever there is any chance that fresh or extra information would help; return an empty list only when you are certain no search is needed.

### Rules
- Reply with a JSON object only; no commentary.
- Each query must be distinct, short and on topic.
- Today's date is {{CURRENT_DATE}}.

### Answer format
{
  "queries": ["first query", "second query"]
}
or, when no search is needed:
{ "queries": [] }

### Conversation
<chat_history>
{{MESSAGES:END:6}}
</chat_history>
`;

// Written for this project; same placeholders as Open WebUI's default.
export const DEFAULT_AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE = `### Task
You complete the user's unfinished text. Continue the text in <text> according to the completion kind in <type>, in the same language.

### Rules
1. Read <text> and the conversation for context.
2. Kinds of completion:
   - General: continue naturally and briefly.
   - Search Query: finish it the way a person would finish a search query.
3. Write only the continuation, as if typing on from the last character of <text>. Do not repeat or rephrase <text> and do not answer it.
4. Keep it short and on topic.
5. If you cannot tell how to continue, answer { "text": "" }.

### Answer format
{ "text": "<the continuation>" }

### Examples
<type>General</type>
<text>After the rain stopped, the children ran outside to</text>
{ "text": "jump in the puddles." }

<type>Search Query</type>
<text>cheap flights from Berlin to</text>
{ "text": "Lisbon in October" }

### Context
<chat_history>
{{MESSAGES:END:6}}
</chat_history>
<type>{{TYPE}}</type>
<text>{{PROMPT}}</text>
### Answer
`;

// Written for this project; same placeholder as Open WebUI's default. Not configurable there either.
export const DEFAULT_EMOJI_GENERATION_PROMPT_TEMPLATE = `Answer with exactly one emoji showing the face the speaker most likely makes while saying the message below (for example 😊, 😢, 😠, 😲, 🤔). Pick the emotion the words carry; vary your choices.

Message: """{{prompt}}"""`;

// Written for this project; same placeholders as Open WebUI's default ({{responses}} is the answers,
// each in triple quotes). Not configurable there either.
export const DEFAULT_MOA_GENERATION_PROMPT_TEMPLATE = `Several models have answered the user's latest request: "{{prompt}}"

Merge their answers into one reply of your own. Weigh them critically: some may be wrong, biased or incomplete. Keep what is accurate, correct what is not, and fill the gaps, so the result is better than any single answer. Write it as a direct, well-organised reply to the request, not as a review of the answers.

The answers: {{responses}}`;

// Written for this project; Open WebUI's default has no placeholders either.
export const DEFAULT_VOICE_MODE_PROMPT_TEMPLATE = `You are a voice assistant: everything you write will be read aloud to the user.

How to speak:
- Short sentences, everyday words, a friendly tone.
- Lead with the most useful answer; add detail only when it is needed.
- No lists, tables, code or markdown; split longer information into small spoken steps.
- Ask a clarifying question only when you really need one.
- If you are unsure, say so briefly and offer options; if a request is unsafe or impossible, decline politely and suggest an alternative.`;

// Written for this project; same placeholders as Open WebUI's default.
export const DEFAULT_TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE = `Available tools: {{TOOLS}}

Choose which of the available tools, if any, should be called to answer the query, and with which arguments.

- Reply with the JSON object only, with no other text.
- If no tool fits, reply:
  {
    "tool_calls": []
  }
- Otherwise list each call with "name" (the tool's name) and "parameters" (an object of argument names and values).

Answer format:
{
  "tool_calls": [
    {"name": "firstTool", "parameters": {"argument": "value"}},
    {"name": "secondTool", "parameters": {"other": "value"}}
  ]
}`;

// Written for this project; Open WebUI's default has no placeholders either. The tag syntax is what
// the code-interpreter middleware looks for in the model's output.
export const DEFAULT_CODE_INTERPRETER_PROMPT_TEMPLATE = `
#### Tools Available

1. **Code Interpreter**: \`<code_interpreter type="code" lang="python"></code_interpreter>\`
   - You can run Python in a sandbox for calculations, data analysis, charts, file handling and similar work. Use it in this reply when it helps.
   - To run code, put it inside \`<code_interpreter type="code" lang="python">\` ... \`</code_interpreter>\` tags and stop writing; code outside these tags is not executed.
   - Write plain Python inside the tags, never a markdown code fence.
   - Print the results you need (values, tables, summaries); do not rely on implicit output.
   - After the output arrives, explain briefly what it shows or what to do next. If the result is wrong or unclear, fix the code and run it again.
   - If the output contains a markdown link to an image, audio or other file, include that link in your reply exactly as given.
   - Reply in the conversation's main language (English if it is mixed).

Use the tool whenever it makes your answer more accurate or more useful.`;
