// The XSS corpus (tests/fixtures/xss-payloads.txt) and what the attack suite does with it: fill a form like a
// hostile user, and inspect a page's HTML for anything that could run.
import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { ROOT } from '../../src/paths.js';

export const PAYLOADS = fs.readFileSync(path.join(ROOT, 'tests/fixtures/xss-payloads.txt'), 'utf8').split('\n').filter(Boolean);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'];

/** What in a page could run script: empty when the page is safe. */
export function unsafeParts(html: string): string[] {
  const $ = cheerio.load(html, { xml: false });
  const problems: string[] = [];
  $('script').each((_, el) => {
    const src = $(el).attr('src');
    // Only files the portal serves itself (/public/, /vendor/); never inline, never another origin.
    if (!src || !src.startsWith('/') || src.startsWith('//')) problems.push(`script ${src ?? $(el).text().slice(0, 60)}`);
  });
  $('iframe, frame, object, embed, base, applet, meta[http-equiv]').each((_, el) => {
    problems.push(`<${(el as { tagName: string }).tagName}>`);
  });
  $('*').each((_, el) => {
    for (const [name, value] of Object.entries((el as { attribs?: Record<string, string> }).attribs ?? {})) {
      if (name.startsWith('on')) problems.push(`${name} on <${(el as { tagName: string }).tagName}>`);
      // Browsers ignore whitespace and control characters inside a scheme ("jav\tascript:").
      const url = [...value].filter((c) => c.charCodeAt(0) > 0x20).join('').toLowerCase();
      if (URL_ATTRIBUTES.includes(name) && /^(javascript|vbscript|data:text\/html)/.test(url)) problems.push(`${name}=${value.slice(0, 60)}`);
      if (name === 'style' && /javascript:|expression\(/i.test(value)) problems.push(`style=${value.slice(0, 60)}`);
    }
  });
  return problems;
}

/** Fills every field of the form like a careless or hostile user: text gets payloads, the rest plausible values. */
export function fillForm($: cheerio.CheerioAPI, form: ReturnType<cheerio.CheerioAPI>, next: () => string): Record<string, string> {
  const fields: Record<string, string> = {};
  form.find('input, textarea, select').each((_, el) => {
    const field = $(el);
    const name = field.attr('name');
    if (!name || name in fields) return;
    const type = (field.attr('type') ?? (el as { tagName: string }).tagName).toLowerCase();
    if (type === 'hidden') fields[name] = field.val() as string;
    // The honeypot stays empty, as people leave it: a filled one is refused as a robot's before any payload is stored.
    else if (name === 'strona_www') fields[name] = '';
    else if (type === 'select') fields[name] = (field.find('option').filter((_, o) => $(o).attr('value') !== '').first().attr('value') ?? '') as string;
    else if (type === 'checkbox' || type === 'radio') fields[name] = field.attr('value') ?? 'on';
    else if (type === 'email') fields[name] = 'xss@example.org';
    else if (type === 'date') fields[name] = '2026-12-10';
    else if (type === 'time') fields[name] = '10:00';
    else if (type === 'number') fields[name] = '1';
    else if (type === 'tel') fields[name] = '+48 34 370 70 70';
    else if (type === 'url') fields[name] = 'https://example.org/';
    else if (type === 'file' || type === 'submit' || type === 'password') return;
    else fields[name] = next();
  });
  return fields;
}

