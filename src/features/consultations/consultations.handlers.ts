// Residents read consultations: the filtered list, one consultation, and its dates as iCalendar files.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { localeOf } from '../../http/locals.js';
import { routeId, routeSlug } from '../../http/params.js';
import { consultationDateEvents, meetingEvent } from './calendar.view.js';
import { icsCalendar } from './consultations.ical.js';
import { findManageableConsultation } from './consultations.policy.js';
import { findConsultationForPreview, findPublicConsultation, findPublicMeeting, listConsultations, listFilterOptions } from './consultations.queries.js';
import { listQuerySchema } from './consultations.schema.js';
import { detailView, listPageView, viewFormat } from './consultations.view.js';
import { discussionSummary } from '../comments/comments.section.js';
import { remarkSectionsView } from '../remarks/remarks.view.js';
import { consultationOrigin } from '../requests/requests.service.js';
import { consultationSurveySection } from '../surveys/surveys.section.js';
import { notificationUrls } from '../notifications/notifications.urls.js';
import { openDataLinks } from '../opendata/opendata.links.js';

/** Sends an .ics file: a download for a calendar program, or a feed it subscribes to (inline). */
export function sendCalendar(res: Response, body: string, filename: string, disposition: 'attachment' | 'inline' = 'attachment') {
  res.set('Content-Disposition', contentDisposition(disposition, filename));
  res.type('text/calendar; charset=utf-8').send(body);
}

export function consultationHandlers({ db, clock, config }: Deps) {
  const fmtOf = (req: Request) => viewFormat(localeOf(req));

  const list: RequestHandler = async (req, res) => {
    const query = listQuerySchema.parse(req.query);
    const now = clock.now();
    const filters = { phase: query.status, departmentCode: query.wydzial, districtSlug: query.dzielnica, topicSlug: query.temat, year: query.rok, text: query.q };
    const [result, options] = await Promise.all([listConsultations(db, now, filters, query.strona), listFilterOptions(db, now)]);
    const fmt = fmtOf(req);
    const openData = openDataLinks.consultations(fmt, { status: query.status, wydzial: query.wydzial, dzielnica: query.dzielnica, temat: query.temat, rok: query.rok, q: query.q });
    res.render('consultations/list', { ...listPageView(fmt, query, result, options, now), feeds: openData.feeds, openData });
  };

  const show: RequestHandler = async (req, res) => {
    const now = clock.now();
    const consultation = await findPublicConsultation(db, routeSlug(req.params.slug), now);
    const view = detailView(fmtOf(req), consultation, now);
    const [discussion, remarkSections, origin, surveys] = await Promise.all([
      discussionSummary(db, consultation, now),
      remarkSectionsView(db, fmtOf(req), consultation, now),
      consultationOrigin(db, consultation.id),
      consultationSurveySection(db, fmtOf(req), consultation.id, now),
    ]);
    res.render('consultations/show', { consultation: view, discussion, remarkSections, origin, surveys, follow: notificationUrls.signUpFor(consultation), title: view.title, breadcrumbs: [{ key: 'nav.consultations', href: '/konsultacje' }, { label: view.title }] });
  };

  /** The public page of a draft or scheduled consultation, for staff who may manage it. */
  const preview: RequestHandler = async (req, res) => {
    const now = clock.now();
    const id = routeId(req.params.id);
    await findManageableConsultation(db, req.user!, id);
    const found = await findConsultationForPreview(db, id);
    const view = detailView(fmtOf(req), found, now);
    const [remarkSections, surveys] = await Promise.all([remarkSectionsView(db, fmtOf(req), found, now), consultationSurveySection(db, fmtOf(req), found.id, now)]);
    res.render('consultations/show', { consultation: view, remarkSections, surveys, title: view.title, preview: { back: `/panel/konsultacje/${id}` }, breadcrumbs: [{ key: 'nav.consultations', href: '/konsultacje' }, { label: view.title }] });
  };

  /** The consultation's first and last day and all its meetings. */
  const calendar: RequestHandler = async (req, res) => {
    const now = clock.now();
    const c = await findPublicConsultation(db, routeSlug(req.params.slug), now);
    const fmt = fmtOf(req);
    const events = [...consultationDateEvents(fmt, config, c), ...c.meetings.map((m) => meetingEvent(fmt, config, m, c))];
    sendCalendar(res, icsCalendar({ name: c.title, now, events }), `${c.slug}.ics`);
  };

  const meeting: RequestHandler = async (req, res) => {
    const now = clock.now();
    const m = await findPublicMeeting(db, routeSlug(req.params.slug), routeId(req.params.id), now);
    sendCalendar(res, icsCalendar({ name: m.consultation.title, now, events: [meetingEvent(fmtOf(req), config, m, m.consultation)] }), `spotkanie-${m.id}.ics`);
  };

  return { list, show, preview, calendar, meeting };
}
