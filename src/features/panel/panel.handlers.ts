import type { RequestHandler } from 'express';
import type { MessageKey } from '../../i18n/pl.js';
import type { Action } from '../../http/permissions.js';

interface Task {
  key: MessageKey;
  hint: MessageKey;
  action: Action;
  href?: string;
}

// What each role may do; entries without href are built by later issues and shown as "coming soon".
const TASKS: readonly Task[] = [
  { key: 'panel.task.consultations', hint: 'panel.task.consultations.hint', action: 'consultations:manage', href: '/panel/konsultacje' },
  { key: 'panel.task.requests', hint: 'panel.task.requests.hint', action: 'requests:assess', href: '/panel/wnioski' },
  { key: 'panel.task.plan', hint: 'panel.task.plan.hint', action: 'plan:manage', href: '/panel/plan' },
  { key: 'panel.task.councilRequest', hint: 'panel.task.councilRequest.hint', action: 'requests:file', href: '/panel/wnioski/nowy' },
  { key: 'panel.task.surveys', hint: 'panel.task.surveys.hint', action: 'surveys:manage', href: '/panel/ankiety' },
  { key: 'panel.task.investments', hint: 'panel.task.investments.hint', action: 'investments:manage', href: '/panel/inwestycje' },
  { key: 'panel.task.news', hint: 'panel.task.news.hint', action: 'news:manage', href: '/panel/aktualnosci' },
  { key: 'panel.task.districtPage', hint: 'panel.task.districtPage.hint', action: 'districtPage:edit', href: '/panel/dzielnice' },
  { key: 'panel.task.moderation', hint: 'panel.task.moderation.hint', action: 'moderation:review', href: '/panel/moderacja' },
  { key: 'panel.task.users', hint: 'panel.task.users.hint', action: 'users:manage', href: '/panel/uzytkownicy' },
  { key: 'panel.task.dictionaries', hint: 'panel.task.dictionaries.hint', action: 'dictionaries:manage' },
  { key: 'panel.task.audit', hint: 'panel.task.audit.hint', action: 'audit:view', href: '/panel/dziennik' },
  { key: 'panel.task.pages', hint: 'panel.task.pages.hint', action: 'settings:edit', href: '/panel/strony' },
  { key: 'panel.task.knowledge', hint: 'panel.task.knowledge.hint', action: 'settings:edit', href: '/panel/baza-wiedzy' },
  { key: 'panel.task.settings', hint: 'panel.task.settings.hint', action: 'settings:edit' },
  { key: 'panel.task.formatRequests', hint: 'panel.task.formatRequests.hint', action: 'formatRequests:handle', href: '/panel/prosby-o-format' },
  { key: 'panel.task.mail', hint: 'panel.task.mail.hint', action: 'outbox:view', href: '/panel/poczta' },
];

export const dashboard: RequestHandler = (req, res) => {
  const user = req.user!;
  const can = res.locals.can as (action: Action) => boolean;
  res.render('panel/dashboard', {
    breadcrumbs: [{ key: 'panel.title' }],
    tasks: TASKS.filter((task) => can(task.action)),
    user: { name: user.name, role: user.role, departmentName: user.departmentName, districtName: user.districtName },
    previousLogin: req.session.previousLoginAt ? new Date(req.session.previousLoginAt) : null,
    notificationSettingsUrl: '/panel/konto/powiadomienia',
  });
};
