// E-mails are EJS templates under views/emails/: <name>.html.ejs and <name>.text.ejs, in Polish (we
// keep no language preference for residents: the minimum), with the site's and the city's names.
import path from 'node:path';
import ejs from 'ejs';
import type { Config } from '../../config.js';
import { formatters, translator } from '../../i18n/i18n.js';
import { VIEWS_DIR } from '../../paths.js';

export interface RenderedEmail {
  text: string;
  html: string;
}

/** Plain text is not HTML: its templates print values as they are. */
const asText = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export function emailRenderer(config: Config) {
  const site = Object.freeze({ name: config.siteName, city: config.cityName, cityHall: config.cityHallName, address: config.cityHallAddress, baseUrl: config.baseUrl });
  const locals = { t: translator('pl'), site, ...formatters('pl') };
  const options = { views: [VIEWS_DIR], cache: config.isProduction };
  return async function render(name: string, model: Record<string, unknown>): Promise<RenderedEmail> {
    const file = (kind: 'html' | 'text') => path.join(VIEWS_DIR, 'emails', `${name}.${kind}.ejs`);
    const data = { ...locals, ...model };
    const [html, text] = await Promise.all([
      ejs.renderFile(file('html'), data, options),
      ejs.renderFile(file('text'), data, { ...options, escape: asText }),
    ]);
    // Templates are indented for reading; the text part should not be.
    return { html, text: text.replace(/^[ \t]+/gm, '').replace(/\n{3,}/g, '\n\n').trim() + '\n' };
  };
}

export type EmailRenderer = ReturnType<typeof emailRenderer>;
