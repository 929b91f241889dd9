// Stored XSS through what RESIDENTS type: the corpus (tests/fixtures/xss-payloads.txt) goes through every
// public form (discussion, replies, reports of comments, remarks, requests and their supporters, surveys'
// free text, requests for another format, e-mail sign-up), and then every page that shows it, public and
// panel, the report among them, is opened in Chromium. A JavaScript dialog (every payload calls alert) or a
// Content Security Policy violation (an inline handler or script the browser refused) fails the test. The
// spreadsheets made from the same data must hold no formula.
import ExcelJS from 'exceljs';
import * as cheerio from 'cheerio';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { loginAs, type Agent } from '../helpers/http.js';
import { crawl, getRoutes, type Violation } from '../helpers/site-sweep.js';
import { createSurvey } from '../helpers/survey-factories.js';
import { download } from '../helpers/uploads.js';
import { fillForm, PAYLOADS } from '../helpers/xss.js';

const suite = useBrowserSuite();
const FORMULA = `=cmd|' /C calc'!A0`;
const SLUG = 'xss-mieszkancy';

/** Posts every form of the page (in <main>) with payloads in its text fields; returns the statuses. */
async function submitAll(agent: Agent, pagePath: string, next: () => string): Promise<number[]> {
  const page = await agent.get(pagePath);
  expect(page.status, pagePath).toBe(200);
  const $ = cheerio.load(page.text);
  const statuses: number[] = [];
  for (const form of $('main form[method="post"]').toArray()) {
    const action = $(form).attr('action') ?? pagePath;
    if (action.startsWith('/wyloguj')) continue;
    const res = await agent.post(action).type('form').send(fillForm($, $(form), next));
    statuses.push(res.status);
  }
  return statuses;
}

/** Records on the page every dialog a script opened and every CSP violation the document reported. */
async function watchScripts(page: Page): Promise<string[]> {
  const ran: string[] = [];
  page.on('dialog', (dialog) => {
    ran.push(`${dialog.type()}("${dialog.message()}") on ${page.url()}`);
    void dialog.dismiss();
  });
  // A string, evaluated in the page (the project's TypeScript has no DOM types).
  await page.addInitScript(`
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));
  `);
  return ran;
}

/** What ran or was refused on this page, and which stored payloads it shows (their "xss-N" markers). */
function checker(ran: string[], markers: Set<string>) {
  return async (page: Page, html: string): Promise<Violation[]> => {
    // Give handlers (onfocus with autofocus, onload, animations) a frame to fire.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)))');
    const csp = await page.evaluate<string[]>('window.__cspViolations ?? []');
    for (const m of html.matchAll(/xss-(\d+)/g)) markers.add(m[1]!);
    return [...ran.splice(0).map((detail) => ({ rule: 'script-ran', detail })), ...csp.map((detail) => ({ rule: 'csp-violation', detail }))];
  };
}

/** RFC 4180 CSV into rows of cells (quoted cells may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n') {
      cell = cell.replace(/\r$/, '');
      endCell();
      rows.push(row);
      row = [];
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const DANGEROUS_START = /^[=+\-@\t\r]/;

async function spreadsheetProblems(agent: Agent, url: string): Promise<{ problems: string[]; text: string }> {
  const res = await download(agent, url);
  expect(res.status, url).toBe(200);
  const body = res.body as Buffer;
  const problems: string[] = [];
  let text = '';
  if (url.endsWith('.csv')) {
    text = body.toString('utf8').replace(/^\uFEFF/, '');
    for (const cell of parseCsv(text).flat()) if (DANGEROUS_START.test(cell)) problems.push(`${url}: ${cell.slice(0, 40)}`);
  } else {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          // A string cell is never evaluated by a spreadsheet; a formula cell is.
          if (cell.type === ExcelJS.ValueType.Formula) problems.push(`${url}: formula ${String(cell.formula)}`);
          text += `${String(cell.value)}\n`;
        }),
      ),
    );
  }
  return { problems, text };
}

describe('stored XSS through residents’ forms', () => {
  it(
    'runs no script from residents’ text on any public or panel page, and the spreadsheets hold no formula',
    async () => {
      const { db } = suite.server.deps;
      const app = suite.server.app;
      const department = await createDepartment(db, { code: 'WA', name: 'Wydział Architektury' });
      const admin = await createUser(db, { role: 'ADMIN', email: 'admin@example.org' });
      const c = await createConsultation(db, { departmentId: department.id, slug: SLUG, title: 'Konsultacja z wrogimi danymi', startsAt: new Date(Date.now() - 86_400_000 * 5) });
      const doc = await db.attachment.create({
        data: { kind: 'DOCUMENT', consultationId: c.id, originalName: 'projekt.pdf', storedName: 'xss-test.pdf', mimeType: 'application/pdf', extension: 'pdf', sizeBytes: 1000, title: 'Projekt' },
      });
      const survey = await createSurvey(db, {
        departmentId: department.id,
        consultationId: c.id,
        title: 'Ankieta o parku',
        // This server runs on the real clock.
        opensAt: new Date(Date.now() - 86_400_000),
        closesAt: new Date(Date.now() + 86_400_000),
        questions: [
          { type: 'SHORT_TEXT', text: 'Jak nazwać park?' },
          { type: 'LONG_TEXT', text: 'Co jeszcze?' },
        ],
      });

      // The corpus in order, every field of every form a different payload, and a spreadsheet formula every fifth.
      let n = 0;
      const next = () => (++n % 5 === 1 ? FORMULA : PAYLOADS[n % PAYLOADS.length]!);
      const pages = [`/konsultacje/${SLUG}/dyskusja`, `/konsultacje/${SLUG}/uwagi`, '/wnioski/nowy', `/ankiety/${survey.id}`, `/dokumenty/${doc.id}/inny-format`, '/powiadomienia'];
      for (const round of [0, 1]) {
        for (const pagePath of pages) {
          const statuses = await submitAll(request.agent(app), pagePath, next);
          expect(statuses.filter((s) => s === 303), `${pagePath}, round ${round}: ${statuses.join(', ')}`).not.toHaveLength(0);
        }
      }
      // What e-mail confirmation and moderation would do: the comments and requests become public.
      await db.comment.updateMany({ data: { status: 'PUBLISHED', publishedAt: new Date('2026-11-24T09:00:00Z') } });
      await db.consultationRequest.updateMany({ data: { state: 'UNDER_REVIEW' } });
      const comment = await db.comment.findFirstOrThrow({ orderBy: { id: 'asc' } });
      const residentRequest = await db.consultationRequest.findFirstOrThrow();
      for (const pagePath of [`/konsultacje/${SLUG}/dyskusja/${comment.id}/odpowiedz`, `/konsultacje/${SLUG}/dyskusja/${comment.id}/zglos`, `/wnioski/${residentRequest.id}`]) {
        const statuses = await submitAll(request.agent(app), pagePath, next);
        expect(statuses, pagePath).toContain(303);
      }
      await db.comment.updateMany({ data: { status: 'PUBLISHED', publishedAt: new Date('2026-11-24T09:00:00Z') } });
      await db.requestSupport.updateMany({ data: { confirmedAt: new Date('2026-11-24T09:00:00Z'), email: null, tokenHash: null } });
      // The remarks answered and the report published, so the public report shows them too.
      await db.remark.updateMany({ data: { position: 'PARTLY_ACCEPTED', answer: 'Uwzględnimy częściowo.', answeredAt: new Date('2026-11-24T09:00:00Z') } });
      await db.consultation.update({ where: { id: c.id }, data: { reportPublishedAt: new Date('2026-11-24T09:30:00Z') } });

      const stored = {
        comments: await db.comment.count(),
        remarks: await db.remark.count(),
        requests: await db.consultationRequest.count(),
        supports: await db.requestSupport.count(),
        surveyAnswers: await db.surveyAnswer.count(),
        formatRequests: await db.formatRequest.count(),
        commentReports: await db.commentReport.count(),
      };
      for (const [what, count] of Object.entries(stored)) expect(count, `${what} stored`).toBeGreaterThan(0);

      const routes = getRoutes(app);
      const markers = new Set<string>();
      const problems: string[] = [];
      const anonymous = await suite.open();
      const anonymousRan = await watchScripts(anonymous);
      const publicPages = await crawl({
        pages: [anonymous],
        baseUrl: suite.server.baseUrl,
        routes,
        as: 'anonymous',
        start: [`/konsultacje/${SLUG}`, `/konsultacje/${SLUG}/dyskusja`, `/konsultacje/${SLUG}/raport`, '/wnioski', `/wnioski/${residentRequest.id}`, `/ankiety/${survey.id}/wyniki`],
        follow: (p) => p.startsWith(`/konsultacje/${SLUG}`) || p.startsWith('/wnioski') || p.startsWith('/ankiety'),
        check: checker(anonymousRan, markers),
      });

      const staff = await suite.open();
      const staffRan = await watchScripts(staff);
      await suite.signIn(staff, admin.email);
      const panelPages = await crawl({
        pages: [staff],
        baseUrl: suite.server.baseUrl,
        routes,
        as: 'admin',
        start: [`/panel/konsultacje/${c.id}/uwagi`, '/panel/moderacja', '/panel/wnioski', `/panel/wnioski/${residentRequest.id}`, '/panel/prosby-o-format', `/panel/ankiety/${survey.id}/wyniki`, `/panel/konsultacje/${c.id}/raport`, '/panel/dziennik'],
        follow: (p) => [`/panel/konsultacje/${c.id}/uwagi`, '/panel/moderacja', '/panel/wnioski', '/panel/prosby-o-format', `/panel/ankiety/${survey.id}/wyniki`].some((prefix) => p.startsWith(prefix)),
        check: checker(staffRan, markers),
      });

      for (const result of [...publicPages, ...panelPages]) for (const v of result.violations) problems.push(`${result.as} ${result.url}: ${v.rule} ${v.detail}`);
      expect(problems).toEqual([]);
      expect(publicPages.length).toBeGreaterThan(5);
      expect(panelPages.length).toBeGreaterThan(6);
      // The payloads were shown (escaped) on those pages, not merely refused or dropped.
      expect(markers.size).toBeGreaterThan(20);

      // Spreadsheets: the report's table of remarks (public) and the survey's answers (panel).
      const agent = await loginAs(app, admin.email);
      const sheets = [`/konsultacje/${SLUG}/zestawienie-uwag.csv`, `/konsultacje/${SLUG}/zestawienie-uwag.xlsx`, `/panel/ankiety/${survey.id}/eksport.csv`, `/panel/ankiety/${survey.id}/eksport.xlsx`];
      const sheetProblems: string[] = [];
      let formulaSeen = 0;
      for (const url of sheets) {
        const { problems: found, text } = await spreadsheetProblems(agent, url);
        sheetProblems.push(...found);
        if (text.includes(FORMULA)) formulaSeen += 1;
      }
      expect(sheetProblems).toEqual([]);
      // The formula reached at least one export, as text a spreadsheet does not run.
      expect(formulaSeen).toBeGreaterThan(0);
    },
    300_000,
  );
});
