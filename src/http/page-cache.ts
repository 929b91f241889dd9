// HTTP caching of public pages (docs/decisions.md 36): the Cache-Control policy of every GET, and a
// render cache for the most read pages, coherent across instances. A cached page is kept under the
// content version (table content_version, bumped by triggers in the transaction of every write a public
// page shows) and a window of time between two scheduled moments (a consultation opening or closing, a
// news item's publication time, Warsaw midnight), so neither an edit on another instance nor the clock
// can make it stale. The version comes from content-version.ts: from PostgreSQL's notifications once the
// server listens, from a query per request otherwise and for whoever just wrote (decision 53).
import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type pg from 'pg';
import { warsawInstant, warsawParts } from '../lib/dates.js';
import { ContentVersion, type Version } from './content-version.js';
import { csrfTokenFor } from './csrf.js';
import { displayPreferencesOf } from './display-preferences.js';
import { localeOf } from './locals.js';
import { SESSION_COOKIE } from './session.js';

/**
 * The columns whose future values change what public pages show without any write (scheduled
 * publication, opening and closing). A feature adding such a column adds it here.
 */
export const SCHEDULED_COLUMNS: readonly (readonly [table: string, column: string])[] = [
  ['consultation', 'published_at'],
  ['consultation', 'starts_at'],
  ['consultation', 'ends_at'],
  ['consultation', 'report_published_at'],
  ['meeting', 'starts_at'],
  ['meeting', 'ends_at'],
  ['news', 'published_at'],
  ['district_event', 'starts_at'],
  ['district_event', 'ends_at'],
  ['investment', 'published_at'],
  ['survey', 'opens_at'],
  ['survey', 'closes_at'],
];

const BOUNDARIES_SQL = `SELECT
  LEAST(${SCHEDULED_COLUMNS.map(([t, c]) => `(SELECT min("${c}") FROM "${t}" WHERE "${c}" > $1)`).join(', ')}) AS next,
  GREATEST(${SCHEDULED_COLUMNS.map(([t, c]) => `(SELECT max("${c}") FROM "${t}" WHERE "${c}" <= $1)`).join(', ')}) AS prev`;

interface Window {
  version: string;
  from: number;
  until: number;
}

interface Entry {
  version: string;
  from: number;
  until: number;
  /** The HTML encoded once, sent as it is (empty for a page with a form: see aroundToken). */
  body: Buffer;
  bytes: number;
  etag: string;
  lastModified: number;
  /** The page has a form: the encoded HTML around each place of the visitor's CSRF token; none without a form. */
  aroundToken: Buffer[] | undefined;
}

export interface PageCacheOptions {
  /** Bytes of HTML kept at most (least recently used pages go first). */
  maxBytes?: number;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private seenVersion: string | undefined;
  private readonly versions: ContentVersion;
  private window: Promise<Window> | undefined;
  /** Stands for the CSRF token in a stored page; random per process, so no content can forge it. */
  private readonly placeholder = `csrf-placeholder-${crypto.randomBytes(12).toString('hex')}`;
  private readonly maxBytes: number;
  private readonly memos = new Map<string, { version: string; from: number; until: number; value: Promise<unknown> }>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: { now(): Date },
    private readonly logger: Logger,
    options: PageCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.versions = new ContentVersion(pool, logger);
  }

  /** Follows the content version's notifications instead of asking for it per request (the server calls it). */
  listen(): Promise<void> {
    return this.versions.listen();
  }

  close(): Promise<void> {
    return this.versions.close();
  }

  /**
   * Mounted first: once a request that may write (anything but GET and HEAD) is answered (or abandoned:
   * 'close' comes either way), the next page confirms the version with PostgreSQL, so its sender never
   * gets a page from before their own write, even before the notification arrives.
   */
  readonly trackWrites: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') res.once('close', () => this.versions.writeAnswered());
    next();
  };

  /**
   * Mounted right after the cookie parser: a visitor without a session cookie can be nobody in
   * particular (no user, no message), so the page is answered before the session, passport and
   * template middleware run at all.
   */
  readonly serveWithoutSession: RequestHandler = (req, res, next) => {
    if (req.cookies?.[SESSION_COOKIE]) return next();
    this.serve(req, res, next);
  };

  /** Route middleware: answers from the cache, or lets the handler render and keeps what it rendered. */
  readonly serve: RequestHandler = (req, res, next) => {
    // Signed-in users and pending one-time messages make a page personal: rendered every time.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.user || req.session?.flash?.length || res.locals.pageCacheSeen) return next();
    res.locals.pageCacheSeen = true;
    this.lookup(req, res, next).catch((error: unknown) => {
      // Without the version nothing may be served from the cache; the page is rendered as usual.
      this.logger.warn({ err: error }, 'page cache: version unavailable');
      next();
    });
  };

  private async lookup(req: Request, res: Response, next: NextFunction) {
    const current = await this.versions.current();
    if (!current) return next();
    if (current.version !== this.seenVersion) {
      // Everything kept belongs to an older version: drop it at once rather than let it age out.
      this.seenVersion = current.version;
      this.entries.clear();
      this.bytes = 0;
    }
    const now = this.clock.now().getTime();
    const key = `${localeOf(req)}|${displayPreferencesOf(req).htmlClass}|${req.originalUrl}`;
    const entry = this.entries.get(key);
    if (entry && entry.version === current.version && entry.from <= now && now < entry.until) {
      this.entries.delete(key);
      this.entries.set(key, entry); // most recently used last
      res.set('X-Page-Cache', 'hit');
      return this.send(req, res, entry);
    }
    const window = await this.windowAt(current.version, now);
    res.set('X-Page-Cache', 'miss');
    this.capture(req, res, key, current, window);
    next();
  }

  /** Replaces res.render for this response: renders with a placeholder token, keeps the HTML if it is anyone's, sends it. */
  private capture(req: Request, res: Response, key: string, current: Version, window: Window) {
    const render = res.render.bind(res) as (view: string, options: object, callback: (error: Error | null, html: string) => void) => void;
    type Done = (error: Error | null, html: string) => void;
    res.render = ((view: string, options?: object | Done, callback?: Done) => {
      if (typeof options === 'function') return render(view, {}, options as Done);
      if (callback) return render(view, options ?? {}, callback);
      let usesToken = false;
      res.locals.csrfToken = () => {
        usesToken = true;
        return this.placeholder;
      };
      render(view, options ?? {}, (error, html) => {
        if (error) return req.next!(error);
        const entry: Entry = {
          version: current.version,
          from: window.from,
          until: window.until,
          body: usesToken ? Buffer.alloc(0) : Buffer.from(html),
          bytes: Buffer.byteLength(html),
          etag: weakEtag(html),
          lastModified: Math.max(current.changedAt.getTime(), window.from),
          aroundToken: usesToken ? html.split(this.placeholder).map((part) => Buffer.from(part)) : undefined,
        };
        const flashShown = (res.locals.flashMessages as unknown[] | undefined)?.length;
        // Only a page that is everybody's: a success, no cookie of the handler's, no message, nobody signed in.
        if (res.statusCode === 200 && req.method === 'GET' && !res.getHeader('set-cookie') && !flashShown && !req.user) this.store(key, entry);
        this.send(req, res, entry);
      });
    }) as Response['render'];
  }

  private send(req: Request, res: Response, entry: Entry) {
    res.type('html');
    if (entry.aroundToken) {
      // The visitor's own token: personal, never kept by a cache, so no ETag either (res.send would
      // hash the page for one); the parts were encoded once, only the token is new.
      const token = Buffer.from(csrfTokenFor(req));
      const body = Buffer.concat(entry.aroundToken.flatMap((part, i) => (i === 0 ? [part] : [token, part])));
      res.set('Cache-Control', 'no-store');
      res.setHeader('Content-Length', body.length);
      res.end(body);
      return;
    }
    defaultPolicy(req, res);
    res.set('ETag', entry.etag);
    // HTTP dates have whole seconds: a page changed within the current second could change again in
    // it, so its Last-Modified would not tell the two apart; it is sent once that second is over.
    if (Math.floor(Date.now() / 1000) > Math.floor(entry.lastModified / 1000)) res.set('Last-Modified', new Date(entry.lastModified).toUTCString());
    res.send(entry.body);
  }

  private store(key: string, entry: Entry) {
    if (entry.bytes > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldest, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= e.bytes;
    }
  }

  /**
   * A value read from public tables only (what the version's triggers cover) and the clock: kept like a
   * cached page, while the content version and the window between scheduled moments hold, so it is as
   * coherent across instances as the pages. A failure (a 404) is not kept.
   */
  async memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const current = await this.versions.current();
    if (!current) return compute();
    const now = this.clock.now().getTime();
    const kept = this.memos.get(key);
    if (kept && kept.version === current.version && kept.from <= now && now < kept.until) return kept.value as Promise<T>;
    const window = await this.windowAt(current.version, now);
    const value = compute();
    const memo = { version: current.version, from: window.from, until: window.until, value };
    if (this.memos.size >= 1000) this.memos.clear();
    this.memos.set(key, memo);
    value.catch(() => {
      if (this.memos.get(key) === memo) this.memos.delete(key);
    });
    return value;
  }

  /** The stretch of time around `now` in which nothing scheduled happens, at this version; shared while it holds. */
  private async windowAt(version: string, now: number): Promise<Window> {
    const known = await this.window?.catch(() => undefined);
    if (known && known.version === version && known.from <= now && now < known.until) return known;
    this.window = this.readWindow(version, now);
    return this.window;
  }

  private async readWindow(version: string, now: number): Promise<Window> {
    const { rows } = await this.pool.query<{ next: Date | null; prev: Date | null }>(BOUNDARIES_SQL, [new Date(now)]);
    const today = warsawParts(new Date(now)).date;
    const midnight = warsawInstant(today).getTime();
    const nextMidnight = warsawInstant(nextDay(today)).getTime();
    const next = rows[0]?.next?.getTime() ?? Infinity;
    const prev = rows[0]?.prev?.getTime() ?? -Infinity;
    return { version, from: Math.max(prev, midnight), until: Math.min(next, nextMidnight) };
  }
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function weakEtag(html: string): string {
  return `W/"${crypto.createHash('sha1').update(html).digest('base64url')}"`;
}

/**
 * The Cache-Control of every GET not set otherwise: browsers and proxies may keep a page but must ask
 * again each time (the ETag makes that a 304), and only the browser when the request carries a session
 * cookie (the answer renews it). Signed-in users' pages and the panel are no-store (session.ts), and so
 * is any page that shows a one-time message or a CSRF token (locals.ts).
 */
export function cachePolicy(req: Request, res: Response, next: NextFunction) {
  defaultPolicy(req, res);
  next();
}

function defaultPolicy(req: Request, res: Response) {
  if ((req.method === 'GET' || req.method === 'HEAD') && !res.getHeader('Cache-Control')) {
    res.set('Cache-Control', req.cookies?.[SESSION_COOKIE] ? 'private, no-cache' : 'no-cache');
    res.vary('Cookie');
  }
}
