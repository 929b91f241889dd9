// Markdown written by staff, rendered once on save. markdown-it with html disabled never emits raw
// HTML from the source, and its link validator drops javascript:, vbscript:, file: and data: (non-image) URLs.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// Links to other sites open normally but do not pass the portal's address or hold a reference to it.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  if (/^https?:\/\//i.test(href)) tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};
// Headings inside a description start at h3, under the page's h1 and section h2 (a shift of 2);
// a page whose whole body is Markdown uses a shift of 0. Never an h1: the page has its own.
const headingLevel = (tag: string, env: Record<string, unknown> | undefined) => {
  const shift = typeof env?.headingShift === 'number' ? env.headingShift : 2;
  return Math.min(6, Math.max(2, Number(tag.slice(1)) + shift));
};
md.renderer.rules.heading_open = (tokens, idx, _options, env) => `<h${headingLevel(tokens[idx]!.tag, env)}>`;
md.renderer.rules.heading_close = (tokens, idx, _options, env) => `</h${headingLevel(tokens[idx]!.tag, env)}>`;

export function renderMarkdown(source: string, headingShift = 2): string {
  return md.render(source, { headingShift });
}
