// The usual frame of a browser test file: one server (own database and uploads folder) and one Chromium
// for the file, emptied before each test; every page opened is checked after each test for requests
// that left localhost and for Content Security Policy violations.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { externalRequests, launchBrowser, openPage, signIn, type TestPage } from './browser.js';
import { TEST_PASSWORD } from './factories.js';
import { startServer, type RunningServer } from './server.js';

export interface BrowserSuite {
  server: RunningServer;
  browser: Browser;
  /** A page in a fresh context (see openPage), checked after the test. */
  open(options?: Parameters<typeof openPage>[1]): Promise<Page>;
  url(path: string): string;
  /** Signs in through the login form (see signIn), with the factories' password unless told otherwise. */
  signIn(page: Page, email: string, options?: { password?: string; next?: string }): Promise<void>;
}

export function useBrowserSuite(env: Record<string, string> = {}): BrowserSuite {
  let opened: TestPage[] = [];
  const suite = {
    async open(options = {}) {
      const p = await openPage(suite.browser, options);
      opened.push(p);
      return p.page;
    },
    url: (path: string) => suite.server.baseUrl + path,
    signIn: (page: Page, email: string, options: { password?: string; next?: string } = {}) =>
      signIn(page, suite.server.baseUrl, email, options.password ?? TEST_PASSWORD, options.next),
  } as BrowserSuite;

  beforeAll(async () => {
    [suite.server, suite.browser] = await Promise.all([startServer(env), launchBrowser()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  beforeEach(async () => {
    await suite.server.reset();
  });
  afterEach(async () => {
    const pages = opened;
    opened = [];
    await Promise.all(pages.map((p) => p.context.close()));
    for (const p of pages) {
      expect(externalRequests(p.requests), 'requests that left localhost').toEqual([]);
      expect(p.cspViolations, 'Content Security Policy violations').toEqual([]);
    }
  });
  return suite;
}
