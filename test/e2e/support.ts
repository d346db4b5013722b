// Shared by the web-UI tests: when they can run, how Chromium is started, and the small steps every
// scenario repeats (signing in, reading toasts). The build they drive is Open WebUI's own 0.6.43 web
// build, made by hand outside this repository and named by OWUI_FRONTEND_BUILD; never committed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const frontendBuild = process.env['OWUI_FRONTEND_BUILD'];
export const browserPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** A skip reason for node:test, or false when both the build and Chromium are there. */
export const frontendSkip: string | false =
  !frontendBuild || !existsSync(join(frontendBuild, 'index.html'))
    ? 'set OWUI_FRONTEND_BUILD to an Open WebUI 0.6.43 build'
    : !existsSync(browserPath)
      ? `no Chromium at ${browserPath}`
      : false;

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS });
}

export async function toasts(page: Page): Promise<string[]> {
  return page.locator('[data-sonner-toast]').allInnerTexts();
}

export async function submitCredentials(page: Page, email: string, password: string, name?: string): Promise<void> {
  if (name !== undefined) await page.locator('input[autocomplete="name"]').first().fill(name);
  await page.locator('input[type="email"]').first().fill(email);
  await page.locator('input[type="password"]').first().fill(password);
  await page.locator('button[type="submit"]').first().click();
}

/** Signs in through the auth page and closes the changelog dialog an admin is greeted with. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/auth`, { waitUntil: 'networkidle' });
  await submitCredentials(page, email, password);
  await page.waitForURL(`${baseUrl}/`, { timeout: 15_000 });
  await page.waitForTimeout(1500);
  const okay = page.getByRole('button', { name: /okay|let's go/i });
  if (await okay.count()) await okay.first().click();
}

export interface HttpFailure {
  method: string;
  url: string;
  status: number;
  requestBody: string | null;
  responseBody: string;
}

/**
 * Collects every API answer of 400 or more the page receives (method, URL, bodies), so a failing
 * scenario can say which server route let the web UI down.
 */
export function recordHttpFailures(page: Page): HttpFailure[] {
  const failures: HttpFailure[] = [];
  page.on('response', (res) => {
    if (res.status() < 400 || !/\/(api|ollama|openai)\//.test(res.url())) return;
    const req = res.request();
    void res.text().then(
      (body) => failures.push({ method: req.method(), url: res.url(), status: res.status(), requestBody: req.postData(), responseBody: body.slice(0, 2000) }),
      () => failures.push({ method: req.method(), url: res.url(), status: res.status(), requestBody: req.postData(), responseBody: '<unreadable>' }),
    );
  });
  return failures;
}
