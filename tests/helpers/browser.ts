// Debian's Chromium driven by playwright-core (no downloaded browsers), and axe-core for WCAG checks.
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLocal(url: URL | string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'about:' || protocol === 'blob:' || LOCAL_HOSTS.has(hostname);
}

/** The requested URLs that leave this machine (CDNs, fonts, analytics, map tiles ...). */
export function externalRequests(requests: readonly string[]): string[] {
  return requests.filter((url) => !isLocal(url));
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for (documents, styles, images, scripts, fonts ...), in order. */
  requests: string[];
  /** What Chromium refused under the Content Security Policy (inline styles or scripts, foreign hosts). */
  cspViolations: string[];
}

/**
 * A page in a fresh context (axe needs one: it fails on browser.newPage() pages), recording its requests.
 * Requests to other hosts are recorded and then refused, so a test never reaches the internet nor waits on it.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ locale: 'pl-PL', ...options });
  // A missing element fails the test in seconds, not after the 30 s default.
  context.setDefaultTimeout(10_000);
  await context.route((url) => !isLocal(url), (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const requests: string[] = [];
  const cspViolations: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  return { page, context, requests, cspViolations };
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
}

/** The WCAG 2.1 A/AA rules axe finds violated on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Without frames, legacy mode checks exactly the same (one document) and is about 2.5x faster here: the
  // default mode opens a helper page to merge per-frame results. Pages with frames get the default mode.
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(page.frames().length === 1).analyze();
  return violations.map((v) => ({ rule: v.id, impact: v.impact ?? 'n/a', help: v.help, helpUrl: v.helpUrl, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Runs axe on the page as it is now and fails listing each violated rule, its elements and the help text. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const found = (await axeViolations(page)).map((v) => `${v.rule} (${v.impact}): ${v.help} [${v.targets.join(', ')}] ${v.helpUrl}`);
  expect(found, `axe found WCAG 2.1 AA violations on ${page.url()}`).toEqual([]);
}

export interface Focus {
  tag: string;
  id: string;
  text: string;
  href: string | null;
  className: string;
  top: number;
  bottom: number;
}

/** The element that has keyboard focus, and where it is on the screen. */
export function focusOf(page: Page): Promise<Focus> {
  return page.evaluate<Focus>(`(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return { tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.replace(/\\s+/g, ' ').trim(), href: el.getAttribute('href'), className: el.className, top: box.top, bottom: box.bottom };
  })()`);
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails if it never does. */
export async function tabUntil(page: Page, wanted: (focus: Focus) => boolean, what: string): Promise<Focus> {
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focus = await focusOf(page);
    if (wanted(focus)) return focus;
    seen.push(`${focus.tag}#${focus.id} "${focus.text.slice(0, 30)}"`);
  }
  throw new Error(`Tab never reached ${what}; focus went through: ${seen.join(', ')}`);
}

/**
 * Signs a staff member in through the login form and waits for the panel. A refused login fails at once
 * with what the page said (the error at the field), not with a bare navigation timeout.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/logowanie${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Adres e-mail').fill(email);
  await page.getByLabel('Hasło').fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/logowanie', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Zaloguj się' }).click(),
  ]);
  if (response.status() !== 302 && response.status() !== 303) {
    const said = await page.locator('.error-summary, .field-error, main').first().innerText().catch(() => '');
    throw new Error(`login of ${email} answered ${response.status()}: ${said.slice(0, 300)}`);
  }
  await page.waitForURL((u) => (next ? u.pathname + u.search === next : u.pathname.startsWith('/panel')), { timeout: 30_000 });
}
