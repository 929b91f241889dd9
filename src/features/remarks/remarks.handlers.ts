// The public remarks form: part of the document (a fragment of the draft or free text), content,
// proposed wording, justification, who submits, the residency declaration and the RODO notice.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import { ConflictError, FormError, type FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues } from '../../http/forms.js';
import { routeSlug } from '../../http/params.js';
import { currentDraft } from './drafts.service.js';
import { createRemarkThrottle } from './remark-throttle.js';
import { remarkSchema, LONG_TEXT } from './remarks.schema.js';
import * as service from './remarks.service.js';
import { remarkUrls } from './remarks.urls.js';

export function remarkHandlers(deps: Deps) {
  const throttle = createRemarkThrottle(deps.pool);
  const load = (req: Request) => service.findConsultationForRemarks(deps.db, routeSlug(req.params.slug), deps.clock.now());
  type Loaded = Awaited<ReturnType<typeof load>>;

  /** The form page; a closed consultation's page has only the notice (409 after a POST). */
  async function renderRemarkForm(res: Response, c: Loaded, values: FormValues, errors: FieldErrors = {}, status = 422) {
    const draft = c.open ? await currentDraft(deps.db, c.id) : null;
    const model = {
      c,
      fragments: draft ? draft.fragments.map((f) => ({ value: f.anchor, label: f.label })) : [],
      draftHref: draft ? remarkUrls.draft(c) : null,
      values,
      maxLength: LONG_TEXT,
      title: c.title,
      breadcrumbs: [{ key: 'nav.consultations', href: '/konsultacje' }, { label: c.title, href: remarkUrls.consultation(c) }, { key: 'remarks.form.title' }],
    };
    if (!c.open) return res.status(status === 422 ? 200 : status).render('remarks/form', { ...model, errors: {} });
    renderForm(res, 'remarks/form', model, errors, status);
  }

  const form: RequestHandler = async (req, res) => {
    const c = await load(req);
    const fragment = typeof req.query.fragment === 'string' ? req.query.fragment.slice(0, 120) : '';
    await renderRemarkForm(res, c, { fragment, authorKind: 'osoba' }, {}, 200);
  };

  const submit: RequestHandler = async (req, res) => {
    const c = await load(req);
    // A consultation that closed while the form was open: said on the form, nothing stored.
    if (!c.open) return renderRemarkForm(res, c, {}, {}, 409);
    // A robot filled the field people never see: thanked like anyone, nothing stored.
    if ((req.body as Record<string, unknown>)?.strona_www) {
      flash(req, 'remarks.thanksShort');
      return res.redirect(303, `${remarkUrls.consultation(c)}#uwagi`);
    }
    const parsed = parseForm(remarkSchema, req.body);
    if (!parsed.ok) return renderRemarkForm(res, c, parsed.values, parsed.errors);
    const wait = await throttle(req.ip ?? 'unknown');
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return renderRemarkForm(res, c, safeValues(req.body), { content: [`remarks.tooMany?minutes=${Math.ceil(wait / 60)}`] }, 429);
    }
    try {
      const reference = await service.submitRemark({ db: deps.db, pool: deps.pool, jobs: deps.jobs, now: deps.clock.now() }, c, parsed.data);
      flash(req, parsed.data.email ? 'remarks.thanksWithEmail' : 'remarks.thanks', { reference });
    } catch (error) {
      if (error instanceof FormError) return renderRemarkForm(res, c, safeValues(req.body), error.fieldErrors);
      if (error instanceof ConflictError) return renderRemarkForm(res, { ...c, open: false }, {}, {}, 409);
      throw error;
    }
    res.redirect(303, `${remarkUrls.consultation(c)}#uwagi`);
  };

  return { form, submit };
}
