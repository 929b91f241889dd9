// Panel pages of staff administration (administrators only): list, invite, edit, (de)activate, links.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, type FormValues, withFormRefusal } from '../../http/forms.js';
import { pageLinks, pageOf } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { ROLES } from './users.service.js';
import { inviteSchema, userSchema, usersListQuerySchema } from './panel-users.schema.js';
import * as service from './panel-users.service.js';

export const usersUrls = {
  list: () => '/panel/uzytkownicy',
  new: () => '/panel/uzytkownicy/nowy',
  create: () => '/panel/uzytkownicy',
  show: (u: { id: number }) => `/panel/uzytkownicy/${u.id}`,
  deactivate: (u: { id: number }) => `/panel/uzytkownicy/${u.id}/dezaktywacja`,
  reactivate: (u: { id: number }) => `/panel/uzytkownicy/${u.id}/aktywacja`,
  sendLink: (u: { id: number }) => `/panel/uzytkownicy/${u.id}/link`,
};

const crumbs = (last: { key: string } | { label: string }) => [{ key: 'panel.title', href: '/panel' }, { key: 'users.title', href: usersUrls.list() }, last];

export function panelUsersHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, pool: deps.pool, jobs: deps.jobs, actor: req.user!, ip: req.ip, now: deps.clock.now() });

  async function renderInvite(res: Response, values: FormValues, errors?: FieldErrors) {
    renderForm(res, 'panel/users/form', { user: null, action: usersUrls.create(), roles: ROLES, ...(await service.scopeOptions(deps.db)), values, breadcrumbs: crumbs({ key: 'users.invite' }) }, errors);
  }

  async function renderShow(req: Request, res: Response, id: number, values?: FormValues, errors?: FieldErrors) {
    const user = await service.getUser(deps.db, id);
    const formValues = values ?? { name: user.name, role: user.role, departmentId: String(user.departmentId ?? ''), districtId: String(user.districtId ?? '') };
    renderForm(
      res,
      'panel/users/form',
      { user, self: user.id === req.user!.id, urls: usersUrls, action: usersUrls.show(user), roles: ROLES, ...(await service.scopeOptions(deps.db)), values: formValues, breadcrumbs: crumbs({ label: user.name }) },
      errors,
    );
  }

  const list: RequestHandler = async (req, res) => {
    const query = usersListQuerySchema.parse(req.query);
    const { rows, total } = await service.listUsers(deps.db, query);
    res.render('panel/users/list', {
      rows: rows.map((row) => ({ ...row, href: usersUrls.show(row) })),
      query,
      newHref: usersUrls.new(),
      pagination: pageLinks(usersUrls.list(), { q: query.q, status: query.status }, pageOf(rows, total, query.strona, service.USERS_PAGE_SIZE)),
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'users.title' }],
    });
  };

  const newForm: RequestHandler = async (_req, res) => renderInvite(res, {});

  const create: RequestHandler = async (req, res) => {
    const parsed = parseForm(inviteSchema, req.body);
    if (!parsed.ok) return renderInvite(res, parsed.values, parsed.errors);
    await withFormRefusal(async () => {
      const created = await service.inviteUser(ctx(req), parsed.data);
      flash(req, 'users.flash.invited', { email: parsed.data.email });
      res.redirect(303, usersUrls.show(created));
    }, (errors) => renderInvite(res, parsed.data as unknown as FormValues, errors));
  };

  const show: RequestHandler = async (req, res) => renderShow(req, res, routeId(req.params.id));

  const update: RequestHandler = async (req, res) => {
    const id = routeId(req.params.id);
    await service.getUser(deps.db, id);
    const parsed = parseForm(userSchema, req.body);
    if (!parsed.ok) return renderShow(req, res, id, parsed.values, parsed.errors);
    await withFormRefusal(async () => {
      const { endedSessions } = await service.updateUser(ctx(req), id, parsed.data);
      flash(req, endedSessions > 0 ? 'users.flash.updatedSessionsEnded' : 'users.flash.updated');
      res.redirect(303, usersUrls.show({ id }));
    }, (errors) => renderShow(req, res, id, parsed.data as unknown as FormValues, errors));
  };

  const activation = (active: boolean): RequestHandler => async (req, res) => {
    const id = routeId(req.params.id);
    await withFormRefusal(async () => {
      const { name } = await service.setActive(ctx(req), id, active);
      flash(req, active ? 'users.flash.reactivated' : 'users.flash.deactivated', { name });
      res.redirect(303, usersUrls.show({ id }));
    }, (errors) => renderShow(req, res, id, undefined, errors));
  };

  const sendLink: RequestHandler = async (req, res) => {
    const id = routeId(req.params.id);
    await withFormRefusal(async () => {
      const kind = await service.sendLink(ctx(req), id);
      flash(req, kind === 'invite' ? 'users.flash.inviteResent' : 'users.flash.resetSent');
      res.redirect(303, usersUrls.show({ id }));
    }, (errors) => renderShow(req, res, id, undefined, errors));
  };

  return { list, newForm, create, show, update, deactivate: activation(false), reactivate: activation(true), sendLink };
}
