// The whole-site accessibility sweep: a crawler that follows same-origin links from a few start pages and
// runs the page-level checks of issue 12 on each HTML page it reaches, plus the report it writes.
// Pages of the same kind (one route and the same query parameter names) are visited at most
// SAMPLES_PER_KIND times, so twenty districts or fifty consultations cost two visits, and a page another
// engineer adds tomorrow is swept as soon as something links to it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { HtmlValidate } from 'html-validate';
import { expect } from 'vitest';
import { DISPLAY_SWITCHES } from '../../src/http/display-preferences.js';
import { axeViolations } from './browser.js';

export const SAMPLES_PER_KIND = 2;
export const NARROW_WIDTH = 320;

export interface Violation {
  rule: string;
  detail: string;
}

export interface PageResult {
  url: string;
  as: string;
  kind: string;
  status: number;
  title: string;
  from: string;
  violations: Violation[];
}

/** A route as Express matches it, turned into a RegExp; the route's own text names the kind of page. */
interface RouteKind {
  route: string;
  pattern: RegExp;
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** The GET routes of the app in matching order (every feature router is mounted at the root). */
export function getRoutes(app: { router: unknown }): RouteKind[] {
  const found: RouteKind[] = [];
  const walk = (stack: RouterLayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        if (!layer.route.methods.get) continue;
        for (const route of [layer.route.path].flat()) found.push({ route, pattern: routePattern(route) });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app.router as { stack: RouterLayer[] }).stack);
  return found;
}

/** path-to-regexp 8's plain syntax (`:name` parameters, `*name` wildcards) as a RegExp. */
function routePattern(route: string): RegExp {
  const source = route
    .replace(/[.+?^$()[\]{}|\\]/g, '\\$&')
    .replace(/:\w+/g, '[^/]+?')
    .replace(/\*\w+/g, '.+');
  return new RegExp(`^${source}/?$`);
}

export function kindOf(routes: RouteKind[], url: URL): string {
  const route = routes.find((r) => r.pattern.test(url.pathname))?.route ?? url.pathname;
  const params = [...new Set(url.searchParams.keys())].sort();
  return params.length > 0 ? `${route}?${params.join('&')}` : route;
}

/** Links the crawler never follows: they change the visitor's settings or session rather than show a page. */
const SIDE_EFFECT_PREFIXES = ['/wyglad/', '/jezyk/', '/wyloguj'];

export interface CrawlOptions {
  page: Page;
  baseUrl: string;
  routes: RouteKind[];
  /** Who is browsing, for the report ("anonymous", "admin"). */
  as: string;
  start: string[];
  /** Which same-origin paths this crawl follows. */
  follow: (pathname: string) => boolean;
  /** Runs the checks on a page as it is shown now. */
  check: (page: Page, html: string) => Promise<Violation[]>;
  /** Kinds already visited by an earlier crawl (shared so a page is not swept twice). */
  seen?: Set<string>;
}

export async function crawl(options: CrawlOptions): Promise<PageResult[]> {
  const { page, baseUrl, routes, as, follow, check } = options;
  const origin = new URL(baseUrl).origin;
  const queued = new Set<string>();
  const perKind = new Map<string, number>();
  const visited = options.seen ?? new Set<string>();
  const queue: { url: string; from: string }[] = [];
  const results: PageResult[] = [];

  const enqueue = (href: string, from: string, relativeTo = baseUrl) => {
    const url = new URL(href, relativeTo);
    url.hash = '';
    if (url.origin !== origin || !follow(url.pathname)) return;
    if (SIDE_EFFECT_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) return;
    const key = url.pathname + url.search;
    if (queued.has(key)) return;
    const kind = kindOf(routes, url);
    const count = perKind.get(kind) ?? 0;
    if (count >= SAMPLES_PER_KIND) return;
    perKind.set(kind, count + 1);
    queued.add(key);
    queue.push({ url: url.href, from });
  };
  for (const start of options.start) enqueue(start, '(start)');

  while (queue.length > 0) {
    const { url, from } = queue.shift()!;
    let response;
    try {
      response = await page.goto(url);
    } catch (error) {
      // A download (an attachment, a calendar file) aborts navigation: it is not a page.
      if (String(error).includes('Download is starting')) continue;
      throw error;
    }
    if (!response) continue;
    const contentType = response.headers()['content-type'] ?? '';
    if (!contentType.startsWith('text/html')) continue;
    const finalUrl = new URL(page.url());
    const kind = kindOf(routes, finalUrl);
    const status = response.status();
    const result: PageResult = { url: finalUrl.pathname + finalUrl.search, as, kind, status, title: await page.title(), from, violations: [] };
    const finalKey = `${as} ${result.url}`;
    if (visited.has(finalKey)) continue; // a redirect to a page already swept
    visited.add(finalKey);
    if (status >= 400) result.violations.push({ rule: 'broken-link', detail: `HTTP ${status}, linked from ${from}` });
    else result.violations.push(...(await check(page, await response.text())));
    results.push(result);
    if (status >= 400) continue;
    const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) enqueue(href, result.url, page.url());
  }
  return results;
}

const htmlValidate = new HtmlValidate({
  extends: ['html-validate:standard', 'html-validate:document'],
  rules: {
    // The site's own stylesheet sets every colour and size; inline styles are refused by the CSP anyway.
    'no-inline-style': 'off',
    // Subresource integrity guards files from other hosts; every style, script and image here is our own.
    'require-sri': 'off',
  },
});

/** html-validate's findings on the HTML exactly as the server sent it. */
export async function htmlErrors(html: string): Promise<Violation[]> {
  const report = await htmlValidate.validateString(html);
  return report.results.flatMap((r) =>
    r.messages.map((m) => ({ rule: `html-validate/${m.ruleId}`, detail: `line ${m.line}:${m.column} ${m.message}${m.selector ? ` (${m.selector})` : ''}` })),
  );
}

interface Structure {
  lang: string;
  h1: number;
  imagesWithoutAlt: string[];
  unlabelled: string[];
  skipTarget: string | null;
  firstFocusable: string | null;
}

/** What the page's markup says about language, headings, images, labels and the skip link. */
export function structureOf(page: Page): Promise<Structure> {
  return page.evaluate<Structure>(`(() => {
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '') + (el.getAttribute('src') ? '[src=' + el.getAttribute('src') + ']' : '');
    const controls = [...document.querySelectorAll('input, select, textarea')].filter((el) => !['hidden', 'submit', 'button', 'image', 'reset'].includes(el.type));
    const skip = document.querySelector('body a[href^="#"]');
    const focusable = document.querySelector('body a[href], body button, body input:not([type=hidden]), body select, body textarea, body [tabindex]:not([tabindex="-1"])');
    return {
      lang: document.documentElement.lang,
      h1: document.querySelectorAll('h1').length,
      imagesWithoutAlt: [...document.querySelectorAll('img:not([alt]), input[type=image]:not([alt])')].map(describe),
      unlabelled: controls.filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')).map(describe),
      skipTarget: skip && skip === focusable ? skip.getAttribute('href') : null,
      firstFocusable: focusable ? describe(focusable) + ' ' + focusable.textContent.trim().slice(0, 40) : null,
    };
  })()`);
}

const horizontalOverflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** The innermost elements that stick out to the right, so the report says what to fix. */
const overflowing = (page: Page) =>
  page.evaluate<string>(`(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > width + 0.5);
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return innermost.slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + (el.id ? '#' + el.id : '')).join(', ');
  })()`);

/**
 * Every check of the sweep on one page: axe (WCAG 2.1 A/AA), html-validate, lang, one h1, a title,
 * images' alt, labels, a skip link that moves focus to main, and no sideways scrolling at 320 px,
 * also with the larger-text switch on.
 */
export async function checkPage(page: Page, html: string): Promise<Violation[]> {
  const violations: Violation[] = [];
  const add = (rule: string, detail: string) => violations.push({ rule, detail });

  for (const v of await axeViolations(page)) add(`axe/${v.rule}`, `${v.help} [${v.targets.join(', ')}]`);
  violations.push(...(await htmlErrors(html)));

  const s = await structureOf(page);
  if (!['pl', 'en'].includes(s.lang)) add('lang', `<html lang="${s.lang}">`);
  if (s.h1 !== 1) add('one-h1', `${s.h1} h1 elements`);
  if (!(await page.title()).trim()) add('title', 'empty <title>');
  for (const img of s.imagesWithoutAlt) add('img-alt', img);
  for (const control of s.unlabelled) add('label', control);
  if (!s.skipTarget) {
    add('skip-link', `the first focusable element is ${s.firstFocusable ?? 'missing'}, not a link to the content`);
  } else {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const focused = await page.evaluate<string>('document.activeElement ? document.activeElement.tagName.toLowerCase() + "#" + document.activeElement.id : ""');
    if (!focused.startsWith('main#')) add('skip-link', `after the skip link focus is on ${focused || 'nothing'}, not main`);
  }

  const size = page.viewportSize()!;
  await page.setViewportSize({ width: NARROW_WIDTH, height: 640 });
  const overflow = await horizontalOverflow(page);
  if (overflow > 0) add('reflow-320', `${overflow} px of horizontal scrolling at ${NARROW_WIDTH} px (${await overflowing(page)})`);
  const { cookie, on } = DISPLAY_SWITCHES.tekst;
  const { hostname } = new URL(page.url());
  await page.context().addCookies([{ name: cookie, value: on, domain: hostname, path: '/' }]);
  await page.reload();
  const largeOverflow = await horizontalOverflow(page);
  if (largeOverflow > 0) add('reflow-320-large-text', `${largeOverflow} px of horizontal scrolling at ${NARROW_WIDTH} px with larger text (${await overflowing(page)})`);
  await page.context().clearCookies({ name: cookie });
  await page.setViewportSize(size);
  return violations;
}

/**
 * Marks pages whose title another route's page also has. Pages of one route may share a title when they
 * differ only by filters or the page number of a list (the heading and the filter form say which).
 */
export function markDuplicateTitles(results: PageResult[]): void {
  const routeOf = (r: PageResult) => r.kind.split('?')[0];
  const byTitle = new Map<string, PageResult[]>();
  for (const r of results.filter((r) => r.status < 400)) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), r]);
  for (const [title, pages] of byTitle) {
    for (const p of pages) {
      const others = pages.filter((o) => routeOf(o) !== routeOf(p));
      if (others.length > 0) p.violations.push({ rule: 'unique-title', detail: `"${title}" is also the title of ${others.map((o) => `${o.url} (${o.as})`).join(', ')}` });
    }
  }
}

export function writeReport(dir: string, results: PageResult[], started: Date): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'report.json');
  const markdown = path.join(dir, 'report.md');
  const failing = results.filter((r) => r.violations.length > 0);
  writeFileSync(json, JSON.stringify({ started: started.toISOString(), finished: new Date().toISOString(), pages: results }, null, 2));
  const lines = [
    '# Accessibility sweep',
    '',
    `Run ${started.toISOString()}: ${results.length} pages, ${failing.length} with violations.`,
    '',
    'Checks on every page: axe-core WCAG 2.1 A/AA (wcag2a, wcag2aa, wcag21a, wcag21aa), html-validate (standard + document),',
    '`lang` on `<html>`, exactly one `h1`, a non-empty title no page of another route shares, `alt` on every image, a label on',
    `every form control, a skip link that is the first focusable element and moves focus to \`main\`, no horizontal scrolling at ${NARROW_WIDTH} px`,
    'with normal and with larger text.',
    '',
    '| page | as | status | title | violations |',
    '| --- | --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.url} | ${r.as} | ${r.status} | ${r.title.replace(/\|/g, '\\|')} | ${r.violations.length} |`),
    '',
  ];
  if (failing.length > 0) {
    lines.push('## Violations', '');
    for (const r of failing) {
      lines.push(`### ${r.url} (${r.as})`, '');
      for (const v of r.violations) lines.push(`- **${v.rule}**: ${v.detail}`);
      lines.push('');
    }
  }
  writeFileSync(markdown, lines.join('\n'));
  return { json, markdown };
}

/** The sweep's checks on the page open in a browser test (its HTML fetched again for html-validate), failing with each violation. */
export async function expectPageChecksPass(page: Page): Promise<void> {
  const response = await page.request.get(page.url());
  const violations = await checkPage(page, await response.text());
  expect(violations.map((v) => `${v.rule}: ${v.detail}`), `page checks on ${page.url()}`).toEqual([]);
}
