// The report as a tagged PDF (pdfkit): headings, paragraphs and the remarks in the structure tree, in
// reading order, with the document's language and title, so screen readers can follow it. DejaVu Sans
// (an npm package) has every Polish letter; pdfkit's built-in fonts have no ą, ł or ż.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { Fmt } from '../consultations/consultations.view.js';
import type { ReportView } from './reports.view.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = { regular: path.join(FONT_DIR, 'DejaVuSans.ttf'), bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf') };

/** Sanitised HTML from Markdown as plain paragraphs (the PDF has no HTML renderer). */
export function htmlToParagraphs(html: string): string[] {
  return html
    .replace(/<\/(p|li|h\d|blockquote|pre)>|<br\s*\/?>/g, '\n')
    .replace(/<li>/g, '• ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function writeReportPdf(out: Writable, fmt: Fmt, r: ReportView, site: { name: string; cityHall: string }): void {
  const doc = new PDFDocument({ size: 'A4', margin: 56, tagged: true, pdfVersion: '1.7', lang: fmt.locale === 'pl' ? 'pl-PL' : 'en-GB', displayTitle: true, bufferPages: true, info: { Title: r.title, Author: site.cityHall, Creator: site.name } });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.pipe(out);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const block = (type: 'H1' | 'H2' | 'H3' | 'H4' | 'P', text: string, font: 'regular' | 'bold', size: number, gap = 0.4) => {
    root.add(
      doc.struct(type, {}, () => {
        doc.font(font).fontSize(size).text(text);
      }),
    );
    doc.moveDown(gap);
  };
  const heading = (text: string) => {
    doc.moveDown(0.6);
    block('H2', text, 'bold', 14);
  };
  /** A tagged table (Table, Caption, TR, TH, TD): the first column and the head row are header cells. */
  const table = (caption: string, head: string[], rows: string[][]) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const rest = head.length > 1 ? (width * 0.55) / (head.length - 1) : 0;
    const widths = head.length > 1 ? [width * 0.45, ...head.slice(1).map(() => rest)] : [width];
    const element = doc.struct('Table');
    root.add(element);
    element.add(doc.struct('Caption', {}, () => doc.font('regular').fontSize(9.5).text(caption)));
    const line = (cells: string[], header: boolean) => {
      doc.fontSize(9.5);
      const height = Math.max(...cells.map((cell, i) => doc.font(header || i === 0 ? 'bold' : 'regular').heightOfString(cell, { width: widths[i]! - 6 }))) + 4;
      if (doc.y + height > doc.page.height - doc.page.margins.bottom - 24) doc.addPage();
      const y = doc.y;
      const tr = doc.struct('TR');
      element.add(tr);
      let x = left;
      cells.forEach((cell, i) => {
        const cellX = x;
        tr.add(doc.struct(header || i === 0 ? 'TH' : 'TD', {}, () => doc.font(header || i === 0 ? 'bold' : 'regular').text(cell, cellX, y, { width: widths[i]! - 6 })));
        x += widths[i]!;
      });
      tr.end();
      doc.x = left;
      doc.y = y + height;
    };
    line(head, true);
    for (const row of rows) line(row, false);
    element.end();
    doc.moveDown(0.6);
  };
  const paragraphs = (html: string) => htmlToParagraphs(html).forEach((p) => block('P', p, 'regular', 10.5, 0.3));

  block('H1', r.title, 'bold', 18, 0.6);
  if (r.publishedText) block('P', r.publishedText, 'regular', 10.5);

  heading(fmt.t('report.section.facts'));
  for (const f of r.facts) block('P', `${f.label}: ${f.value}`, 'regular', 10.5, 0.2);
  if (r.subjectHtml) {
    heading(fmt.t('consultations.field.subject'));
    paragraphs(r.subjectHtml);
  }
  if (r.purposeHtml) {
    heading(fmt.t('consultations.field.purpose'));
    paragraphs(r.purposeHtml);
  }
  if (r.informedHtml) {
    heading(fmt.t('report.section.informed'));
    paragraphs(r.informedHtml);
  }
  heading(fmt.t('report.section.figures'));
  for (const f of r.figures) block('P', `${f.value} ${f.label}`, 'regular', 10.5, 0.1);
  doc.moveDown(0.4);
  block('H3', fmt.t('report.section.positions'), 'bold', 12);
  for (const p of r.positions) block('P', `${p.value} ${p.label}`, 'regular', 10.5, 0.1);

  if (r.surveys.length > 0) {
    heading(fmt.t('report.section.surveys'));
    for (const survey of r.surveys) {
      block('H3', survey.title, 'bold', 12, 0.2);
      block('P', survey.responsesLine, 'regular', 10.5);
      if (!survey.results) block('P', fmt.t('report.survey.notPublic'), 'regular', 10.5);
      for (const q of survey.results?.questions ?? []) {
        block('H4', `${q.number}. ${q.text}`, 'bold', 10.5, 0.2);
        const respondents = fmt.t(fmt.plural('surveys.results.respondents', q.respondents), { count: fmt.formatNumber(q.respondents) });
        if (q.suppressed) block('P', `${respondents}. ${fmt.t('surveys.results.suppressed', { min: 5 })}`, 'regular', 10);
        else if (q.respondents === 0) block('P', fmt.t('surveys.results.none'), 'regular', 10);
        else {
          const stats = q.stats ? ` ${fmt.t('surveys.results.mean')}: ${q.stats.mean}; ${fmt.t('surveys.results.median')}: ${q.stats.median}; ${fmt.t('surveys.results.range')}: ${q.stats.min} – ${q.stats.max}.` : '';
          block('P', `${respondents}.${stats}`, 'regular', 10, 0.2);
          if (q.table) table(fmt.t('report.survey.tableCaption', { survey: survey.title, number: q.number }), q.table.head, q.table.rows);
        }
      }
    }
  }
  heading(fmt.t('report.section.table'));
  block('P', fmt.t('report.anonymised'), 'regular', 10.5);
  if (r.rows.length === 0) block('P', fmt.t('report.noRemarks'), 'regular', 10.5);
  const [, , who, received, part, content, proposal, justification, position, answer] = r.columns;
  for (const row of r.rows) {
    block('H3', `${row.number}. ${row.reference} · ${row.who}`, 'bold', 11, 0.2);
    const lines: [string | undefined, string][] = [
      [who, row.who],
      [received, row.received],
      [part, row.part],
      [content, row.content],
      [proposal, row.proposal],
      [justification, row.justification],
      [position, row.position],
      [answer, row.answer],
    ];
    // One paragraph element per remark: a structure element per line made long reports several times slower.
    const text = lines.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`).join('\n');
    block('P', text, 'regular', 10, 0.8);
  }
  if (r.conclusionsHtml) {
    heading(fmt.t('report.section.conclusions'));
    paragraphs(r.conclusionsHtml);
  }
  if (r.decisionHtml) {
    heading(fmt.t('report.section.decision'));
    paragraphs(r.decisionHtml);
  }
  root.end();

  // Page numbers are pagination artifacts, outside the structure tree.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    doc.markContent('Artifact', { type: 'Pagination' });
    const bottom = doc.page.height - 40;
    doc.font('regular').fontSize(9).text(fmt.t('report.pdf.page', { page: i + 1, pages: range.count }), doc.page.margins.left, bottom, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false });
    doc.endMarkedContent();
  }
  doc.end();
}
