// Documents through the real client: Open WebUI's own 0.6.43 web build, served by this server, driven
// in headless Chromium. A file attached in a chat and a knowledge base built in the workspace both
// reach the model inside the RAG template and come back as the reply's sources, which survive a
// reload. Skips unless OWUI_FRONTEND_BUILD names a build (see support.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { signup, startServer, type Account, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockRequest, type MockUpstream } from '../helpers/mock-upstream.ts';
import { frontendBuild, frontendSkip as skip, launchBrowser, recordHttpFailures, signIn, toasts, type HttpFailure } from './support.ts';

let server: TestServer;
let mock: MockUpstream;
let browser: Browser;
let admin: Account;

const NOTES = '# Project Bluebird\n\nThe launch code of project Bluebird is PELICAN-42.\nBluebird ships to the harbour in March.\n';
const HANDBOOK = '# Harbour handbook\n\nThe harbour opens its northern gate at dawn; ferries to Lighthouse Island leave every forty minutes.\n';

before(async () => {
  if (skip) return;
  mock = await startMockUpstream();
  server = await startServer({ FRONTEND_BUILD_DIR: frontendBuild as string, OPENAI_API_BASE_URLS: `${mock.url}/v1`, OPENAI_API_KEYS: 'sk-test', ENABLE_OLLAMA_API: 'false', DEFAULT_MODELS: 'gpt-4o' });
  admin = await signup(server, 'Ada Admin', 'admin@example.com', 'Admin-Passw0rd!');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

function text(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: { text?: string }) => p.text ?? '').join('');
  return '';
}

/**
 * The last user message of every model request that answers `question` itself: the RAG template
 * ends with the question, while the title, tags, follow-up and query tasks quote it in a chat history.
 */
function answerPrompts(question: string): string[] {
  return mock.requests
    .filter((r: MockRequest) => r.method === 'POST' && r.path.startsWith('/v1/chat/completions'))
    .map((r) => text((r.body as { messages: { role: string; content: unknown }[] }).messages.filter((m) => m.role === 'user').at(-1)?.content))
    .filter((t) => t.trimEnd().endsWith(question));
}

function explain(failures: HttpFailure[], page: Page): Promise<string> {
  return toasts(page).then((t) => `HTTP failures: ${JSON.stringify(failures, null, 2)}\ntoasts: ${JSON.stringify(t)}`);
}

async function ask(page: Page, question: string): Promise<void> {
  await page.locator('#chat-input').click();
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
}

/** Opens the "N Sources" strip under the reply and returns the names listed there. */
async function sourceNames(page: Page): Promise<string[]> {
  const strip = page.getByRole('button', { name: /^\s*\d+ Sources?\s*$/ }).last();
  await strip.waitFor({ timeout: 20_000 });
  await strip.click();
  const items = page.locator('button[id^="source-"]');
  await items.first().waitFor({ timeout: 5_000 });
  return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

test('chat: an attached markdown file is processed, given to the model inside <source>, cited under the reply, and still cited after a reload', { skip }, async () => {
  mock.reset();
  const page = await browser.newPage();
  const failures = recordHttpFailures(page);
  await signIn(page, server.url, admin.email, admin.password);

  const statusStream = page.waitForResponse((r) => /\/api\/v1\/files\/[^/]+\/process\/status\?stream=true/.test(r.url()), { timeout: 20_000 });
  const upload = page.waitForResponse((r) => /\/api\/v1\/files\/(\?|$)/.test(r.url()) && r.request().method() === 'POST', { timeout: 20_000 });
  // The chat input's own hidden picker (the + menu's "Upload Files" clicks this one).
  await page.locator('input[type="file"][multiple]:not(#camera-input)').first().setInputFiles({ name: 'bluebird-notes.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTES) });
  const uploaded = await upload;
  assert.equal(uploaded.status(), 200, await explain(failures, page));
  const fileId = ((await uploaded.json()) as { id: string }).id;
  const status = await statusStream;
  assert.equal(status.status(), 200, await explain(failures, page));
  await status.finished();
  // The attachment chip above the input: a spinner while uploading and processing, then the file icon.
  const chip = page.locator('button', { hasText: 'bluebird-notes.md' }).first();
  await chip.waitFor({ timeout: 10_000 });
  for (let i = 0; i < 40 && (await chip.locator('.spinner_ajPY').count()) > 0; i++) await page.waitForTimeout(250);
  assert.equal(await chip.locator('.spinner_ajPY').count(), 0, 'the attachment is still shown as uploading');
  const file = await server.request('GET', `/api/v1/files/${fileId}/process/status`, { token: admin.token });
  assert.equal(file.body.status, 'completed', file.text);

  await ask(page, 'What is the launch code of project Bluebird?');
  const names = await sourceNames(page);
  assert.ok(names.some((n) => n.includes('bluebird-notes.md')), `sources shown: ${JSON.stringify(names)}\n${await explain(failures, page)}`);

  const prompts = answerPrompts('What is the launch code of project Bluebird?');
  assert.equal(prompts.length, 1, JSON.stringify(prompts));
  assert.match(prompts[0] ?? '', /<source id="1" name="bluebird-notes.md">[^<]*The launch code of project Bluebird is PELICAN-42/, prompts[0]);

  // The sources are stored with the message: a reload shows them again.
  const chatId = new URL(page.url()).pathname.split('/').pop() as string;
  assert.match(page.url(), /\/c\//);
  await page.getByText(/tok4/).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(1000);
  await page.reload({ waitUntil: 'networkidle' });
  const again = await sourceNames(page);
  assert.ok(again.some((n) => n.includes('bluebird-notes.md')), `sources after reload: ${JSON.stringify(again)}`);
  const chat = await server.request('GET', `/api/v1/chats/${chatId}`, { token: admin.token });
  const reply = Object.values(chat.body.chat.history.messages as Record<string, { role: string; sources?: unknown[] }>).find((m) => m.role === 'assistant');
  assert.equal(reply?.sources?.length, 1, JSON.stringify(reply));
  assert.deepEqual(failures, []);
  await page.close();
});

test('knowledge: a base created and filled in the workspace is picked with # in a new chat and cited', { skip }, async () => {
  mock.reset();
  const page = await browser.newPage();
  const failures = recordHttpFailures(page);
  await signIn(page, server.url, admin.email, admin.password);

  // Workspace → Knowledge → create.
  await page.goto(`${server.url}/workspace/knowledge/create`, { waitUntil: 'networkidle' });
  await page.getByPlaceholder('Name your knowledge base').fill('Harbour Guide');
  await page.getByPlaceholder('Describe your knowledge base and objectives').fill('Everything about the harbour');
  await page.getByRole('button', { name: /create knowledge/i }).click();
  await page.waitForURL(/\/workspace\/knowledge\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  const knowledgeId = new URL(page.url()).pathname.split('/').pop() as string;

  // Upload a document into it.
  await page.waitForLoadState('networkidle');
  const added = page.waitForResponse((r) => r.url().includes(`/api/v1/knowledge/${knowledgeId}/file/add`), { timeout: 30_000 });
  await page.locator('#files-input').setInputFiles({ name: 'harbour-handbook.md', mimeType: 'text/markdown', buffer: Buffer.from(HANDBOOK) });
  const addResponse = await added;
  assert.equal(addResponse.status(), 200, `${await addResponse.text()}\n${await explain(failures, page)}`);
  await page.getByText('harbour-handbook.md').first().waitFor({ timeout: 10_000 });
  assert.ok((await toasts(page)).some((t) => /file added successfully/i.test(t)), await explain(failures, page));

  // It is listed, by name, in Workspace → Knowledge; its page lists the file after a reload.
  await page.goto(`${server.url}/workspace/knowledge`, { waitUntil: 'networkidle' });
  await page.getByText('Harbour Guide').first().waitFor({ timeout: 10_000 });
  await page.goto(`${server.url}/workspace/knowledge/${knowledgeId}`, { waitUntil: 'networkidle' });
  await page.getByText('harbour-handbook.md').first().waitFor({ timeout: 10_000 });

  // A new chat: "#" opens the knowledge picker; pick the base, then ask.
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  await page.locator('#chat-input').click();
  await page.keyboard.type('#Harbour');
  const option = page.getByRole('button', { name: /Harbour Guide/ }).first();
  await option.waitFor({ timeout: 10_000 });
  await option.click();
  await page.waitForTimeout(300);
  await ask(page, 'When does the harbour open its northern gate?');
  const names = await sourceNames(page);
  assert.ok(names.some((n) => n.includes('harbour-handbook.md')), `sources shown: ${JSON.stringify(names)}\n${await explain(failures, page)}`);

  const prompts = answerPrompts('When does the harbour open its northern gate?');
  assert.equal(prompts.length, 1, JSON.stringify(prompts));
  assert.match(prompts[0] ?? '', /<source id="1"[^>]*>[^<]*The harbour opens its northern gate at dawn/, prompts[0]);
  // The pick is stored with the question, as the web UI sent it.
  await page.getByText(/tok4/).first().waitFor({ timeout: 15_000 });
  const chatId = new URL(page.url()).pathname.split('/').pop() as string;
  const chat = await server.request('GET', `/api/v1/chats/${chatId}`, { token: admin.token });
  const question = Object.values(chat.body.chat.history.messages as Record<string, { role: string; files?: { type: string; id: string }[] }>).find((m) => m.role === 'user');
  assert.ok(question?.files?.some((f) => f.type === 'collection' && f.id === knowledgeId), JSON.stringify(question));
  assert.deepEqual(failures, []);
  await page.close();
});
