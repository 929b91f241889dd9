// "Logowanie dwuetapowe" on one's account page: turn on (QR code, first code, recovery codes shown
// once), turn off with the password; and the administrators' per-role requirement.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, withFormRefusal } from '../../http/forms.js';
import { ROLES } from '../users/users.service.js';
import { TWO_FACTOR_PAGE } from './auth.handlers.js';
import { newTotpSecret } from './totp.js';
import { disableTwoFactor, enableTwoFactor, qrSvg, remainingRecoveryCodes, rolePolicies, setRolePolicies, twoFactorRequiredFor } from './two-factor.service.js';

const codeSchema = z.object({ code: z.string({ error: 'security.twoFactor.codeRequired' }).trim().min(1, 'security.twoFactor.codeRequired').max(20, 'security.twoFactor.codeWrong') });
const passwordSchema = z.object({ password: z.string({ error: 'validation.password.currentRequired' }).min(1, 'validation.password.currentRequired').max(1024) });
const policySchema = z.object({ roles: z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.enum(ROLES, { error: 'validation.invalid' }))) });

export const POLICY_PAGE = '/panel/uzytkownicy/logowanie-dwuetapowe';
const crumbs = [{ key: 'panel.title', href: '/panel' }, { key: 'security.account.title', href: '/panel/konto' }, { key: 'security.twoFactor.title' }];

export function twoFactorHandlers(deps: Deps) {
  async function renderPage(req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], errors = {}, status?: number) {
    const user = await deps.db.user.findUniqueOrThrow({ where: { id: req.user!.id }, select: { totpEnabledAt: true } });
    const enrolment = req.session.totpEnrolment;
    renderForm(
      res,
      'panel/account/two-factor',
      {
        enabledAt: user.totpEnabledAt,
        remaining: user.totpEnabledAt ? await remainingRecoveryCodes(deps, req.user!.id) : 0,
        required: await twoFactorRequiredFor(deps, req.user!.role),
        enrolment: enrolment ? { secret: enrolment.replace(/(.{4})/g, '$1 ').trim(), qr: await qrSvg(enrolment, req.user!.email, deps.config.siteName) } : null,
        breadcrumbs: crumbs,
      },
      errors,
      status,
    );
  }

  const page: RequestHandler = async (req, res) => renderPage(req, res);

  const start: RequestHandler = async (req, res) => {
    // A new secret each time the person starts: a QR code seen by someone else earlier is worthless.
    req.session.totpEnrolment = newTotpSecret();
    res.redirect(303, TWO_FACTOR_PAGE);
  };

  const enable: RequestHandler = async (req, res) => {
    const secret = req.session.totpEnrolment;
    if (!secret) return res.redirect(303, TWO_FACTOR_PAGE);
    const parsed = parseForm(codeSchema, req.body);
    if (!parsed.ok) return renderPage(req, res, parsed.errors);
    await withFormRefusal(async () => {
      const codes = await enableTwoFactor(deps, req.user!.id, secret, parsed.data.code, req.ip);
      delete req.session.totpEnrolment;
      delete req.session.twoFactorMissing;
      // Shown once, on this response only; the database keeps their hashes.
      res.render('panel/account/recovery-codes', { codes, breadcrumbs: crumbs });
    }, (errors) => renderPage(req, res, errors));
  };

  const disable: RequestHandler = async (req, res) => {
    const parsed = parseForm(passwordSchema, req.body);
    if (!parsed.ok) return renderPage(req, res, parsed.errors);
    if (!(await withFormRefusal(() => disableTwoFactor(deps, req.user!, parsed.data.password, req.ip), (errors) => renderPage(req, res, errors)))) return;
    flash(req, 'security.twoFactor.disabled');
    res.redirect(303, TWO_FACTOR_PAGE);
  };

  const policyForm: RequestHandler = async (_req, res) => {
    const policies = await rolePolicies(deps);
    renderForm(res, 'panel/users/two-factor-policy', { roles: ROLES, values: { roles: ROLES.filter((r) => policies[r]) }, breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'users.title', href: '/panel/uzytkownicy' }, { key: 'security.policy.title' }] });
  };

  const policy: RequestHandler = async (req, res) => {
    const parsed = parseForm(policySchema, req.body);
    if (!parsed.ok) return renderForm(res, 'panel/users/two-factor-policy', { roles: ROLES, values: { roles: [] }, breadcrumbs: [] }, parsed.errors, 400);
    await setRolePolicies({ ...deps, actorId: req.user!.id, ip: req.ip }, parsed.data.roles);
    flash(req, 'security.policy.saved');
    res.redirect(303, POLICY_PAGE);
  };

  return { page, start, enable, disable, policyForm, policy };
}

/** While a required second factor is missing, the panel shows only the page that turns it on (and logout). */
export const enforceEnrolment: RequestHandler = (req, res, next) => {
  if (!req.user || !req.session.twoFactorMissing) return next();
  if (req.path === TWO_FACTOR_PAGE || req.path.startsWith(`${TWO_FACTOR_PAGE}/`) || req.path === '/wyloguj' || !req.path.startsWith('/panel')) return next();
  res.redirect(303, TWO_FACTOR_PAGE);
};
