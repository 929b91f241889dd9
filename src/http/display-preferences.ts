// The comfort switches (issue 12): high contrast and larger text. Each is a functional cookie set by
// a plain link (no JavaScript, no form, no session), read on every request into classes on <html>.
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { safeLocalPath } from './urls.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Each switch: its URL segment, its cookie, the value that turns it on and the class it puts on <html>. */
export const DISPLAY_SWITCHES = {
  kontrast: { cookie: 'kontrast', on: 'wysoki', htmlClass: 'contrast-high' },
  tekst: { cookie: 'rozmiar-tekstu', on: 'duzy', htmlClass: 'text-large' },
} as const;
type SwitchName = keyof typeof DISPLAY_SWITCHES;

export interface DisplayPreferences {
  highContrast: boolean;
  largeText: boolean;
  /** Classes for <html>, '' when none. */
  htmlClass: string;
}

export function displayPreferencesOf(req: Request): DisplayPreferences {
  const isOn = (name: SwitchName) => req.cookies?.[DISPLAY_SWITCHES[name].cookie] === DISPLAY_SWITCHES[name].on;
  const highContrast = isOn('kontrast');
  const largeText = isOn('tekst');
  const classes = [highContrast ? DISPLAY_SWITCHES.kontrast.htmlClass : '', largeText ? DISPLAY_SWITCHES.tekst.htmlClass : ''];
  return { highContrast, largeText, htmlClass: classes.filter(Boolean).join(' ') };
}

/** The link that turns a switch on or off and comes back to the page. */
export function displaySwitchUrl(name: SwitchName, on: boolean, next: string): string {
  return `/wyglad/${name}/${on ? DISPLAY_SWITCHES[name].on : 'zwykly'}?next=${encodeURIComponent(next)}`;
}

const switchSchema = z.object({ name: z.enum(['kontrast', 'tekst']), value: z.string().max(20), next: z.string().max(500).optional() });

// A GET is acceptable for the same reason as the language switch (decisions 9): harmless, and
// strictly necessary to keep a preference the visitor asked for, so no consent is needed.
export const switchDisplay: RequestHandler = (req, res) => {
  const parsed = switchSchema.safeParse({ name: req.params.name, value: req.params.value, next: req.query.next });
  if (!parsed.success) return res.redirect(303, '/');
  const { cookie, on } = DISPLAY_SWITCHES[parsed.data.name];
  if (parsed.data.value === on) res.cookie(cookie, on, { maxAge: YEAR_MS, httpOnly: true, sameSite: 'lax', secure: req.secure });
  else res.clearCookie(cookie, { httpOnly: true, sameSite: 'lax', secure: req.secure });
  res.redirect(303, safeLocalPath(parsed.data.next, '/'));
};
