// The whole-site accessibility sweep: a crawler that follows same-origin links from a few start pages and
// runs the page-level checks of issue 12 on each HTML page it reaches, plus the report it writes.
// Pages of the same kind (one route and the same query parameter names) are visited at most
// SAMPLES_PER_KIND times, so twenty districts or fifty consultations cost two visits, and a page another
// engineer adds tomorrow is swept as soon as something links to it.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { HtmlValidate } from 'html-validate';
import { expect } from 'vitest';
import { DISPLAY_SWITCHES } from '../../src/http/display-preferences.js';
import { axeViolations } from './browser.js';

export const SAMPLES_PER_KIND = 2;
export const NARROW_WIDTH = 320;
/** A 1280 px wide window at 200 % zoom lays pages out in 640 CSS pixels. */
export const ZOOM_200_WIDTH = 640;

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
  /** An empty form the server accepted (saved as it was), for the report. */
  accepted?: boolean;
  /** The reflow, larger-text and text-spacing cases ran on this page (once per kind). */
  reflowed?: boolean;
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
/** Forms never submitted empty: they delete, end sessions or sign out, whatever their fields say. */
const SIDE_EFFECT_ACTIONS = /\/(usun|wyloguj|wyloguj-pozostale)(\/|$)/;

/** Pages of a kind beyond the samples are still fetched (HTTP only, no checks) for their links, this many. */
export const DISCOVER_PER_KIND = 25;

/** A start page, with the status it is expected to answer (an error page is checked like any other). */
export type Start = string | { url: string; status: number };

/** A form found on a checked page, to be submitted empty once (per kind of action, whoever found it). */
export interface FoundForm {
  as: string;
  pageUrl: string;
  index: number;
  action: string;
  kind: string;
}

export interface CrawlOptions {
  /** One worker per page; all pages browse as the same person (one context, or signed in alike). */
  pages: Page[];
  baseUrl: string;
  routes: RouteKind[];
  /** Who is browsing, for the report ("anonymous", "admin"). */
  as: string;
  start: Start[];
  /** Which same-origin paths this crawl follows. */
  follow: (pathname: string) => boolean;
  /** Runs the checks on a page as it is shown now. */
  check: (page: Page, html: string, options?: { reflow: boolean }) => Promise<Violation[]>;
  samplesPerKind?: number;
  /** Forms by kind of action, shared by all crawls; the first crawl to meet a kind records it. */
  forms?: Map<string, FoundForm>;
  /** Shared by crawls running together, so a template is checked at most `cap` times whoever browses. */
  shared?: SharedCounts;
  /** Called with each page's result as soon as it is checked (a progress log). */
  onResult?: (result: PageResult, ms: number) => void;
}

export interface SharedCounts {
  /** Checked pages per kind, over all crawls. */
  checked: Map<string, number>;
  cap: number;
  /** Kinds whose reflow checks have run once (a layout is the template's, whoever looks). */
  reflowed: Set<string>;
  /** Paths fetched only for their links, by any crawl. */
  discovered: Set<string>;
}

export function sharedCounts(cap = SAMPLES_PER_KIND): SharedCounts {
  return { checked: new Map(), cap, reflowed: new Set(), discovered: new Set() };
}

/** Runs items through one worker per page until the queue is empty and no worker can add to it. */
async function runWorkers<T>(pages: Page[], queue: T[], work: (page: Page, item: T) => Promise<void>): Promise<void> {
  let busy = 0;
  await Promise.all(
    pages.map(async (page) => {
      for (;;) {
        const item = queue.shift();
        if (item === undefined) {
          if (busy === 0) return;
          // Another worker may still find links: idle briefly rather than quit.
          await new Promise((resolve) => setTimeout(resolve, 25));
          continue;
        }
        busy++;
        try {
          await work(page, item);
        } finally {
          busy--;
        }
      }
    }),
  );
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&#34;': '"', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };
/** The hrefs of an HTML text as served (our templates quote every attribute with double quotes). */
export function hrefsOf(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => m[1]!.replace(/&(amp|#34|quot|#39|lt|gt);/g, (e) => ENTITIES[e]!));
}

export async function crawl(options: CrawlOptions): Promise<PageResult[]> {
  const { pages, baseUrl, routes, as, follow, check } = options;
  const samples = options.samplesPerKind ?? SAMPLES_PER_KIND;
  const shared = options.shared ?? sharedCounts(Infinity);
  const origin = new URL(baseUrl).origin;
  const queued = new Set<string>();
  const perKind = new Map<string, number>();
  const discovered = new Map<string, number>();
  const visited = new Set<string>();
  const queue: { url: string; from: string; expect?: number; discoverOnly: boolean }[] = [];
  const results: PageResult[] = [];

  const enqueue = (href: string, from: string, relativeTo = baseUrl, expect?: number) => {
    let url: URL;
    try {
      url = new URL(href, relativeTo);
    } catch {
      return;
    }
    url.hash = '';
    if (url.origin !== origin || !follow(url.pathname)) return;
    if (SIDE_EFFECT_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) return;
    const key = url.pathname + url.search;
    if (queued.has(key)) return;
    const kind = kindOf(routes, url);
    const count = perKind.get(kind) ?? 0;
    const everywhere = shared.checked.get(kind) ?? 0;
    if ((count < samples && everywhere < shared.cap) || expect || from === '(start)') {
      perKind.set(kind, count + 1);
      shared.checked.set(kind, everywhere + 1);
      queued.add(key);
      queue.push({ url: url.href, from, expect, discoverOnly: false });
      return;
    }
    const found = discovered.get(kind) ?? 0;
    if (found >= DISCOVER_PER_KIND || shared.discovered.has(key)) return;
    discovered.set(kind, found + 1);
    shared.discovered.add(key);
    queued.add(key);
    queue.push({ url: url.href, from, discoverOnly: true });
  };
  for (const start of options.start) {
    if (typeof start === 'string') enqueue(start, '(start)');
    else enqueue(start.url, '(start)', baseUrl, start.status);
  }

  await runWorkers(pages, queue, async (page, { url, from, expect, discoverOnly }) => {
    const begun = Date.now();
    if (discoverOnly) {
      // Only its links matter (a kind that some pages of a kind link to, e.g. a report); a dead one is a finding.
      const path = new URL(url).pathname + new URL(url).search;
      // Files, feeds and calendars are not pages and have no links to follow.
      if (/\.(ics|csv|xlsx|pdf|rss|atom|geojson|webp)$/.test(new URL(url).pathname) || new URL(url).pathname.startsWith('/pliki/')) return;
      // A kept-alive connection the server has just closed resets once in a while: ask again once.
      const response = await page.request.get(url, { maxRedirects: 5 }).catch(() => page.request.get(url, { maxRedirects: 5 }));
      if (response.status() >= 400) {
        const broken: PageResult = { url: path, as, kind: kindOf(routes, new URL(url)), status: response.status(), title: '', from, violations: [{ rule: 'broken-link', detail: `HTTP ${response.status()}, linked from ${from}` }] };
        results.push(broken);
        options.onResult?.(broken, Date.now() - begun);
        return;
      }
      if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return;
      for (const href of hrefsOf(await response.text())) enqueue(href, path, response.url());
      return;
    }
    let response;
    try {
      response = await page.goto(url);
    } catch (error) {
      // A download (an attachment, a calendar file) aborts navigation: it is not a page.
      if (String(error).includes('Download is starting')) return;
      throw error;
    }
    if (!response) return;
    const contentType = response.headers()['content-type'] ?? '';
    if (!contentType.startsWith('text/html')) return;
    const finalUrl = new URL(page.url());
    const status = response.status();
    const result: PageResult = { url: finalUrl.pathname + finalUrl.search, as, kind: kindOf(routes, finalUrl), status, title: await page.title(), from, violations: [] };
    if (visited.has(result.url)) return; // a redirect to a page already swept
    visited.add(result.url);
    results.push(result);
    if (status >= 400 && status !== expect) {
      result.violations.push({ rule: 'broken-link', detail: `HTTP ${status}, linked from ${from}` });
      options.onResult?.(result, Date.now() - begun);
      return;
    }
    if (expect && status !== expect) result.violations.push({ rule: 'expected-status', detail: `HTTP ${status}, expected ${expect}` });
    const html = await response.text();
    if (options.forms) {
      for (const form of await postForms(page)) {
        const kind = kindOf(routes, new URL(form.action, page.url()));
        if (!options.forms.has(kind) && !SIDE_EFFECT_ACTIONS.test(new URL(form.action, page.url()).pathname)) options.forms.set(kind, { as, pageUrl: page.url(), index: form.index, action: form.action, kind });
      }
    }
    const reflow = !shared.reflowed.has(result.kind);
    shared.reflowed.add(result.kind);
    result.reflowed = reflow;
    result.violations.push(...(await check(page, html, { reflow })));
    options.onResult?.(result, Date.now() - begun);
    if (status >= 400) return;
    for (const href of hrefsOf(html)) enqueue(href, result.url, page.url());
    // A GET form that leads to another page (the builder's "add a question of this type") is a link too;
    // one that filters the page it is on is not followed.
    for (const href of await page.evaluate<string[]>(`[...document.forms].filter((f) => f.method === 'get' && new URL(f.action, location.href).pathname !== location.pathname)
      .map((f) => { const u = new URL(f.action, location.href); u.search = new URLSearchParams(new FormData(f)).toString(); return u.href; })`)) {
      enqueue(href, result.url, page.url());
    }
  });
  return results;
}

/** POST forms of the page that a person fills in (a visible text field, text area or file field). */
function postForms(page: Page): Promise<{ index: number; action: string }[]> {
  return page.evaluate<{ index: number; action: string }[]>(`(() => [...document.forms].map((form, index) => ({ form, index }))
    .filter(({ form }) => form.method === 'post' && [...form.elements].some((el) => el.offsetParent !== null && !el.disabled && !el.readOnly &&
      (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && ['text', 'email', 'password', 'url', 'tel', 'number', 'date', 'time', 'datetime-local', 'search', 'file'].includes(el.type)))))
    .map(({ form, index }) => ({ index, action: form.getAttribute('action') || location.pathname })))()`);
}

/**
 * Submits each found form once with its text fields emptied (browser validation off, as the server must
 * cope without it) and checks the page that comes back with the errors: the same checks as any page, and
 * that focus starts on the error summary. A form that accepts being empty is reported, not failed.
 */
export async function submitEmptyForms(pages: Page[], forms: FoundForm[], check: (page: Page, html: string) => Promise<Violation[]>, onResult?: (result: PageResult, ms: number) => void): Promise<PageResult[]> {
  const results: PageResult[] = [];
  await runWorkers(pages, [...forms], async (page, form) => {
    const begun = Date.now();
    await page.goto(form.pageUrl);
    // The navigation's own answer: the POST's when it is refused, the page redirected to when accepted.
    const [response] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load', timeout: 30_000 }).catch(() => null),
      page.evaluate(`(() => {
        const form = document.forms[${form.index}];
        form.noValidate = true;
        // Sent as without JavaScript: a script that takes over the submit (the upload progress bar) stays out.
        window.addEventListener('submit', (event) => event.stopImmediatePropagation(), { capture: true, once: true });
        for (const el of form.elements) {
          if (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && !['hidden', 'checkbox', 'radio', 'submit', 'button', 'image', 'reset'].includes(el.type))) el.value = '';
        }
        form.requestSubmit(form.querySelector('button:not([type]), button[type=submit], input[type=submit]') || undefined);
      })()`),
    ]);
    const url = new URL(form.action, form.pageUrl);
    const result: PageResult = { url: `${url.pathname} (sent empty from ${new URL(form.pageUrl).pathname})`, as: form.as, kind: `POST ${form.kind}`, status: response?.status() ?? 0, title: await page.title(), from: form.pageUrl, violations: [] };
    results.push(result);
    if (!response) {
      // Reported with the rest rather than stopping the sweep: a form that sends nothing is a finding too.
      result.violations.push({ rule: 'empty-form', detail: 'sending the form led to no page' });
      onResult?.(result, Date.now() - begun);
      return;
    }
    const status = response.status();
    if (status < 400) {
      result.accepted = true;
      onResult?.(result, Date.now() - begun);
      return;
    }
    if (status >= 500 || status === 403) {
      result.violations.push({ rule: 'empty-form', detail: `HTTP ${status} for an empty form` });
      onResult?.(result, Date.now() - begun);
      return;
    }
    const focus = await page.evaluate<string>('document.querySelector(".error-summary") ? (document.activeElement && document.activeElement.classList.contains("error-summary") ? "ok" : document.activeElement.tagName.toLowerCase() + "#" + document.activeElement.id) : "none"');
    if (focus !== 'ok') result.violations.push({ rule: 'error-summary-focus', detail: focus === 'none' ? 'no error summary on the page with errors' : `focus starts on ${focus}, not the error summary` });
    // A page with errors is its own layout (messages, the summary, red borders): it gets the reflow checks too.
    result.reflowed = true;
    result.violations.push(...(await check(page, await response.text())));
    onResult?.(result, Date.now() - begun);
  });
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
 * Elements that cut their own content off: overflow hidden or clip (or an ellipsis) with more inside than
 * shows. Visually hidden text (a box of at most 1 px, for screen readers) is meant to be clipped, and a
 * form field scrolls its own value.
 */
const clipped = (page: Page) =>
  page.evaluate<string[]>(`(() => [...document.querySelectorAll('body *')].filter((el) => {
    // A text field scrolls its own value; that is how fields work, not content cut off.
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) return false;
    // A map is a window onto a larger plane that the person pans (and lists its places in text anyway).
    if (el.classList.contains('leaflet-container')) return false;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    const hides = (v) => v === 'hidden' || v === 'clip';
    const x = hides(style.overflowX) || style.textOverflow === 'ellipsis';
    const y = hides(style.overflowY);
    if (!x && !y) return false;
    if (el.clientWidth <= 1 || el.clientHeight <= 1) return false;
    return (x && el.scrollWidth > el.clientWidth + 1) || (y && el.scrollHeight > el.clientHeight + 1);
  }).slice(0, 3).map((el) => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + (el.id ? '#' + el.id : '') + ' "' + el.textContent.replace(/\\s+/g, ' ').trim().slice(0, 40) + '"'))()`);

/** WCAG 1.4.12's text spacing, as the usual bookmarklet injects it (a constructed sheet: the CSP allows it). */
export const TEXT_SPACING_CSS = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
const setTextSpacing = (page: Page, on: boolean) =>
  page.evaluate(`(() => {
    if (${on}) { const sheet = new CSSStyleSheet(); sheet.replaceSync(${JSON.stringify(TEXT_SPACING_CSS)}); document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; window.__textSpacing = sheet; }
    else { document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== window.__textSpacing); }
  })()`);
const setLargeText = (page: Page, on: boolean) => page.evaluate(`document.documentElement.classList.toggle(${JSON.stringify(DISPLAY_SWITCHES.tekst.htmlClass)}, ${on})`);

/** The layouts every page must survive: 200 % zoom of a 1280 px window, 400 % (320 px), larger text, text spacing. */
export const REFLOW_CASES = [
  { rule: 'reflow-640', width: ZOOM_200_WIDTH, what: `${ZOOM_200_WIDTH} px (200 % zoom of 1280 px)`, largeText: false, spacing: false },
  { rule: 'reflow-320', width: NARROW_WIDTH, what: `${NARROW_WIDTH} px (400 % zoom)`, largeText: false, spacing: false },
  { rule: 'reflow-320-large-text', width: NARROW_WIDTH, what: `${NARROW_WIDTH} px with larger text`, largeText: true, spacing: false },
  { rule: 'text-spacing-320', width: NARROW_WIDTH, what: `${NARROW_WIDTH} px with WCAG 1.4.12 text spacing`, largeText: false, spacing: true },
] as const;

/**
 * Every check of the sweep on one page: axe (WCAG 2.1 A/AA), html-validate, lang, one h1, a title,
 * images' alt, labels, a skip link that moves focus to main, and for each of REFLOW_CASES no sideways
 * scrolling and no clipped content. Larger text is the switch's class on <html> (what its cookie does),
 * set in place so pages browsing in parallel in one context do not change each other.
 */
export async function checkPage(page: Page, html: string, options: { reflow: boolean } = { reflow: true }): Promise<Violation[]> {
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
    // A page with errors starts on its summary, past the skip link: there the link is focused directly.
    const atTop = await page.evaluate<boolean>('document.activeElement === document.body');
    if (atTop) await page.keyboard.press('Tab');
    else await page.locator(`body a[href="${s.skipTarget}"]`).first().focus();
    await page.keyboard.press('Enter');
    const focused = await page.evaluate<string>('document.activeElement ? document.activeElement.tagName.toLowerCase() + "#" + document.activeElement.id : ""');
    if (!focused.startsWith('main#')) add('skip-link', `after the skip link focus is on ${focused || 'nothing'}, not main`);
  }

  if (!options.reflow) return violations;
  const size = page.viewportSize()!;
  const clippedBefore = new Set(await clipped(page));
  for (const el of clippedBefore) add('clipped', `content cut off at ${size.width} px: ${el}`);
  for (const c of REFLOW_CASES) {
    await page.setViewportSize({ width: c.width, height: 640 });
    if (c.largeText) await setLargeText(page, true);
    if (c.spacing) await setTextSpacing(page, true);
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) add(c.rule, `${overflow} px of horizontal scrolling at ${c.what} (${await overflowing(page)})`);
    // Only what these layouts newly cut off: a box that clips at full width is the page's design, checked by eye.
    const cut = (await clipped(page)).filter((el) => !clippedBefore.has(el));
    if (cut.length > 0) add(`${c.rule}-clipped`, `content cut off at ${c.what}: ${cut.join(', ')}`);
    if (c.largeText) await setLargeText(page, false);
    if (c.spacing) await setTextSpacing(page, false);
  }
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
  for (const r of results.filter((r) => r.status < 400 && !r.kind.startsWith('POST '))) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), r]);
  for (const [title, pages] of byTitle) {
    for (const p of pages) {
      const others = pages.filter((o) => routeOf(o) !== routeOf(p));
      if (others.length > 0) p.violations.push({ rule: 'unique-title', detail: `"${title}" is also the title of ${others.map((o) => `${o.url} (${o.as})`).join(', ')}` });
    }
  }
}

export function writeReport(dir: string, results: PageResult[], started: Date, about: { commit?: string } = {}): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'report.json');
  const markdown = path.join(dir, 'report.md');
  const failing = results.filter((r) => r.violations.length > 0);
  const finished = new Date();
  const seconds = Math.round((finished.getTime() - started.getTime()) / 1000);
  const roles = [...new Set(results.map((r) => r.as))];
  const isForm = (r: PageResult) => r.kind.startsWith('POST ');
  const figures = (mine: PageResult[]) => ({
    pages: mine.filter((r) => !isForm(r)).length,
    kinds: new Set(mine.filter((r) => !isForm(r)).map((r) => r.kind)).size,
    reflowed: mine.filter((r) => !isForm(r) && r.reflowed).length,
    errorPages: mine.filter((r) => !isForm(r) && r.status >= 400).length,
    forms: mine.filter(isForm).length,
    acceptedEmpty: mine.filter((r) => r.accepted).length,
    failing: mine.filter((r) => r.violations.length > 0).length,
  });
  const all = figures(results);
  writeFileSync(json, JSON.stringify({ started: started.toISOString(), finished: finished.toISOString(), seconds, commit: about.commit ?? null, figures: Object.fromEntries(roles.map((as) => [as, figures(results.filter((r) => r.as === as))])), violations: failing.reduce((n, r) => n + r.violations.length, 0), pages: results }, null, 2));
  const lines = [
    '# Accessibility sweep',
    '',
    `Run ${started.toISOString()}${about.commit ? ` at commit ${about.commit}` : ''} on the demo data, in ${seconds} s: ${all.pages} pages of ${all.kinds} kinds checked (${all.reflowed} of them also for reflow and text spacing, ${all.errorPages} error pages) and ${all.forms} forms sent empty; **${failing.length} with violations**.`,
    '',
    'This report is what the accessibility statement\'s status rests on for the HTML pages (docs/decisions.md 19 and 51): an administrator',
    'sets "zgodna" at /panel/strony only with a report of 0 violations for the release deployed and the documents, recordings and',
    'alternative texts checked by a person.',
    '',
    '| as | pages checked | kinds | reflow + text spacing | error pages | forms sent empty (accepted empty) | with violations |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...roles.map((as) => {
      const f = figures(results.filter((r) => r.as === as));
      return `| ${as} | ${f.pages} | ${f.kinds} | ${f.reflowed} | ${f.errorPages} | ${f.forms} (${f.acceptedEmpty}) | ${f.failing} |`;
    }),
    `| all | ${all.pages} | ${all.kinds} | ${all.reflowed} | ${all.errorPages} | ${all.forms} (${all.acceptedEmpty}) | ${all.failing} |`,
    '',
    'Checks on every page: axe-core WCAG 2.1 A/AA (wcag2a, wcag2aa, wcag21a, wcag21aa), html-validate (standard + document),',
    '`lang` on `<html>`, exactly one `h1`, a non-empty title no page of another route shares, `alt` on every image, a label on',
    `every form control, a skip link that is the first focusable element and moves focus to \`main\`. Once per kind of page (a layout`,
    `is its template's, whoever looks): no horizontal scrolling and no content newly cut off (overflow hidden or clip) at ${ZOOM_200_WIDTH} px (200 % zoom),`,
    `at ${NARROW_WIDTH} px (400 %), at ${NARROW_WIDTH} px with larger text and at ${NARROW_WIDTH} px with WCAG 1.4.12 text spacing (\`${TEXT_SPACING_CSS}\`).`,
    'Each kind of form with a text field is sent empty once (browser validation off); the page with the errors gets the same',
    'checks and must start with focus on the error summary.',
    '',
    '| page | as | status | title | reflow | violations |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.url} | ${r.as} | ${r.status}${r.accepted ? ' (accepted empty)' : ''} | ${r.title.replace(/\|/g, '\\|')} | ${r.reflowed ? 'yes' : ''} | ${r.violations.length} |`),
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

/** A progress log, a line per page as it is done, readable while the sweep runs (and after a timeout). */
export function progressLog(dir: string): (result: PageResult, ms: number) => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'progress.log');
  writeFileSync(file, '');
  return (r, ms) => appendFileSync(file, `${new Date().toISOString()} ${String(ms).padStart(6)} ms ${r.as} ${r.status} ${r.url} ${r.violations.map((v) => `\n    ${v.rule}: ${v.detail}`).join('')}\n`);
}
