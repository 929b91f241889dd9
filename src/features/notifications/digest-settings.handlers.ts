// A staff member turns the daily digest on or off (/panel/konto/powiadomienia).
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm } from '../../http/forms.js';
import { notificationUrls } from './notifications.urls.js';
import { digestSettingSchema } from './notifications.schema.js';
import { digestSetting, setDigest } from './digest-settings.service.js';

/** Who gets a digest (digests.service.ts). */
const DIGEST_ROLES: readonly string[] = ['DEPARTMENT_STAFF', 'MODERATOR'];
const BREADCRUMBS = [{ key: 'panel.title', href: '/panel' }, { key: 'panel.account.notifications.title' }];

export function digestSettingHandlers(deps: Deps) {
  const form: RequestHandler = async (req, res) => {
    const enabled = await digestSetting(deps.db, req.user!.id);
    renderForm(res, 'panel/account/notifications', { values: { digest: enabled ? 'tak' : 'nie' }, isStaff: DIGEST_ROLES.includes(req.user!.role), breadcrumbs: BREADCRUMBS });
  };

  const save: RequestHandler = async (req, res) => {
    const parsed = parseForm(digestSettingSchema, req.body);
    if (!parsed.ok) return renderForm(res, 'panel/account/notifications', { values: parsed.values, isStaff: DIGEST_ROLES.includes(req.user!.role), breadcrumbs: BREADCRUMBS }, parsed.errors);
    await setDigest(deps.db, req.user!, parsed.data.digest, req.ip);
    flash(req, 'panel.account.notifications.saved');
    res.redirect(303, notificationUrls.staffSettings());
  };

  return { form, save };
}
