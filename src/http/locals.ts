// Per-request template context: language, translation, formatting, the user, permissions, CSRF, flash.
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config.js';
import { DEFAULT_LOCALE, formatters, isLocale, translator, type Locale } from '../i18n/i18n.js';
import { csrfTokenFor } from './csrf.js';
import { displayPreferencesOf, displaySwitchUrl } from './display-preferences.js';
import { takeFlash } from './flash.js';
import { FOOTER_NAV, MAIN_NAV, sectionOf } from './navigation.js';
import { can } from './permissions.js';

export const LANG_COOKIE = 'lang';

export function localeOf(req: Request): Locale {
  const fromCookie: unknown = req.cookies?.[LANG_COOKIE];
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}

export function templateLocals(config: Config) {
  const site = Object.freeze({ name: config.siteName, city: config.cityName, logoUrl: config.cityLogoUrl, cityHall: config.cityHallName, address: config.cityHallAddress, baseUrl: config.baseUrl });
  return (req: Request, res: Response, next: NextFunction) => {
    const locale = localeOf(req);
    const t = translator(locale);
    res.locals.locale = locale;
    res.locals.t = t;
    // Field errors are catalogue keys, optionally with parameters: "validation.tooLong?max=500".
    res.locals.te = (message: string) => {
      const [key = message, query] = message.split('?');
      return t(key, query ? Object.fromEntries(new URLSearchParams(query)) : undefined);
    };
    Object.assign(res.locals, formatters(locale));
    res.locals.site = site;
    res.locals.currentUser = req.user ?? null;
    res.locals.can = (action: Parameters<typeof can>[1], record?: Parameters<typeof can>[2]) => can(req.user, action, record);
    res.locals.csrfToken = () => {
      // A page with the visitor's token is theirs alone: no cache may keep it (docs/decisions.md 36).
      res.set('Cache-Control', 'no-store');
      return csrfTokenFor(req);
    };
    res.locals.currentPath = req.path;
    res.locals.currentUrl = req.originalUrl;
    res.locals.currentSection = sectionOf(req.path);
    const display = displayPreferencesOf(req);
    res.locals.display = {
      ...display,
      contrastUrl: displaySwitchUrl('kontrast', !display.highContrast, req.originalUrl),
      textUrl: displaySwitchUrl('tekst', !display.largeText, req.originalUrl),
    };
    res.locals.mainNav = MAIN_NAV;
    res.locals.footerNav = FOOTER_NAV;
    res.locals.requestId = req.id;
    res.locals.breadcrumbs = [];
    lazyFlash(req, res);
    next();
  };
}

/**
 * The one-time messages are taken from the session only when a page that shows them renders: a GET
 * answered with a success. A favicon's 404, a download, a feed or a thumbnail fetched between the
 * redirect and the page no longer swallows them. A handler may still set its own.
 */
function lazyFlash(req: Request, res: Response) {
  let messages: ReturnType<typeof takeFlash> | undefined;
  Object.defineProperty(res.locals, 'flashMessages', {
    enumerable: true,
    configurable: true,
    get: () => {
      messages ??= req.method === 'GET' && res.statusCode < 400 ? takeFlash(req) : [];
      if (messages.length > 0) res.set('Cache-Control', 'no-store'); // shown once, to this visitor
      return messages;
    },
    set: (value: ReturnType<typeof takeFlash>) => {
      messages = value;
      if (value.length > 0) res.set('Cache-Control', 'no-store');
    },
  });
}
