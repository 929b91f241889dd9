// The department's list of remarks from every channel: entering remarks received outside the portal,
// answering them, grouping similar ones. Department staff of the consultation and administrators only.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { pageLinks } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { warsawParts } from '../../lib/dates.js';
import { panelUrls } from '../consultations/panel-consultations.urls.js';
import { currentDraft } from './drafts.service.js';
import { answerSchema, groupSchema, LONG_TEXT, panelListQuery, POSITIONS, STAFF_CHANNELS, staffRemarkSchema } from './remarks.schema.js';
import * as service from './remarks.service.js';
import { panelRemarkUrls } from './remarks.urls.js';

export function panelRemarkHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, pool: deps.pool, jobs: deps.jobs, actor: req.user!, ip: req.ip, now: deps.clock.now() });
  const idOf = (req: Request) => routeId(req.params.id);
  const remarkIdOf = (req: Request) => routeId(req.params.remarkId);
  const crumbs = (c: { id: number; title: string }, last?: string) => [
    { key: 'panel.title', href: '/panel' },
    { key: 'panel.consultations.title', href: panelUrls.list() },
    { label: c.title, href: panelUrls.show(c) },
    ...(last ? [{ key: 'remarks.panel.title', href: panelRemarkUrls.list(c) }, { key: last }] : [{ key: 'remarks.panel.title' }]),
  ];

  async function renderList(req: Request, res: Response, errors: FieldErrors = {}, values: FormValues = {}) {
    const { strona } = panelListQuery.parse(req.query);
    const { consultation, page, unanswered } = await service.listRemarks(ctx(req), idOf(req), strona);
    renderForm(res, 'panel/remarks/list', {
      c: consultation,
      rows: page.items,
      total: page.total,
      unanswered,
      urls: panelRemarkUrls,
      pagination: pageLinks(panelRemarkUrls.list(consultation), {}, page),
      values,
      breadcrumbs: crumbs(consultation),
    }, errors);
  }

  const list: RequestHandler = (req, res) => renderList(req, res);

  async function renderEntry(req: Request, res: Response, values: FormValues, errors: FieldErrors = {}) {
    const consultation = await service.manageableConsultation(ctx(req), idOf(req), { write: true });
    const draft = await currentDraft(deps.db, consultation.id);
    renderForm(res, 'panel/remarks/new', {
      c: consultation,
      fragments: draft ? draft.fragments.map((f) => ({ value: f.anchor, label: f.label })) : [],
      channels: STAFF_CHANNELS,
      values,
      maxLength: LONG_TEXT,
      urls: panelRemarkUrls,
      breadcrumbs: crumbs(consultation, 'remarks.panel.new'),
    }, errors);
  }

  const newForm: RequestHandler = (req, res) => renderEntry(req, res, { authorKind: 'osoba', channel: 'PAPER', receivedOn: warsawParts(deps.clock.now()).date });

  const create: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.manageableConsultation(ctx(req), id, { write: true });
    const parsed = parseForm(staffRemarkSchema, req.body);
    if (!parsed.ok) return renderEntry(req, res, parsed.values, parsed.errors);
    if (!(await withFormRefusal(async () => {
      const reference = await service.enterRemark(ctx(req), id, parsed.data);
      flash(req, 'remarks.panel.entered', { reference });
    }, (errors) => renderEntry(req, res, safeValues(req.body), errors)))) return;
    res.redirect(303, panelRemarkUrls.list({ id }));
  };

  async function renderRemark(req: Request, res: Response, values: FormValues = {}, errors: FieldErrors = {}) {
    const { consultation, remark, groupMembers } = await service.getRemark(ctx(req), idOf(req), remarkIdOf(req));
    renderForm(res, 'panel/remarks/show', {
      c: consultation,
      r: remark,
      groupMembers,
      positions: POSITIONS,
      values: { position: remark.position ?? '', answer: remark.answer, ...values },
      urls: panelRemarkUrls,
      breadcrumbs: crumbs(consultation, 'remarks.panel.remark'),
      title: remark.reference,
    }, errors);
  }

  const show: RequestHandler = (req, res) => renderRemark(req, res);

  const answer: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.getRemark(ctx(req), id, remarkIdOf(req));
    const parsed = parseForm(answerSchema, req.body);
    if (!parsed.ok) return renderRemark(req, res, parsed.values, parsed.errors);
    const count = await service.answerRemark(ctx(req), id, remarkIdOf(req), parsed.data);
    flash(req, count > 1 ? 'remarks.panel.answeredGroup' : 'remarks.panel.answered', { count: String(count) });
    res.redirect(303, panelRemarkUrls.list({ id }));
  };

  const group: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.manageableConsultation(ctx(req), id, { write: true });
    const parsed = parseForm(groupSchema, req.body);
    if (!parsed.ok) return renderList(req, res, parsed.errors, parsed.values);
    await service.groupRemarks(ctx(req), id, parsed.data);
    flash(req, 'remarks.panel.grouped');
    res.redirect(303, panelRemarkUrls.list({ id }));
  };

  const ungroup: RequestHandler = async (req, res) => {
    const id = idOf(req);
    const remarkId = remarkIdOf(req);
    await service.ungroupRemark(ctx(req), id, remarkId);
    flash(req, 'remarks.panel.ungrouped');
    res.redirect(303, panelRemarkUrls.show({ id }, { id: remarkId }));
  };

  return { list, newForm, create, show, answer, group, ungroup };
}
