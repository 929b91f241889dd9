// The moderators' queue in the panel: comments waiting for approval, reported ones, hidden ones; and
// the decisions on each (the service audit-logs them).
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, type FormValues } from '../../http/forms.js';
import { pageLinks, pageParam } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import * as moderation from './comment-moderation.service.js';
import { hideSchema, MODERATION_VIEWS, moderationQuery, REASON_MAX } from './comments.schema.js';
import { moderationUrls } from './comments.urls.js';

const CRUMBS = [{ key: 'panel.title', href: '/panel' }];

export function moderationHandlers({ db, clock }: Deps) {
  const decision = (req: Request) => ({ actorId: req.user!.id, id: routeId(req.params.id), now: clock.now(), ip: req.ip });
  /** Back to the view the moderator came from (a hidden field of each button's form). */
  const back = (req: Request) => moderationUrls.queue(moderationQuery.parse({ widok: (req.body as Record<string, unknown> | undefined)?.widok }).widok);
  const itemView = (item: moderation.QueueItem) => ({
    ...item,
    consultationHref: consultationUrls.show(item.consultation),
    approveAction: moderationUrls.approve(item.id),
    hideHref: moderationUrls.hide(item.id),
    restoreAction: moderationUrls.restore(item.id),
  });

  const queue: RequestHandler = async (req, res) => {
    const { widok } = moderationQuery.parse(req.query);
    const page = pageParam.parse(req.query.strona);
    const result = await moderation.moderationQueue(db, widok, page);
    res.render('panel/moderation/queue', {
      view: widok,
      views: MODERATION_VIEWS.map((v) => ({ value: v, href: moderationUrls.queue(v), count: result.counts[v], current: v === widok })),
      items: result.page.items.map(itemView),
      pagination: pageLinks('/panel/moderacja', { widok: widok === 'oczekujace' ? undefined : widok }, result.page),
      breadcrumbs: [...CRUMBS, { key: 'moderation.title' }],
    });
  };

  const approve: RequestHandler = async (req, res) => {
    await moderation.approveComment(db, decision(req));
    flash(req, 'moderation.approved');
    res.redirect(303, back(req));
  };

  async function renderHide(req: Request, res: Response, values: FormValues, errors: FieldErrors = {}) {
    const item = await moderation.findForModeration(db, routeId(req.params.id));
    renderForm(res, 'panel/moderation/hide', { item: itemView(item), values, maxReason: REASON_MAX, breadcrumbs: [...CRUMBS, { key: 'moderation.title', href: moderationUrls.queue() }, { key: 'moderation.hide.title' }] }, errors);
  }

  const hideForm: RequestHandler = async (req, res) => {
    await renderHide(req, res, { widok: moderationQuery.parse(req.query).widok });
  };

  const hide: RequestHandler = async (req, res) => {
    const parsed = parseForm(hideSchema, req.body);
    if (!parsed.ok) return renderHide(req, res, parsed.values, parsed.errors);
    await moderation.hideComment(db, decision(req), parsed.data.reason);
    flash(req, 'moderation.hidden');
    res.redirect(303, back(req));
  };

  const restore: RequestHandler = async (req, res) => {
    await moderation.restoreComment(db, decision(req));
    flash(req, 'moderation.restored');
    res.redirect(303, back(req));
  };

  return { queue, approve, hideForm, hide, restore };
}
