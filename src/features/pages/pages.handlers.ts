import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { LANG_COOKIE, localeOf } from '../../http/locals.js';
import { safeLocalPath } from '../../http/urls.js';
import { LOCALES } from '../../i18n/i18n.js';
import { consultationsInPhase, upcomingMeetings } from '../consultations/consultations.queries.js';
import { calendarUrls, consultationUrls } from '../consultations/consultations.urls.js';
import { listItemView, upcomingMeetingView, viewFormat } from '../consultations/consultations.view.js';
import { latestNews } from '../news/news.queries.js';
import { newsUrls } from '../news/news.urls.js';
import { newsItemView } from '../news/news.view.js';
import { CURRENT_STATUSES } from '../investments/investment-status.js';
import { someInvestments } from '../investments/investments.queries.js';
import { investmentUrls } from '../investments/investments.urls.js';
import { investmentItemView } from '../investments/investments.view.js';
import { homePollView } from '../surveys/surveys.home.js';

const HOME_LIST_SIZE = 3;

/** Open consultations first, then planned ones, the next meetings, news, current investments and the home page poll. */
export function home({ db, clock }: Deps): RequestHandler {
  return async (req, res) => {
    const now = clock.now();
    const fmt = viewFormat(localeOf(req));
    const [open, planned, meetings, news, investments, poll] = await Promise.all([
      consultationsInPhase(db, now, 'trwajace', HOME_LIST_SIZE),
      consultationsInPhase(db, now, 'planowane', HOME_LIST_SIZE),
      upcomingMeetings(db, now, HOME_LIST_SIZE),
      latestNews(db, now, HOME_LIST_SIZE),
      someInvestments(db, now, HOME_LIST_SIZE, { statuses: CURRENT_STATUSES }),
      homePollView(db, fmt, now),
    ]);
    res.render('pages/home', {
      open: open.map((c) => listItemView(fmt, c, now)),
      planned: planned.map((c) => listItemView(fmt, c, now)),
      meetings: meetings.map((m) => upcomingMeetingView(fmt, m)),
      news: news.map((n) => newsItemView(fmt, n)),
      poll,
      investments: investments.map((i) => investmentItemView(fmt, i)),
      links: { open: consultationUrls.phase('trwajace'), planned: consultationUrls.phase('planowane'), calendar: calendarUrls.page(), news: newsUrls.list(), investments: investmentUrls.list() },
    });
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
