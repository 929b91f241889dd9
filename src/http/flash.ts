// One-time messages shown after a redirect (GOV.UK "notification banner").
import type { Request } from 'express';
import type { MessageKey } from '../i18n/pl.js';

export function flash(req: Request, key: MessageKey, params?: Record<string, string>, kind: 'success' | 'info' = 'success') {
  if (!req.session) return;
  (req.session.flash ??= []).push({ kind, key, ...(params ? { params } : {}) });
}

export function takeFlash(req: Request) {
  const messages = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  return messages;
}
