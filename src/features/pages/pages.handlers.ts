import type { RequestHandler } from 'express';
import { z } from 'zod';
import { LANG_COOKIE } from '../../http/locals.js';
import { safeLocalPath } from '../../http/urls.js';
import type { MessageKey } from '../../i18n/pl.js';
import { LOCALES } from '../../i18n/i18n.js';

export const home: RequestHandler = (_req, res) => {
  res.render('pages/home');
};

/** A section another feature will fill: says so honestly, in the frame, with status 200. */
export function placeholder(titleKey: MessageKey): RequestHandler {
  return (_req, res) => {
    res.render('pages/placeholder', { titleKey, breadcrumbs: [{ key: titleKey }] });
  };
}

export const sitemap: RequestHandler = (_req, res) => {
  res.render('pages/sitemap', { breadcrumbs: [{ key: 'page.sitemap' }] });
};

const languageSchema = z.object({ lang: z.enum(LOCALES), next: z.string().max(500).optional() });

// A plain link (works without JavaScript); the choice is a functional cookie, not tracking.
export const switchLanguage: RequestHandler = (req, res) => {
  const parsed = languageSchema.safeParse({ lang: req.params.lang, next: req.query.next });
  if (!parsed.success) return res.redirect(303, '/');
  res.cookie(LANG_COOKIE, parsed.data.lang, { maxAge: 365 * 24 * 3600 * 1000, httpOnly: true, sameSite: 'lax', secure: req.secure });
  res.redirect(303, safeLocalPath(parsed.data.next, '/'));
};
