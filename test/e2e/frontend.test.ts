// The real client as judge: Open WebUI's own 0.6.43 web build, served by this server, driven in
// headless Chromium. Runs when OWUI_FRONTEND_BUILD names a build folder (with index.html) and
// Chromium is installed (CHROMIUM_PATH, default /usr/bin/chromium); the build is made by hand
// outside this repository and never committed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { frontendBuild as build, frontendSkip as skip, launchBrowser, submitCredentials, toasts } from './support.ts';

let server: TestServer;
let mock: MockUpstream;
let browser: Browser;

before(async () => {
  if (skip) return;
  mock = await startMockUpstream();
  server = await startServer({ FRONTEND_BUILD_DIR: build as string, OPENAI_API_BASE_URLS: `${mock.url}/v1`, OPENAI_API_KEYS: 'sk-test', ENABLE_OLLAMA_API: 'false', DEFAULT_MODELS: 'gpt-4o' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

test('onboarding: the first visitor creates the admin account in the web UI', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  assert.match(page.url(), /\/auth/);
  const getStarted = page.getByRole('button', { name: /get started/i });
  if (await getStarted.count()) await getStarted.first().click();
  await submitCredentials(page, 'admin@example.com', 'Admin-Passw0rd!', 'Ada Admin');
  await page.waitForURL(`${server.url}/`, { timeout: 10_000 });
  await page.waitForTimeout(500);
  assert.ok((await toasts(page)).some((t) => /logged in/i.test(t)));
  const token = await page.evaluate<string | null>('localStorage.getItem("token")');
  const me = await server.request('GET', '/api/v1/auths/', { token: token ?? undefined });
  assert.equal(me.status, 200);
  assert.equal(me.body.role, 'admin');
  assert.equal(me.body.name, 'Ada Admin');
  await page.close();
});

test('sign-in: a wrong password shows our error text, the right one signs in, a reload keeps the session', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/auth`, { waitUntil: 'networkidle' });
  await submitCredentials(page, 'admin@example.com', 'wrong-password');
  await page.waitForTimeout(1000);
  assert.ok((await toasts(page)).some((t) => t.includes('The email or password provided is incorrect')));
  await submitCredentials(page, 'admin@example.com', 'Admin-Passw0rd!');
  await page.waitForURL(`${server.url}/`, { timeout: 10_000 });
  await page.reload({ waitUntil: 'networkidle' });
  assert.equal(new URL(page.url()).pathname, '/');
  await page.close();
});

test('chat: the reply streams in over Socket.IO; a reload mid-answer shows it to the end; title and reply are stored', { skip }, async () => {
  mock.script.tokens = 60;
  mock.script.tokenDelayMs = 40;
  const page = await browser.newPage();
  await page.goto(`${server.url}/auth`, { waitUntil: 'networkidle' });
  await submitCredentials(page, 'admin@example.com', 'Admin-Passw0rd!');
  await page.waitForURL(`${server.url}/`, { timeout: 10_000 });
  await page.waitForTimeout(1500);
  // An admin is greeted by the changelog dialog first.
  const okay = page.getByRole('button', { name: /okay|let's go/i });
  if (await okay.count()) await okay.first().click();
  await page.locator('#chat-input').click();
  await page.keyboard.type('hello there');
  await page.keyboard.press('Enter');
  await page.getByText(/tok5 /).first().waitFor({ timeout: 10_000 });
  const chatId = new URL(page.url()).pathname.split('/').pop() as string;
  assert.match(page.url(), /\/c\//);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByText(/tok59/).first().waitFor({ timeout: 15_000 });
  const token = await page.evaluate<string | null>('localStorage.getItem("token")');
  await page.waitForTimeout(1000);
  const chat = await server.request('GET', `/api/v1/chats/${chatId}`, { token: token ?? undefined });
  assert.equal(chat.status, 200, chat.text);
  const reply = Object.values(chat.body.chat.history.messages as Record<string, { role: string; content: string; done?: boolean }>).find((m) => m.role === 'assistant');
  assert.equal(reply?.content, Array.from({ length: 60 }, (_, i) => `tok${i} `).join(''));
  assert.equal(reply?.done, true);
  // Follow-ups, then the title: each a (slow, 60-token) call to the task model after the reply.
  let title = chat.body.title;
  for (let i = 0; i < 40 && title !== 'hello there'; i++) {
    await page.waitForTimeout(250);
    title = (await server.request('GET', `/api/v1/chats/${chatId}`, { token: token ?? undefined })).body.title;
  }
  assert.equal(title, 'hello there', 'the task model answered no JSON: the first message is the title');
  await page.close();
});

