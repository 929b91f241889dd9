// Templates escape by default. Unescaped output (<%- %>) is allowed for include(...) and, by name,
// for Markdown that was rendered and sanitised once when staff saved it (STYLE.md, Templates).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/markdown.js';
import { VIEWS_DIR } from '../../src/paths.js';

/** Every unescaped output that is not an include, as "file: expression". Keep this list short. */
const ALLOWED_RAW_OUTPUT = [
  'consultations/show.ejs: c.subjectHtml',
  'consultations/show.ejs: c.purposeHtml',
  'districts/show.ejs: d.council.aboutHtml',
  'news/show.ejs: n.bodyHtml',
  'panel/news/form.ejs: preview.bodyHtml',
  'content/page.ejs: bodyHtml',
  'content/statement.ejs: s.architectureHtml',
  'content/statement.ejs: s.mobileAppsHtml',
  'panel/content/page-form.ejs: previewHtml',
  'remarks/draft.ejs: f.html',
  'remarks/draft.ejs: f.html',
  'investments/show.ejs: i.descriptionHtml',
  'investments/show.ejs: u.bodyHtml',
  'surveys/form.ejs: survey.introHtml',
  'surveys/email.ejs: survey.introHtml',
  'remarks/report.ejs: r.subjectHtml',
  'remarks/report.ejs: r.purposeHtml',
  'remarks/report.ejs: r.informedHtml',
  'remarks/report.ejs: r.conclusionsHtml',
  'remarks/report.ejs: r.decisionHtml',
  // Escaped text blocks of an uploaded DOCX/ODT (src/lib/text-blocks.ts blocksToHtml), made by a job.
  'documents/html.ejs: documentHtml',
  // SVG drawn by the qrcode package from the server's own otpauth link, no user input.
  'panel/account/two-factor.ejs: enrolment.qr',
];

function viewFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? viewFiles(path.join(dir, e.name)) : e.name.endsWith('.ejs') ? [path.join(dir, e.name)] : []));
}

describe('unescaped template output', () => {
  it('is used only for includes and for the allow-listed sanitised Markdown', () => {
    const found: string[] = [];
    for (const file of viewFiles(VIEWS_DIR)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/<%-\s*([\s\S]*?)\s*-?%>/g)) {
        if (!match[1]!.startsWith('include(')) found.push(`${path.relative(VIEWS_DIR, file)}: ${match[1]}`);
      }
    }
    expect(found.sort()).toEqual([...ALLOWED_RAW_OUTPUT].sort());
  });

  it('has nothing to let through: the Markdown renderer that fills those fields drops HTML and script URLs', () => {
    const rendered = renderMarkdown('<script>alert(1)</script>\n\n[klik](javascript:alert(1)) <b onmouseover=x>b</b>');
    expect(rendered).not.toMatch(/<script|<b |href="javascript/);
  });
});
