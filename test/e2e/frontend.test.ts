// The real client as judge: Open WebUI's own 0.6.43 web build, served by this server, driven in
// headless Chromium. Runs when OWUI_FRONTEND_BUILD names a build folder (with index.html) and
// Chromium is installed (CHROMIUM_PATH, default /usr/bin/chromium); the build is made by hand
// outside this repository and never committed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';

const build = process.env['OWUI_FRONTEND_BUILD'];
const browserPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const skip = !build || !existsSync(join(build, 'index.html')) ? 'set OWUI_FRONTEND_BUILD to an Open WebUI 0.6.43 build' : !existsSync(browserPath) ? `no Chromium at ${browserPath}` : false;

let server: TestServer;
let browser: Browser;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function toasts(page: Page): Promise<string[]> {
  return page.locator('[data-sonner-toast]').allInnerTexts();
}

async function submitCredentials(page: Page, email: string, password: string, name?: string): Promise<void> {
  if (name !== undefined) await page.locator('input[autocomplete="name"]').first().fill(name);
  await page.locator('input[type="email"]').first().fill(email);
  await page.locator('input[type="password"]').first().fill(password);
  await page.locator('button[type="submit"]').first().click();
}

before(async () => {
  if (skip) return;
  server = await startServer({ FRONTEND_BUILD_DIR: build as string });
  browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
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
