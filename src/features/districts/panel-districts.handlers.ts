// Panel pages of a district: its council page and its events (meetings, office hours).
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, type FormValues } from '../../http/forms.js';
import { localeOf } from '../../http/locals.js';
import { routeId } from '../../http/params.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { districtUrls, panelDistrictUrls as urls } from './districts.urls.js';
import { eventWhen } from './districts.view.js';
import { councilSchema, eventSchema } from './panel-districts.schema.js';
import * as service from './panel-districts.service.js';

type District = { id: number; slug: string; name: string };
const crumbs = (d: District, ...rest: object[]) => [{ key: 'panel.title', href: '/panel' }, { key: 'panel.district.title', href: '/panel/dzielnice' }, { label: d.name, href: urls.page(d) }, ...rest];

export function panelDistrictHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, actor: req.user!, ip: req.ip, now: deps.clock.now() });
  const idOf = (req: Request) => routeId(req.params.id);
  const eventIdOf = (req: Request) => routeId(req.params.eventId);

  /** Councillors go straight to their district; administrators choose one. */
  const choose: RequestHandler = async (req, res) => {
    const districts = await service.districtsForActor(deps.db, req.user!);
    if (req.user!.role !== 'ADMIN' && districts.length === 1) return res.redirect(303, urls.page(districts[0]!));
    res.render('panel/districts/choose', { districts: districts.map((d) => ({ name: d.name, href: urls.page(d) })), breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'panel.district.title' }] });
  };

  function renderCouncil(res: Response, district: District, values: FormValues, errors?: FieldErrors) {
    renderForm(res, 'panel/districts/edit', { district, links: { public: districtUrls.show(district), events: urls.events(district), save: urls.page(district) }, values, breadcrumbs: crumbs(district) }, errors);
  }

  const editForm: RequestHandler = async (req, res) => {
    const { district, values } = await service.councilForEdit(ctx(req), idOf(req));
    renderCouncil(res, district, values);
  };

  const update: RequestHandler = async (req, res) => {
    const { district } = await service.councilForEdit(ctx(req), idOf(req));
    const parsed = parseForm(councilSchema, req.body);
    if (!parsed.ok) return renderCouncil(res, district, parsed.values, parsed.errors);
    await service.saveCouncil(ctx(req), district.id, parsed.data);
    flash(req, 'panel.district.flash.saved');
    res.redirect(303, urls.page(district));
  };

  const events: RequestHandler = async (req, res) => {
    const { district, events } = await service.listEvents(ctx(req), idOf(req));
    const fmt = viewFormat(localeOf(req));
    res.render('panel/districts/events', {
      district,
      newHref: urls.newEvent(district),
      rows: events.map((e) => ({ title: e.title, kind: fmt.t(`districts.event.kind.${e.kind}`), when: eventWhen(fmt, e), editHref: urls.editEvent(district, e), removeAction: urls.removeEvent(district, e) })),
      breadcrumbs: crumbs(district, { key: 'panel.events.title' }),
    });
  };

  function renderEvent(res: Response, district: District, eventId: number | null, values: FormValues, errors?: FieldErrors) {
    const action = eventId ? urls.updateEvent(district, { id: eventId }) : urls.events(district);
    renderForm(res, 'panel/districts/event-form', { district, eventId, action, values, breadcrumbs: crumbs(district, { key: 'panel.events.title', href: urls.events(district) }, { key: eventId ? 'panel.events.edit' : 'panel.events.new' }) }, errors);
  }

  const newEvent: RequestHandler = async (req, res) => {
    const { district } = await service.listEvents(ctx(req), idOf(req));
    renderEvent(res, district, null, { kind: 'MEETING' });
  };

  const createEvent: RequestHandler = async (req, res) => {
    const { district } = await service.councilForEdit(ctx(req), idOf(req));
    const parsed = parseForm(eventSchema, req.body);
    if (!parsed.ok) return renderEvent(res, district, null, parsed.values, parsed.errors);
    await service.createEvent(ctx(req), district.id, parsed.data);
    flash(req, 'panel.events.flash.created');
    res.redirect(303, urls.events(district));
  };

  const editEvent: RequestHandler = async (req, res) => {
    const { district, event } = await service.findEvent(ctx(req), idOf(req), eventIdOf(req));
    renderEvent(res, district, event.id, service.eventValues(event));
  };

  const updateEvent: RequestHandler = async (req, res) => {
    const { district, event } = await service.findEvent(ctx(req), idOf(req), eventIdOf(req));
    const parsed = parseForm(eventSchema, req.body);
    if (!parsed.ok) return renderEvent(res, district, event.id, parsed.values, parsed.errors);
    await service.updateEvent(ctx(req), district.id, event.id, parsed.data);
    flash(req, 'panel.events.flash.updated');
    res.redirect(303, urls.events(district));
  };

  const removeEvent: RequestHandler = async (req, res) => {
    const { district } = await service.findEvent(ctx(req), idOf(req), eventIdOf(req));
    await service.deleteEvent(ctx(req), district.id, eventIdOf(req));
    flash(req, 'panel.events.flash.removed');
    res.redirect(303, urls.events(district));
  };

  return { choose, editForm, update, events, newEvent, createEvent, editEvent, updateEvent, removeEvent };
}
